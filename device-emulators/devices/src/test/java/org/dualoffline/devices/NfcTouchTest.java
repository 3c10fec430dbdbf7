package org.dualoffline.devices;

import static org.assertj.core.api.Assertions.assertThat;

import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Sw;
import org.junit.jupiter.api.Test;

class NfcTouchTest {
    private final TestDevices issuer = new TestDevices(1);

    private Device card(String name, long balance) {
        return Device.card(name, issuer.issuedSe(name, FormFactor.CARD, balance), TestDevices.AID);
    }

    private Device pos(String name) {
        return Device.pos(name, issuer.issuedSe(name, FormFactor.POS, 0), TestDevices.AID, new PowerSource.Mains());
    }

    @Test
    void aCardPaysAPosAndTheValueMovesExactly() {
        Device wei = card("Wei", 10_000);
        Device shop = pos("Shop");

        PaymentOutcome outcome = PaymentSession.pay(wei, shop, 2_500);

        assertThat(outcome.completed()).as(outcome.describe()).isTrue();
        assertThat(TestDevices.balance(wei)).isEqualTo(7_500);
        assertThat(TestDevices.balance(shop)).isEqualTo(2_500);
        assertThat(outcome.payerRecord().entry().counter()).isEqualTo(2);
        assertThat(outcome.payeeReceipt().entry().refHash()).isEqualTo(outcome.payerRecord().hash());
    }

    @Test
    void thePosIsTheReaderAndTheCardAnswersOverNfc() {
        PaymentOutcome outcome = PaymentSession.pay(card("Wei", 10_000), pos("Shop"), 100);
        assertThat(outcome.trace().exchanges()).allSatisfy(e ->
                assertThat(e.link()).isEqualTo(e.se().startsWith("Wei") ? NfcTouch.LINK_NFC : NfcTouch.LINK_INTERNAL));
        assertThat(outcome.trace().render()).contains("PAY").contains("BEGIN RECEIVE").contains("RECEIVE").contains("9000 OK");
    }

    @Test
    void aCardCannotPayACard() {
        Device wei = card("Wei", 10_000);
        Device mei = card("Mei", 0);

        PaymentOutcome outcome = PaymentSession.pay(wei, mei, 100);

        assertThat(outcome.status()).isEqualTo(PaymentOutcome.Status.NO_TOUCH);
        assertThat(outcome.reason()).contains("neither Wei (card) nor Mei (card) has an NFC reader");
        assertThat(TestDevices.balance(wei)).isEqualTo(10_000);
    }

    @Test
    void aSimWalletAnswersWithItsPhoneDeadButAnEseWalletDoesNot() {
        Battery dead = new Battery(0);
        Device sim = Device.phoneWithSim("Wei", issuer.issuedSe("Wei", FormFactor.NFC_SIM, 5_000), TestDevices.AID, dead);
        Device ese = Device.phoneWithEse("Li", issuer.issuedSe("Li", FormFactor.PHONE_ESE, 5_000), TestDevices.AID, new Battery(0));
        Device shop = pos("Shop");

        assertThat(PaymentSession.pay(sim, shop, 1_000).completed()).isTrue();
        PaymentOutcome refused = PaymentSession.pay(ese, shop, 1_000);
        assertThat(refused.status()).isEqualTo(PaymentOutcome.Status.NO_TOUCH);
        assertThat(refused.reason()).contains("cannot emulate a card");
    }

    @Test
    void twoPhonesWithoutBatteryCannotTouch() {
        Device a = Device.phoneWithEse("A", issuer.issuedSe("A", FormFactor.PHONE_ESE, 0), TestDevices.AID, new Battery(0));
        Device b = Device.phoneWithEse("B", issuer.issuedSe("B", FormFactor.PHONE_ESE, 0), TestDevices.AID, new Battery(0));
        assertThat(PaymentSession.pay(a, b, 1).reason()).contains("no side can power the NFC field");
    }

    @Test
    void aPaymentTheWalletRefusesNamesTheSideAndTheStatusWord() {
        Device wei = card("Wei", 1_000);
        Device shop = pos("Shop");

        PaymentOutcome outcome = PaymentSession.pay(wei, shop, 5_000);

        assertThat(outcome.status()).isEqualTo(PaymentOutcome.Status.REFUSED);
        assertThat(outcome.refusedBy()).isEqualTo("Wei");
        assertThat(Sw.describe(outcome.sw())).isEqualTo(Sw.describe(Sw.INSUFFICIENT_FUNDS));
        assertThat(TestDevices.balance(shop)).isZero();
    }

    @Test
    void anAppWalletWithoutSecureElementCannotPayDualOffline() {
        Device app = Device.appWallet("Wei", new Battery(50));
        PaymentOutcome outcome = PaymentSession.pay(app, pos("Shop"), 100);
        assertThat(outcome.status()).isEqualTo(PaymentOutcome.Status.NO_TOUCH);
        assertThat(outcome.reason()).contains("has no hardware wallet");
    }
}
