package org.dualoffline.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dualoffline.devices.timing.ApduTime;
import org.dualoffline.devices.timing.SeSpeedProfile;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.ApduTrace;
import org.dualoffline.se.ResponseApdu;
import org.junit.jupiter.api.Test;

/**
 * The power model with real jcardsim wallets: a reader whose battery runs out mid-tap, a phone
 * that dies while it pays, and the policy for wallets in a phone with a dead battery.
 */
class PowerLossTest {
    private final TestDevices issuer = new TestDevices(3);
    private final TouchConditions conditions = TouchConditions.typical().withBatteryDrain();

    private Device card(String name, long balance) {
        return Device.card(name, issuer.meteredSe(name, FormFactor.CARD, balance), TestDevices.AID);
    }

    private Device posOn(String name, PowerSource power) {
        return Device.pos(name, issuer.meteredSe(name, FormFactor.POS, 0), TestDevices.AID, power);
    }

    private Device esePhone(String name, long balance, Battery battery) {
        return Device.phoneWithEse(name, issuer.meteredSe(name, FormFactor.PHONE_ESE, balance), TestDevices.AID, battery);
    }

    private Device simPhone(String name, long balance, Battery battery) {
        return Device.phoneWithSim(name, issuer.meteredSe(name, FormFactor.NFC_SIM, balance), TestDevices.AID, battery);
    }

    /** True if the SE still has the wallet selected; a torn SE has no applet selected. */
    private static boolean stillSelected(Device d) {
        return ResponseApdu.of(d.secureElement().transceive(WalletCommands.getStatus())).sw() == Sw.OK;
    }

    @Test
    void aPosAtOnePercentLosesPowerWhileTheCardSignsAndNoValueIsCreated() {
        Device wei = card("Wei", 10_000);
        Device shop = posOn("Shop", new Battery(1));

        PaymentOutcome outcome = PaymentSession.pay(wei, shop, 2_500, null, conditions);

        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(PaymentOutcome.Status.POWER_LOST);
        PowerCut cut = outcome.powerCut();
        assertThat(cut.device()).isEqualTo("Shop");
        assertThat(cut.apdu()).isEqualTo(6);
        assertThat(cut.command()).isEqualTo("PAY");
        assertThat(cut.se()).isEqualTo("Wei SE");
        assertThat(cut.responseLost()).isTrue();
        assertThat(cut.torn()).containsExactly("Wei SE", "Shop SE");
        assertThat(((Battery) shop.power()).hasPower()).isFalse();

        assertThat(outcome.payerDebited()).isTrue();
        assertThat(outcome.payeeCredited()).isFalse();
        assertThat(outcome.payerRecord().entry().amount()).isEqualTo(2_500);
        long payerLost = 10_000 - TestDevices.balance(wei);
        long payeeGained = TestDevices.balance(shop);
        assertThat(payerLost).isEqualTo(2_500);
        assertThat(payeeGained).isZero();
        assertThat(outcome.describe()).isEqualTo("power lost: Shop (POS terminal)'s battery ran out and the field dropped during APDU 6 (PAY to Wei SE: the response never reached the reader); torn: Wei SE, Shop SE; the payer was debited ¥25.00 (record #2), the payee was not credited: the payer's record settles it at sync");
        assertThat(outcome.trace().render()).contains("field off: Shop (POS terminal) ran out of power during APDU 6 (PAY); torn: Wei SE, Shop SE");
    }

    @Test
    void theFieldDropTearsTheCardAndThePosOwnSe() {
        Device wei = card("Wei", 10_000);
        Device shop = posOn("Shop", new Battery(1));

        PaymentSession.pay(wei, shop, 2_500, null, conditions);

        assertThat(stillSelected(wei)).as("the card's SE was torn: no applet selected").isFalse();
        assertThat(stillSelected(shop)).as("the POS's SE was torn: no applet selected").isFalse();
    }

    @Test
    void theSameTouchAlwaysLosesPowerAtTheSameApdu() {
        for (int run = 0; run < 3; run++) {
            PaymentOutcome outcome = PaymentSession.pay(card("Wei", 10_000), posOn("Shop", new Battery(1)), 2_500, null,
                    TouchConditions.typical().withBatteryDrain());
            assertThat(outcome.powerCut().apdu()).isEqualTo(6);
            assertThat(outcome.tapTime().apdus()).hasSize(6);
        }
    }

