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
}
