package org.dualoffline.devices;

import org.dualoffline.devices.ble.BleLink;
import org.dualoffline.se.CardTransport;

/**
 * The article's Bluetooth card: a card that pays by NFC like any card, powered by the reader's
 * field, with a small battery of its own for a Bluetooth LE link to its holder's phone, over which
 * the phone (when online) tops it up and reads its balance. The battery never powers a payment.
 */
public final class BluetoothCard extends Device {
    private final Battery battery;

    BluetoothCard(String name, CardTransport se, byte[] aid, Battery battery) {
        super(name, DeviceKind.BLUETOOTH_CARD, new PowerSource.FieldPowered(), se, aid, null);
        this.battery = battery;
    }

    /** The battery of the Bluetooth link (not of the NFC side). */
    public Battery battery() {
        return battery;
    }

    /** A Bluetooth session with the holder's phone, dropping at {@code drop} (null: never). */
    public BleLink link(BleLink.Drop drop) {
        return new BleLink(secureElement(), battery, drop);
    }
}