    @Test
    void aRetapWithARechargedPosCompletesAndEveryFenIsAccountedFor() {
        Device wei = card("Wei", 10_000);
        Battery battery = new Battery(1);
        Device shop = posOn("Shop", battery);
        PaymentOutcome lost = PaymentSession.pay(wei, shop, 2_500, null, conditions);

        battery.setPercent(100);
        PaymentOutcome retap = PaymentSession.pay(wei, shop, 2_500, null, conditions);

        assertThat(retap.completed()).as(retap.describe()).isTrue();
        assertThat(retap.payerRecord().entry().counter()).isEqualTo(lost.payerRecord().entry().counter() + 1);
        long inFlight = lost.payerDebited() && !lost.payeeCredited() ? lost.payerRecord().entry().amount() : 0;
        assertThat(TestDevices.balance(wei) + TestDevices.balance(shop) + inFlight).isEqualTo(10_000);
    }

    @Test
    void aPosAtTwoPercentCompletesAndPaysForEveryApduAndEveryMillisecondOfField() {
        Battery battery = new Battery(2);
        PaymentOutcome outcome = PaymentSession.pay(card("Wei", 10_000), posOn("Shop", battery), 2_500, null, conditions);

        assertThat(outcome.completed()).as(outcome.describe()).isTrue();
        long used = 0;
        for (ApduTime a : outcome.tapTime().apdus()) {
            used += PowerDraw.REFERENCE.readerPerApdu() + PowerDraw.REFERENCE.field(a.totalMicros());
        }
        assertThat(battery.charge()).isEqualTo(2 * PowerDraw.ONE_PERCENT - used);
    }

    @Test
    void aPosWhoseBatteryRunsOutWhileItsOwnSeSignsTheReceiptReportsBothSignedRecords() {
        // the same tap on a twin pair of devices (same issuer, same ids, same keys), with the POS charged
        TestDevices twins = new TestDevices(3);
        PaymentOutcome full = PaymentSession.pay(Device.card("Wei", twins.meteredSe("Wei", FormFactor.CARD, 10_000), TestDevices.AID),
                Device.pos("Shop", twins.meteredSe("Shop", FormFactor.POS, 0), TestDevices.AID, new Battery(100)), 2_500, null,
                TouchConditions.typical().withBatteryDrain());
        long tapCharge = 0;
        for (ApduTime a : full.tapTime().apdus()) {
            tapCharge += PowerDraw.REFERENCE.readerPerApdu() + PowerDraw.REFERENCE.field(a.totalMicros());
        }
        Device wei = card("Wei", 10_000);
        Device shop = posOn("Shop", Battery.charged((double) tapCharge / PowerDraw.ONE_PERCENT, PowerDraw.REFERENCE));

        PaymentOutcome outcome = PaymentSession.pay(wei, shop, 2_500, null, conditions);

        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(PaymentOutcome.Status.POWER_LOST);
        assertThat(outcome.powerCut().command()).isEqualTo("RECEIVE");
        assertThat(outcome.powerCut().se()).isEqualTo("Shop SE");
        assertThat(outcome.powerCut().responseLost()).isTrue();
        assertThat(outcome.payerRecord().entry().amount()).isEqualTo(2_500);
        assertThat(outcome.payeeReceipt().entry().amount()).isEqualTo(2_500);
        assertThat(outcome.payeeReceipt().entry().peerCounter()).isEqualTo(outcome.payerRecord().entry().counter());
        assertThat(TestDevices.balance(wei)).isEqualTo(7_500);
        assertThat(TestDevices.balance(shop)).isEqualTo(2_500);
        assertThat(outcome.describe()).endsWith("the payer was debited ¥25.00 (record #2) and the payee credited (receipt #1)");
    }

    @Test
    void aPosOnTheMainsNeverLosesPower() {
        PaymentOutcome outcome = PaymentSession.pay(card("Wei", 10_000), posOn("Shop", new PowerSource.Mains()), 2_500, null, conditions);
        assertThat(outcome.completed()).as(outcome.describe()).isTrue();
    }

