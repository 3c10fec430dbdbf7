package org.dualoffline.devices;

import java.util.Optional;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.se.CardTransport;

/**
 * A device in a touch: a card, wearable, phone, POS or tag. It may hold a secure element with
 * a wallet; it may have a reader; it has a power source. What it can do in a touch follows
 * from those three facts.
 */
public class Device {
    private final String name;
    private final DeviceKind kind;
    private final PowerSource power;
    private final CardTransport secureElement;
    private final byte[] walletAid;
    private final Certificate tagIdentity;

    protected Device(String name, DeviceKind kind, PowerSource power, CardTransport secureElement, byte[] walletAid, Certificate tagIdentity) {
        this.name = name;
        this.kind = kind;
        this.power = power;
        this.secureElement = secureElement;
        this.walletAid = walletAid == null ? null : walletAid.clone();
        this.tagIdentity = tagIdentity;
        if (kind.holdsValue() && secureElement == null) {
            throw new IllegalArgumentException(kind.label + " " + name + " needs a secure element");
        }
    }

    public static Device card(String name, CardTransport se, byte[] aid) {
        return new Device(name, DeviceKind.CARD, new PowerSource.FieldPowered(), se, aid, null);
    }

    /** A visual card whose display {@code firmware} draws, showing {@code factoryFace} until its first field. */
    public static VisualCard visualCard(String name, CardTransport se, byte[] aid, org.dualoffline.devices.display.DisplayFirmware firmware,
                                        org.dualoffline.devices.display.CardFace factoryFace) {
        return new VisualCard(name, se, aid, firmware, factoryFace);
    }

    /** A Bluetooth card: a card in every touch, with {@code battery} for its Bluetooth link to the holder's phone. */
    public static BluetoothCard bluetoothCard(String name, CardTransport se, byte[] aid, Battery battery) {
        return bluetoothCard(name, se, aid, battery, org.dualoffline.devices.ble.BleFirmware.HOLDER_SESSIONS);
    }

    /** A Bluetooth card whose link {@code firmware} passes what it does to the SE. */
    public static BluetoothCard bluetoothCard(String name, CardTransport se, byte[] aid, Battery battery,
                                              org.dualoffline.devices.ble.BleFirmware firmware) {
        return new BluetoothCard(name, se, aid, battery, firmware);
    }

    public static Device wearable(String name, CardTransport se, byte[] aid, Battery battery) {
        return new Device(name, DeviceKind.WEARABLE, battery, se, aid, null);
    }

    public static Device phoneWithEse(String name, CardTransport se, byte[] aid, Battery battery) {
        return new Device(name, DeviceKind.PHONE_ESE, battery, se, aid, null);
    }

    public static Device phoneWithSim(String name, CardTransport se, byte[] aid, Battery battery) {
        return new Device(name, DeviceKind.PHONE_NFC_SIM, battery, se, aid, null);
    }

    public static Device pos(String name, CardTransport se, byte[] aid, PowerSource power) {
        return new Device(name, DeviceKind.POS, power, se, aid, null);
    }

    /** A merchant's passive tag: holds the merchant's wallet certificate as payee identity, no value. */
    public static Device tag(String name, Certificate merchantIdentity) {
        return new Device(name, DeviceKind.NFC_TAG, new PowerSource.FieldPowered(), null, null, merchantIdentity);
    }

    public static Device appWallet(String name, Battery battery) {
        return new Device(name, DeviceKind.PHONE_APP, battery, null, null, null);
    }

    public String name() {
        return name;
    }

    public DeviceKind kind() {
        return kind;
    }

    public PowerSource power() {
        return power;
    }

    /** Can drive an NFC field now: has a reader and power. */
    public boolean canRead() {
        return kind.hasReader && power.hasPower();
    }

    /**
     * Answers in a reader's field. Cards, wearables and tags always do. A phone does while it
     * has battery; with the battery dead only an NFC-SIM wallet does (the NFC controller and
     * the SIM run from the field: battery-off card emulation). An eSE phone with a dead battery
     * does not answer (the reference policy; the vendor profile may say otherwise in a later
     * version). A phone app wallet answers by host card emulation while it has battery, but has
     * no SE to pay from. A POS never acts as a card.
     */
    public boolean answersInField() {
        return switch (kind) {
            case CARD, VISUAL_CARD, BLUETOOTH_CARD, WEARABLE, NFC_TAG -> true;
            case PHONE_ESE, PHONE_APP -> power.hasPower();
            case PHONE_NFC_SIM -> true;
            case POS -> false;
        };
    }

    public boolean holdsWallet() {
        return secureElement != null;
    }

    public CardTransport secureElement() {
        if (secureElement == null) {
            throw new IllegalStateException(kind.label + " " + name + " has no secure element");
        }
        return secureElement;
    }

    public byte[] walletAid() {
        return walletAid.clone();
    }

    public Optional<Certificate> tagIdentity() {
        return Optional.ofNullable(tagIdentity);
    }

    @Override
    public String toString() {
        return name + " (" + kind.label + ")";
    }
}
