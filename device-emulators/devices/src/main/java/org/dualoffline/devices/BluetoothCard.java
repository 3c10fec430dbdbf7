package org.dualoffline.devices;

import org.dualoffline.devices.ble.BleFirmware;
import org.dualoffline.devices.ble.BleLink;
import org.dualoffline.se.CardTransport;

/**
 * The article's Bluetooth card: a card that pays by NFC like any card, powered by the reader's
 * field, with a small battery of its own for a Bluetooth LE link to its holder's phone, over which
 * the phone (when online) tops it up and reads its balance. The battery never powers a payment.
 */
public final class BluetoothCard extends Device {
    private final Battery battery;
    private final BleFirmware firmware;
    private final java.util.List<BleLink> links = new java.util.ArrayList<>();

    BluetoothCard(String name, CardTransport se, byte[] aid, Battery battery, BleFirmware firmware) {
        super(name, DeviceKind.BLUETOOTH_CARD, new PowerSource.FieldPowered(), se, aid, null);
        this.battery = battery;
        this.firmware = firmware;
    }

    public BleFirmware firmware() {
        return firmware;
    }

    /** The battery of the Bluetooth link (not of the NFC side). */
    public Battery battery() {
        return battery;
    }

    /** A Bluetooth session with the holder's phone, dropping at {@code drop} (null: never). */
    public BleLink link(BleLink.Drop drop) {
        BleLink link = new BleLink(secureElement(), battery, drop, firmware);
        links.add(link);
        return link;
    }

    /** Every Bluetooth session the card has had, in order. */
    public java.util.List<BleLink> links() {
        return java.util.List.copyOf(links);
    }

    /**
     * The holder's phone relaying this card's wallet over Bluetooth as a card in another reader's
     * field (host card emulation, the card itself anywhere within radio range): the reader sees a
     * card; every command it sends crosses a new Bluetooth session to the card.
     */
    public Device relayedAsCard() {
        return new Device(name(), DeviceKind.CARD, new PowerSource.FieldPowered(), link(null), walletAid(), null);
    }

    /**
     * The holder's phone acting as a reader - of a merchant's tag, or of another wallet - with this
     * card's wallet, out of any field, reached over Bluetooth as if it were the phone's own SE.
     */
    public Device relayedAsReader(Battery phoneBattery) {
        return new Device(name(), DeviceKind.PHONE_ESE, phoneBattery, link(null), walletAid(), null);
    }
}