    @Test
    void aPhoneReadingACardAtOnePercentTearsItsOwnEmbeddedSeToo() {
        Device wei = card("Wei", 10_000);
        Device mei = esePhone("Mei", 0, new Battery(1));

        PaymentOutcome outcome = PaymentSession.pay(wei, mei, 1_000, null, conditions);

        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(PaymentOutcome.Status.POWER_LOST);
        assertThat(outcome.powerCut().device()).isEqualTo("Mei");
        assertThat(outcome.powerCut().torn()).containsExactly("Wei SE", "Mei SE");
        assertThat(outcome.powerCut().command()).isEqualTo("PAY");
        assertThat(outcome.powerCut().responseLost()).isTrue();
        assertThat(outcome.payerRecord().entry().amount()).isEqualTo(1_000);
        assertThat(outcome.payeeCredited()).isFalse();
        assertThat(TestDevices.balance(wei)).isEqualTo(9_000);
        assertThat(TestDevices.balance(mei)).isZero();
    }

    @Test
    void anEsePhoneThatDiesBeforeItSignsEndsThePaymentWithNothingDebited() {
        Device li = esePhone("Li", 10_000, new Battery(80));
        Device shop = posOn("Shop", new PowerSource.Mains());

        PaymentOutcome outcome = PaymentSession.pay(li, shop, 3_000, null, conditions.withBatteryDyingBefore(li, "PAY"));

        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(PaymentOutcome.Status.POWER_LOST);
        assertThat(outcome.powerCut().device()).isEqualTo("Li");
        assertThat(outcome.powerCut().command()).isEqualTo("PAY");
        assertThat(outcome.powerCut().responseLost()).isFalse();
        assertThat(outcome.powerCut().torn()).containsExactly("Li SE");
        assertThat(outcome.payerDebited()).isFalse();
        assertThat(stillSelected(li)).isFalse();
        assertThat(TestDevices.balance(li)).isEqualTo(10_000);
        assertThat(TestDevices.balance(shop)).isZero();
    }

    @Test
    void aSimPhoneThatDiesDuringThePaymentStillPaysFromTheField() {
        Device wei = simPhone("Wei", 10_000, new Battery(80));
        Device shop = posOn("Shop", new PowerSource.Mains());

        PaymentOutcome outcome = PaymentSession.pay(wei, shop, 3_000, null, conditions.withBatteryDyingBefore(wei, "PAY"));

        assertThat(outcome.completed()).as(outcome.describe()).isTrue();
        assertThat(((Battery) wei.power()).hasPower()).isFalse();
        assertThat(outcome.trace().render()).contains("its SIM wallet keeps answering, powered by the reader's field");
        assertThat(TestDevices.balance(wei)).isEqualTo(7_000);
        assertThat(TestDevices.balance(shop)).isEqualTo(3_000);
    }

    @Test
    void anEsePhoneThatDiesAfterSigningStillPaysBecauseThePosHoldsTheRecord() {
        Device li = esePhone("Li", 10_000, new Battery(80));
        Device shop = posOn("Shop", new PowerSource.Mains());

        PaymentOutcome outcome = PaymentSession.pay(li, shop, 3_000, null, conditions.withBatteryDyingBefore(li, "RECEIVE"));

        assertThat(outcome.completed()).as(outcome.describe()).isTrue();
        assertThat(TestDevices.balance(li)).isEqualTo(7_000);
        assertThat(TestDevices.balance(shop)).isEqualTo(3_000);
    }

    @Test
    void anEsePhoneAlmostEmptyDiesWhileAnsweringInTheField() {
        Device li = esePhone("Li", 10_000, Battery.charged(0.0005, PowerDraw.REFERENCE));
        Device shop = posOn("Shop", new PowerSource.Mains());

        PaymentOutcome outcome = PaymentSession.pay(li, shop, 3_000, null, conditions);

        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(PaymentOutcome.Status.POWER_LOST);
        assertThat(outcome.powerCut().apdu()).isEqualTo(2);
        assertThat(outcome.powerCut().command()).isEqualTo("SELECT");
        assertThat(outcome.powerCut().responseLost()).isTrue();
        assertThat(TestDevices.balance(li)).isEqualTo(10_000);
    }

