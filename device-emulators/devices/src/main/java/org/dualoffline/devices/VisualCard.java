package org.dualoffline.devices;

import org.dualoffline.devices.display.CardFace;
import org.dualoffline.devices.display.DisplayFirmware;
import org.dualoffline.devices.display.EInkDisplay;
import org.dualoffline.se.CardTransport;

/**
 * The article's smart visual card: a card (powered by the reader's field, no reader of its own)
 * with an e-ink display that shows the balance and the last transaction, for people without a
 * smartphone. Its firmware redraws the display at the end of every session in a field.
 */
public final class VisualCard extends Device {
    private final EInkDisplay display;
    private final DisplayFirmware firmware;
    private final java.util.List<CardFace> drawnInTouch = new java.util.ArrayList<>();

    VisualCard(String name, CardTransport se, byte[] aid, DisplayFirmware firmware, CardFace factoryFace) {
        super(name, DeviceKind.VISUAL_CARD, new PowerSource.FieldPowered(), se, aid, null);
        this.display = new EInkDisplay(factoryFace);
        this.firmware = firmware;
    }

    public EInkDisplay display() {
        return display;
    }

    public DisplayFirmware firmware() {
        return firmware;
    }

    /** A payment touch begins, the card in the field: the firmware may draw something before the SE commits (the reference does not). */
    public void touchStarts(long amount, boolean paying) {
        drawnInTouch.clear();
        firmware.beforeCommit(display.face(), amount, paying).ifPresent(face -> {
            display.refresh(face);
            drawnInTouch.add(face);
        });
    }

    /** The faces drawn during the last payment touch, between its start and its last command (the reference draws none). */
    public java.util.List<CardFace> drawnDuringLastTouch() {
        return java.util.List.copyOf(drawnInTouch);
    }

    /** A session in a field ends: the firmware redraws the display from what it reads over {@code wallet}; returns the face drawn. */
    public CardFace sessionEnds(org.dualoffline.devices.WalletClient wallet) {
        CardFace face = firmware.afterSession(wallet);
        display.refresh(face);
        return face;
    }
}
