package org.dualoffline.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.applet.ApduAssert.assertOk;
import static org.dualoffline.applet.ApduAssert.assertSw;

import org.dualoffline.protocol.Bytes;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.ReceivePolicy;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BEGIN RECEIVE and RECEIVE on the payee's side (spec 5.1). */
class ReceiveTest {
    /** Holding cap ¥100. */
    static final Limits CAPPED = new Limits(1, 50_000, 200_000, 20, 10_000, 20_000, ReceivePolicy.SPENDABLE_AT_ONCE);

    private final Issuer issuer = TestIssuer.reference();
    private TestWallet alice;
    private TestWallet bob;
    private TestWallet carol;

    @BeforeEach
    void threeWallets() {
        alice = TestWallet.active(issuer, 0xA11CE, Limits.defaults());
        bob = TestWallet.active(issuer, 0xB0B, CAPPED);
        carol = TestWallet.active(issuer, 0xCA201, Limits.defaults());
        alice.doLoad(50_000);
        carol.doLoad(50_000);
    }

    private SignedEntry alicePays(long amount, byte[] nonce, TestWallet payee) {
        return SignedEntry.decode(assertOk(alice.pay(amount, nonce, payee.certificate())).data());
    }

    // ------------------------------------------------------------------ BEGIN RECEIVE

