package org.dualoffline.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.applet.ApduAssert.assertOk;
import static org.dualoffline.applet.ApduAssert.assertSw;
import static org.dualoffline.applet.ApduAssert.pinWrong;

import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** VERIFY PIN and the PIN rule of PAY (spec 5, 5.1). Default limits: PIN above ¥200. */
class PinTest {
    private final Issuer issuer = TestIssuer.reference();
    private final long threshold = Limits.defaults().pinFreeThreshold();
    private TestWallet payer;
    private TestWallet payee;

    @BeforeEach
    void twoActiveWallets() {
        payer = TestWallet.active(issuer, 0xA1, Limits.defaults());
        payee = TestWallet.active(issuer, 0xB2, Limits.defaults());
        payer.doLoad(100_000);
    }

    @Test
    void theRightPinVerifiesAndKeepsAllTries() {
        assertOk(payer.verifyPin(TestWallet.PIN));

        assertThat(payer.doStatus().pinTriesRemaining()).isEqualTo(3);
    }

    @Test
    void eachWrongPinAnswersTheTriesLeftThenThePinIsBlocked() {
        assertSw(payer.verifyPin("9999"), pinWrong(2));
        assertSw(payer.verifyPin("99999"), pinWrong(1));
        assertSw(payer.verifyPin("0000"), pinWrong(0));

        assertSw(payer.verifyPin(TestWallet.PIN), Sw.PIN_BLOCKED);
        assertThat(payer.doStatus().pinTriesRemaining()).isZero();
    }

    @Test
    void theRightPinRestoresTheTriesAfterAWrongOne() {
        assertSw(payer.verifyPin("4321"), pinWrong(2));

        assertOk(payer.verifyPin(TestWallet.PIN));
        assertThat(payer.doStatus().pinTriesRemaining()).isEqualTo(3);
    }

    @Test
    void aPinOutsideFourToEightDigitsIsRefusedWithoutUsingATry() {
        assertSw(payer.send(Forge.command(WalletCommands.INS_VERIFY_PIN, new byte[] {1, 2, 3})), Sw.WRONG_LENGTH);
        assertSw(payer.send(Forge.command(WalletCommands.INS_VERIFY_PIN, new byte[9])), Sw.WRONG_LENGTH);
        assertSw(payer.send(Forge.command(WalletCommands.INS_VERIFY_PIN, new byte[] {1, 2, 3, 0x0A})), Sw.WRONG_DATA);

        assertThat(payer.doStatus().pinTriesRemaining()).isEqualTo(3);
    }

    @Test
    void aPaymentAboveThePinFreeThresholdNeedsAVerifiedPin() {
        byte[] nonce = payee.doBeginReceive(threshold + 1, payer.certificate());

        assertSw(payer.pay(threshold + 1, nonce, payee.certificate()), Sw.PIN_REQUIRED);
        assertThat(payer.balance()).isEqualTo(100_000);

        assertOk(payer.verifyPin(TestWallet.PIN));
        assertOk(payer.pay(threshold + 1, nonce, payee.certificate()));
    }

    @Test
    void aPaymentAtThePinFreeThresholdNeedsNoPin() {
        TestWallet.pay(payer, payee, threshold);

        assertThat(payer.balance()).isEqualTo(100_000 - threshold);
    }

    @Test
    void theVerifiedPinIsForgottenWhenTheWalletIsDeselected() {
        assertOk(payer.verifyPin(TestWallet.PIN));
        assertOk(payer.select());

        byte[] nonce = payee.doBeginReceive(threshold + 1, payer.certificate());
        assertSw(payer.pay(threshold + 1, nonce, payee.certificate()), Sw.PIN_REQUIRED);
    }

    @Test
    void theVerifiedPinIsForgottenOnPowerLoss() {
        assertOk(payer.verifyPin(TestWallet.PIN));
        payer.powerCycle();

        byte[] nonce = payee.doBeginReceive(threshold + 1, payer.certificate());
        assertSw(payer.pay(threshold + 1, nonce, payee.certificate()), Sw.PIN_REQUIRED);
    }

    @Test
    void aBlockedPinStillAllowsPaymentsUpToTheThreshold() {
        for (int i = 0; i < 3; i++) {
            payer.verifyPin("9876");
        }
        byte[] nonce = payee.doBeginReceive(threshold + 1, payer.certificate());

        assertSw(payer.pay(threshold + 1, nonce, payee.certificate()), Sw.PIN_REQUIRED);
        TestWallet.pay(payer, payee, threshold);
    }

    @Test
    void theTriesLeftSurvivePowerLoss() {
        assertSw(payer.verifyPin("9999"), pinWrong(2));

        payer.powerCycle();

        assertThat(payer.doStatus().pinTriesRemaining()).isEqualTo(2);
    }
}
