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
}