    @Test
    void beginReceiveAnswersAFreshNonceEachTime() {
        byte[] first = bob.doBeginReceive(100, alice.certificate());
        byte[] second = bob.doBeginReceive(100, alice.certificate());

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void beginReceiveRefusesDataOfTheWrongLength() {
        byte[] data = Bytes.concat(new byte[] {0, 0, 0, 100}, alice.certificate().encode());

        assertSw(bob.send(Forge.command(WalletCommands.INS_BEGIN_RECEIVE, Forge.truncated(data, data.length - 80))),
                Sw.WRONG_LENGTH);
        assertSw(bob.send(Forge.command(WalletCommands.INS_BEGIN_RECEIVE, Bytes.concat(data, new byte[10]))),
                Sw.WRONG_LENGTH);
    }

    @Test
    void beginReceiveRefusesAZeroAmount() {
        assertSw(bob.beginReceive(0, alice.certificate()), Sw.WRONG_DATA);
    }

    @Test
    void beginReceiveRefusesAPayerCertificateNotSignedByTheIssuer() {
        Certificate rogue = TestIssuer.named("rogue").certify(alice.walletId(), FormFactor.CARD, alice.publicKey());

        assertSw(bob.beginReceive(100, rogue), Sw.BAD_CERTIFICATE);
    }

    @Test
    void beginReceiveRefusesItselfAsPayer() {
        assertSw(bob.beginReceive(100, bob.certificate()), Sw.WRONG_DATA);
    }

    @Test
    void beginReceiveRefusesWhatWouldExceedTheHoldingCap() {
        assertSw(bob.beginReceive(10_001, alice.certificate()), Sw.HOLDING_CAP);
        bob.doBeginReceive(10_000, alice.certificate());
    }

    @Test
    void theHoldingCapCountsBalanceAndHeldValue() {
        bob.doLoad(6_000);

        assertSw(bob.beginReceive(4_001, alice.certificate()), Sw.HOLDING_CAP);
        bob.doBeginReceive(4_000, alice.certificate());
    }

    @Test
    void beginReceiveRefusesWhenTheLogIsFull() {
        TestWallet small = TestWallet.active(issuer, 0xD0D0, CAPPED, 1);
        small.doLoad(100);

        assertSw(small.beginReceive(100, alice.certificate()), Sw.STORAGE_FULL);
    }

    // ------------------------------------------------------------------ RECEIVE

    @Test
    void receiveCreditsTheBalanceUnderSpendableAtOnce() {
        TestWallet.pay(alice, bob, 3_000);

        WalletStatus s = bob.doStatus();
        assertThat(s.balance()).isEqualTo(3_000);
        assertThat(s.held()).isZero();
        assertThat(s.counter()).isEqualTo(1);
        assertThat(s.records()).isEqualTo(1);
        assertThat(s.offlineCount()).as("receipts are not offline payments").isZero();
    }

    @Test
    void receiveWithoutAPendingReceiveIsRefused() {
        SignedEntry payment = alicePays(100, new byte[16], bob);

        assertSw(bob.receive(payment.encode()), Sw.CONDITIONS_NOT_SATISFIED);
    }

    @Test
    void thePendingReceiveIsConsumedByReceive() {
        TestWallet.Payment p = TestWallet.pay(alice, bob, 100);

        assertSw(bob.receive(p.payEntry().encode()), Sw.CONDITIONS_NOT_SATISFIED);
        assertThat(bob.balance()).isEqualTo(100);
    }

    @Test
    void thePendingReceiveIsLostOnDeselect() {
        byte[] nonce = bob.doBeginReceive(100, alice.certificate());
        SignedEntry payment = alicePays(100, nonce, bob);

        assertOk(bob.select());

        assertSw(bob.receive(payment.encode()), Sw.CONDITIONS_NOT_SATISFIED);
    }

    @Test
    void receiveRefusesDataOfTheWrongLength() {
        byte[] nonce = bob.doBeginReceive(100, alice.certificate());
        SignedEntry payment = alicePays(100, nonce, bob);

        assertSw(bob.receive(payment.entryBytes()), Sw.WRONG_LENGTH);
        assertSw(bob.receive(Bytes.concat(payment.encode(), new byte[10])), Sw.WRONG_LENGTH);
    }

    @Test
    void receiveRefusesAnEntryThatIsNotAVersionOnePay() {
        byte[] nonce = bob.doBeginReceive(100, alice.certificate());
        SignedEntry payment = alicePays(100, nonce, bob);

        assertSw(bob.receive(Forge.tamperedEntry(payment, b -> b[1] = 0x02)), Sw.WRONG_DATA);
        assertSw(bob.receive(Forge.tamperedEntry(payment, b -> b[0] = 0x02)), Sw.WRONG_DATA);
    }

    @Test
    void receiveRefusesAPaymentOfAnotherAmount() {
        byte[] nonce = bob.doBeginReceive(100, alice.certificate());

        assertSw(bob.receive(alicePays(200, nonce, bob).encode()), Sw.WRONG_CHALLENGE);
    }

    @Test
    void receiveRefusesAPaymentAnsweringAnotherNonce() {
        byte[] nonce = bob.doBeginReceive(100, alice.certificate());
        byte[] other = nonce.clone();
        other[15] ^= 1;

        assertSw(bob.receive(alicePays(100, other, bob).encode()), Sw.WRONG_CHALLENGE);
    }

    @Test
    void receiveRefusesAPaymentFromAnotherPayer() {
        byte[] nonce = bob.doBeginReceive(100, alice.certificate());
        SignedEntry fromCarol = SignedEntry.decode(assertOk(carol.pay(100, nonce, bob.certificate())).data());

        assertSw(bob.receive(fromCarol.encode()), Sw.WRONG_CHALLENGE);
    }

    @Test
    void receiveRefusesAPaymentToAnotherPayee() {
        byte[] nonce = bob.doBeginReceive(100, alice.certificate());
        SignedEntry toCarol = alicePays(100, nonce, carol);

        assertSw(bob.receive(toCarol.encode()), Sw.WRONG_PAYEE);
        assertThat(bob.balance()).isZero();
    }

    @Test
    void receiveRefusesAPaymentWhoseSignatureDoesNotVerify() {
        byte[] nonce = bob.doBeginReceive(100, alice.certificate());
        SignedEntry payment = alicePays(100, nonce, bob);

        assertSw(bob.receive(Forge.badlySigned(payment)), Sw.BAD_SIGNATURE);
        assertSw(bob.receive(Forge.tamperedEntry(payment, b -> b[100] ^= 1)), Sw.BAD_SIGNATURE);
        assertThat(bob.balance()).isZero();
    }

    @Test
    void aRefusedReceiveKeepsThePendingReceiveForTheGenuineRecord() {
        byte[] nonce = bob.doBeginReceive(100, alice.certificate());
        SignedEntry payment = alicePays(100, nonce, bob);
        assertSw(bob.receive(Forge.badlySigned(payment)), Sw.BAD_SIGNATURE);

        assertOk(bob.receive(payment.encode()));
        assertThat(bob.balance()).isEqualTo(100);
    }

    @Test
    void receiveChecksTheLogAgainAfterBeginReceive() {
        TestWallet small = TestWallet.active(issuer, 0xD0D0, CAPPED, 2);
        small.doLoad(100);
        byte[] nonce = small.doBeginReceive(100, alice.certificate());
        small.doLoad(100);
        SignedEntry payment = alicePays(100, nonce, small);

        assertSw(small.receive(payment.encode()), Sw.STORAGE_FULL);
        assertThat(small.balance()).isEqualTo(200);
    }

    @Test
    void receiveChecksTheHoldingCapAgainAfterBeginReceive() {
        byte[] nonce = bob.doBeginReceive(6_000, alice.certificate());
        bob.doLoad(5_000);
        SignedEntry payment = alicePays(6_000, nonce, bob);

        assertSw(bob.receive(payment.encode()), Sw.HOLDING_CAP);
        assertThat(bob.balance()).isEqualTo(5_000);
    }
}
