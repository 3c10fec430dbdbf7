package org.dualoffline.se.shared;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.Util;

/** A mutable static: on a card it is the card's own, so SEs must never share it. */
public class StaticCounterApplet extends Applet {
    private static short count;

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new StaticCounterApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        count++;
        Util.setShort(buf, ISO7816.OFFSET_CDATA, count);
        apdu.setOutgoingAndSend(ISO7816.OFFSET_CDATA, (short) 2);
    }
}
