package org.dualoffline.se.seal.rogue;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;

/** Not Java Card: keeps a total in a long (Java Card has no long; a purse adds with byte arrays). */
public class LongArithmeticApplet extends Applet {
    private long total;

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new LongArithmeticApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        total += apdu.getBuffer()[ISO7816.OFFSET_P1];
    }
}
