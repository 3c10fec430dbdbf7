package org.dualoffline.se.shared;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.Util;

/** A static final computed by a call in the class initialiser: more than a CAP file's constant image. */
public class ComputedStaticApplet extends Applet {
    private static final short SIZE = size();

    private static short size() {
        return 2;
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new ComputedStaticApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        Util.setShort(buf, (short) 0, SIZE);
        apdu.setOutgoingAndSend((short) 0, (short) 2);
    }
}
