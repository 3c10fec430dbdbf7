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

    /**
     * A redraw after a payment touch, in the reader's field: the face drawn (null when the reader's
     * battery ran out first: the card keeps its previous face), the field time it took after the
     * payment's last command, and the reader's battery charge it used (0 on mains, or when the
     * scenario does not drain batteries).
     */
    public record Redraw(CardFace face, long micros, long readerCharge) {}

    /**
     * A payment touch ends with the card still in {@code reader}'s field: the firmware reads the
     * wallet over {@code wallet}, selected already (every exchange of the redraw, the SELECT
     * included, is in {@code trace}, the redraw's own, on the card's own bus), and redraws the display. The commands are timed on {@code conditions}' clock and speeds, then
     * the e-ink refresh; a reader on a battery pays for the field over that time when the
     * conditions drain batteries, and one whose battery cannot leaves the display as it was.
     */
    public Redraw redrawInField(org.dualoffline.devices.WalletClient wallet, org.dualoffline.se.ApduTrace trace, Device reader,
                                TouchConditions conditions) {
        CardFace face = firmware.afterSession(wallet);
        long micros = new org.dualoffline.devices.timing.TapTimer(conditions.speeds(), conditions.clock()).time(trace.exchanges()).totalMicros()
                + EInkDisplay.REFRESH_MICROS;
        conditions.clock().advance(EInkDisplay.REFRESH_MICROS);
        long charge = 0;
        if (conditions.batteryDrain() && reader.power() instanceof Battery battery) {
            charge = battery.draw().field(micros);
            if (!battery.use(charge)) {
                return new Redraw(null, micros, charge);
            }
        }
        display.refresh(face);
        return new Redraw(face, micros, charge);
    }

    /** A session in a field ends: the firmware redraws the display from what it reads over {@code wallet}; returns the face drawn. */
    public CardFace sessionEnds(org.dualoffline.devices.WalletClient wallet) {
        CardFace face = firmware.afterSession(wallet);
        display.refresh(face);
        return face;
    }
}
