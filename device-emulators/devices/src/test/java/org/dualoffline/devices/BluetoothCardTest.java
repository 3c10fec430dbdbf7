package org.dualoffline.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dualoffline.devices.ble.BleLink;
import org.dualoffline.protocol.FormFactor;
import org.junit.jupiter.api.Test;

/** The Bluetooth card's link: what it costs, where it drops, and that a dead battery costs the link, never a payment. */
class BluetoothCardTest {
    private final TestDevices issuer = new TestDevices(5);

    private BluetoothCard card(String name, long balance) {
        return Device.bluetoothCard(name, issuer.issuedSe(name, FormFactor.CARD, balance), TestDevices.AID, new Battery(80));
    }

    @Test
    void eachExchangeTakesConnectionEventsAndChargeFromTheCardsBattery() {
        BluetoothCard wei = card("Wei", 1_000);
        byte[] status = org.dualoffline.protocol.WalletCommands.getStatus();
        new WalletClient(wei.secureElement(), TestDevices.AID).select();
        int bytes = status.length + wei.secureElement().transceive(status).length; // GET STATUS: 5 + 102 bytes, 6 events
        long events = (bytes + BleLink.BYTES_PER_EVENT - 1) / BleLink.BYTES_PER_EVENT;
        long before = wei.battery().charge();
        BleLink link = wei.link(null);

        assertThat(link.transceive(status)).hasSize(bytes - status.length);

        assertThat(events).isGreaterThan(1);
        assertThat(link.exchanges()).isEqualTo(1);
        assertThat(link.micros()).isEqualTo(events * BleLink.CONNECTION_INTERVAL_MICROS);
        assertThat(before - wei.battery().charge()).isEqualTo(events * BleLink.CHARGE_PER_EVENT);
    }

    @Test
    void aDropBeforeACommandKeepsItFromTheSeAndADropAfterTheAnswerLosesOnlyTheAnswer() {
        BluetoothCard wei = card("Wei", 1_000);
        WalletClient before = new WalletClient(wei.link(new BleLink.Drop(2, false)), TestDevices.AID);
        before.select();
        assertThatThrownBy(before::status).isInstanceOf(BleLink.LinkDroppedException.class).hasMessageContaining("before exchange 2");
        assertThatThrownBy(before::status).as("a dropped link stays down").isInstanceOf(BleLink.LinkDroppedException.class);

        BleLink afterAnswer = wei.link(new BleLink.Drop(1, true));
        assertThatThrownBy(() -> new WalletClient(afterAnswer, TestDevices.AID).select()).isInstanceOf(BleLink.LinkDroppedException.class)
                .hasMessageContaining("after the answer to exchange 1");
        assertThat(afterAnswer.micros()).as("the exchange took place").isPositive();
    }

    @Test
    void aDeadBatteryCostsTheLinkButTheCardStillPaysByNfc() {
        BluetoothCard wei = card("Wei", 10_000);
        wei.battery().drain();

        assertThatThrownBy(() -> new WalletClient(wei.link(null), TestDevices.AID).select()).isInstanceOf(BleLink.NoLinkException.class)
                .hasMessageContaining("battery is empty");
        PaymentOutcome outcome = PaymentSession.pay(wei, Device.pos("Shop", issuer.issuedSe("Shop", FormFactor.POS, 0), TestDevices.AID,
                new PowerSource.Mains()), 2_500);

        assertThat(outcome.completed()).as(outcome.describe()).isTrue();
        assertThat(TestDevices.balance(wei)).isEqualTo(7_500);
    }

    private BluetoothCard card(String name, long balance, org.dualoffline.devices.ble.BleFirmware firmware) {
        return Device.bluetoothCard(name, issuer.issuedSe(name, FormFactor.CARD, balance), TestDevices.AID, new Battery(80), firmware);
    }

    @Test
    void theReferenceFirmwarePassesTheHoldersSessionsAndAnswersEveryOtherCommandItself() {
        BluetoothCard wei = card("Wei", 1_000, org.dualoffline.devices.ble.BleFirmware.HOLDER_SESSIONS);
        BleLink link = wei.link(null);
        WalletClient phone = new WalletClient(link, TestDevices.AID);
        phone.select();
        assertThat(phone.status().balance()).isEqualTo(1_000);
        byte[][] payments = {org.dualoffline.protocol.WalletCommands.pay(100, new byte[16], new byte[10]),
                org.dualoffline.protocol.WalletCommands.beginReceive(100, new byte[10]),
                org.dualoffline.protocol.WalletCommands.receive(new byte[10]), org.dualoffline.protocol.WalletCommands.verifyPin("1234"),
                org.dualoffline.protocol.WalletCommands.unload(100), org.dualoffline.protocol.WalletCommands.initialize(new byte[65]),
                {(byte) 0x80, 0x40}, {0x00, 0x40, 0x00, 0x00}};
        for (byte[] command : payments) {
            byte[] answer = link.transceive(command);
            assertThat(answer).as("the firmware's own answer to %02X %02X", command[0], command.length > 1 ? command[1] : 0)
                    .containsExactly(0x69, (byte) 0x86);
        }
        assertThat(link.passedToSe()).containsExactly("SELECT", "GET STATUS");
        assertThat(link.answeredByFirmware()).hasSize(payments.length);
        assertThat(TestDevices.balance(wei)).isEqualTo(1_000);
    }

    @Test
    void aPaymentRelayedOverBluetoothIsRefusedByTheReferenceFirmwareAndGoesThroughAKnownBadOne() {
        BluetoothCard wei = card("Wei", 1_000, org.dualoffline.devices.ble.BleFirmware.HOLDER_SESSIONS);
        Device shop = Device.pos("Shop", issuer.issuedSe("Shop", FormFactor.POS, 0), TestDevices.AID, new PowerSource.Mains());
        PaymentOutcome relayed = PaymentSession.pay(wei.relayedAsCard(), shop, 100);
        assertThat(relayed.completed()).as(relayed.describe()).isFalse();
        assertThat(wei.links().get(wei.links().size() - 1).passedToSe()).doesNotContain("PAY", "BEGIN RECEIVE", "RECEIVE");
        assertThat(TestDevices.balance(wei)).isEqualTo(1_000);

        BluetoothCard mallory = card("Mallory", 1_000, org.dualoffline.devices.ble.BleFirmware.RELAYS_EVERYTHING);
        Device tag = issuer.tag("Stall");
        PaymentOutcome through = PaymentSession.pay(mallory.relayedAsReader(new Battery(80)), tag, 100);
        assertThat(through.completed()).as("the known-bad firmware lets the phone pay from the card: " + through.describe()).isTrue();
        assertThat(TestDevices.balance(mallory)).isEqualTo(900);
        assertThat(PaymentSession.pay(wei.relayedAsReader(new Battery(80)), issuer.tag("Stall 2"), 100).completed())
                .as("the reference firmware, the phone reading a tag").isFalse();
    }

    @Test
    void aFirmwareIsNamedByTheProfile() {
        assertThat(org.dualoffline.devices.ble.BleFirmware.named("holder-sessions")).isSameAs(org.dualoffline.devices.ble.BleFirmware.HOLDER_SESSIONS);
        assertThat(org.dualoffline.devices.ble.BleFirmware.named("relays-everything")).isSameAs(org.dualoffline.devices.ble.BleFirmware.RELAYS_EVERYTHING);
        assertThatThrownBy(() -> org.dualoffline.devices.ble.BleFirmware.named("all")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ble.firmware");
    }
}