    @Test
    void aSimPhoneAlmostEmptyPaysAndEndsWithItsBatteryDead() {
        Device wei = simPhone("Wei", 10_000, Battery.charged(0.0005, PowerDraw.REFERENCE));
        Device shop = posOn("Shop", new PowerSource.Mains());

        PaymentOutcome outcome = PaymentSession.pay(wei, shop, 3_000, null, conditions);

        assertThat(outcome.completed()).as(outcome.describe()).isTrue();
        assertThat(((Battery) wei.power()).hasPower()).isFalse();
    }

    @Test
    void withTheBatteryAlreadyDeadASimWalletPaysAndAnEseWalletCannotTouch() {
        Device wei = simPhone("Wei", 10_000, new Battery(0));
        Device li = esePhone("Li", 10_000, new Battery(0));
        Device shop = posOn("Shop", new PowerSource.Mains());

        PaymentOutcome sim = PaymentSession.pay(wei, shop, 1_000, null, conditions);
        PaymentOutcome ese = PaymentSession.pay(li, shop, 1_000, null, conditions);

        assertThat(sim.completed()).as(sim.describe()).isTrue();
        assertThat(((Battery) wei.power()).charge()).isZero();
        assertThat(ese.status()).isEqualTo(PaymentOutcome.Status.NO_TOUCH);
        assertThat(ese.reason()).isEqualTo("Li (phone with embedded SE) does not answer in Shop's field (battery at 0 %; an eSE phone with a dead battery cannot emulate a card)");
    }

    @Test
    void aPhoneInCardEmulationPaysLittleForATap() {
        Battery phone = new Battery(1);
        Device wei = esePhone("Wei", 10_000, phone);

        PaymentOutcome outcome = PaymentSession.pay(wei, posOn("Shop", new PowerSource.Mains()), 1_000, null, conditions);

        assertThat(outcome.completed()).as(outcome.describe()).isTrue();
        long used = outcome.tapTime().apdus().stream().mapToLong(a -> PowerDraw.REFERENCE.cardEmulation(a.totalMicros())).sum();
        assertThat(phone.charge()).isEqualTo(PowerDraw.ONE_PERCENT - used).isGreaterThan(PowerDraw.ONE_PERCENT * 9 / 10);
    }

    @Test
    void onlyADeviceWithABatteryCanBePlannedToDie() {
        Device wei = card("Wei", 0);
        assertThatThrownBy(() -> conditions.withBatteryDyingBefore(wei, "PAY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Wei (card) has no battery to die (powered by the reader's field)");
    }

    @Test
    void withoutConditionsATouchIsTimedOnTypicalSesAndDrainsNoBattery() {
        Battery phone = new Battery(80);
        Device wei = card("Wei", 10_000);
        Device mei = esePhone("Mei", 0, phone);

        PaymentOutcome outcome = PaymentSession.pay(wei, mei, 1_000);

        assertThat(outcome.completed()).isTrue();
        assertThat(phone.charge()).isEqualTo(80 * PowerDraw.ONE_PERCENT);
        assertThat(outcome.tapTime().apdus()).hasSize(7);
        assertThat(outcome.tapTime().withinContactlessBudget()).as(outcome.tapTime().render()).isTrue();
        assertThat(outcome.trace().notes()).last().isEqualTo(new ApduTrace.Note(7, outcome.tapTime().summary()));
    }

    @Test
    void touchesOfAScenarioFollowEachOtherOnItsClock() {
        TouchConditions scenario = TouchConditions.typical().withSpeed(card("Wei", 0), SeSpeedProfile.LOW_END_CARD);
        Device wei = card("Wei", 10_000);
        Device shop = posOn("Shop", new PowerSource.Mains());

        PaymentOutcome first = PaymentSession.pay(wei, shop, 1_000, null, scenario);
        PaymentOutcome second = PaymentSession.pay(wei, shop, 1_000, null, scenario);

        assertThat(second.tapTime().startMicros()).isEqualTo(first.tapTime().endMicros());
        assertThat(scenario.clock().nowMicros()).isEqualTo(second.tapTime().endMicros());
        assertThat(first.tapTime().apdus()).filteredOn(a -> a.se().equals("Wei SE"))
                .allSatisfy(a -> assertThat(a.profile()).isEqualTo(SeSpeedProfile.LOW_END_CARD));
    }
}
