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
        assertThat(outcome.trace().exchanges()).extracting(e -> e.se() + " over " + e.link() + ": " + e.command() + " " + Sw.describe(e.sw()))
                .containsExactly(
                        "Shop SE over internal: SELECT 9000 OK",
                        "Wei SE over nfc: SELECT 9000 OK",
                        "Shop SE over internal: GET CERTIFICATE 9000 OK",
                        "Wei SE over nfc: GET CERTIFICATE 9000 OK",
                        "Shop SE over internal: BEGIN RECEIVE 9000 OK",
                        "Wei SE over nfc: PAY 9000 OK",
                        "Shop SE over internal: RECEIVE 9000 OK");
    }

    @Test
    void aCardCannotPayACard() {
        Device wei = card("Wei", 10_000);
        Device mei = card("Mei", 0);

        PaymentOutcome outcome = PaymentSession.pay(wei, mei, 100);

        assertThat(outcome.status()).isEqualTo(PaymentOutcome.Status.NO_TOUCH);
        assertThat(outcome.reason()).isEqualTo("neither Wei (card) nor Mei (card) has an NFC reader: one side of a touch must be an active reader (a card cannot pay a card)");
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
        assertThat(refused.reason()).isEqualTo("Li (phone with embedded SE) does not answer in Shop's field (battery at 0 %; an eSE phone with a dead battery cannot emulate a card)");
    }

    @Test
    void twoPhonesWithoutBatteryCannotTouch() {
        Device a = Device.phoneWithEse("A", issuer.issuedSe("A", FormFactor.PHONE_ESE, 0), TestDevices.AID, new Battery(0));
        Device b = Device.phoneWithEse("B", issuer.issuedSe("B", FormFactor.PHONE_ESE, 0), TestDevices.AID, new Battery(0));
        assertThat(PaymentSession.pay(a, b, 1).reason()).isEqualTo("no side can power the NFC field: A (phone with embedded SE) has battery at 0 %; B (phone with embedded SE) has battery at 0 %");
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
        assertThat(outcome.reason()).isEqualTo("Wei (phone app wallet without SE) has no hardware wallet: dual-offline payments need a secure element on both sides");
    }
}
