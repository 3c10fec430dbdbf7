package org.dualoffline.devices;

import org.dualoffline.protocol.FormFactor;

/** The kinds of device the article names, with what each can do in a touch. */
public enum DeviceKind {
    CARD("card", FormFactor.CARD, false),
    /** A card with an e-ink display ({@link VisualCard}): a card in every touch. */
    VISUAL_CARD("visual card", FormFactor.CARD, false),
    /** A card with a battery and a Bluetooth LE link to its holder's phone ({@link BluetoothCard}): a card in every touch. */
    BLUETOOTH_CARD("Bluetooth card", FormFactor.CARD, false),
    WEARABLE("wearable", FormFactor.WEARABLE, false),
    PHONE_ESE("phone with embedded SE", FormFactor.PHONE_ESE, true),
    PHONE_NFC_SIM("phone with NFC-SIM wallet", FormFactor.NFC_SIM, true),
    POS("POS terminal", FormFactor.POS, true),
    NFC_TAG("merchant NFC tag", null, false),
    PHONE_APP("phone app wallet without SE", null, true);

    public final String label;
    public final FormFactor formFactor;
    /** Has an NFC reader (can drive the field when it has power). */
    public final boolean hasReader;

    DeviceKind(String label, FormFactor formFactor, boolean hasReader) {
        this.label = label;
        this.formFactor = formFactor;
        this.hasReader = hasReader;
    }

    public boolean holdsValue() {
        return formFactor != null;
    }

    /** Parses "card", "wearable", "phone", "SIM phone", "POS", "tag" as feature files say them. */
    public static DeviceKind parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "card", "smart card" -> CARD;
            case "visual card", "smart visual card" -> VISUAL_CARD;
            case "bluetooth card" -> BLUETOOTH_CARD;
            case "wearable", "watch", "bracelet" -> WEARABLE;
            case "phone", "phone with ese", "ese phone", "phone with an embedded se" -> PHONE_ESE;
            case "sim phone", "nfc-sim phone", "phone with nfc-sim", "phone with a sim wallet", "sim wallet" -> PHONE_NFC_SIM;
            case "pos", "pos terminal" -> POS;
            case "tag", "nfc tag", "merchant tag" -> NFC_TAG;
            case "app wallet", "phone app wallet" -> PHONE_APP;
            default -> throw new IllegalArgumentException("unknown device kind \"" + text
                    + "\"; known: card, visual card, Bluetooth card, wearable, phone, SIM phone, POS, tag, app wallet");
        };
    }
}
