package org.dualoffline.se.gm;

import javacard.framework.APDU;
import javacard.framework.Applet;
import org.dualoffline.jcx.gm.GM;
import org.dualoffline.jcx.gm.Sm3Digest;

/** Holds the extension's digest as its concrete class, past the Java Card types the runtime bridges. */
public class ConcreteGmTypeApplet extends Applet {
    private final Sm3Digest digest = (Sm3Digest) GM.sm3();

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new ConcreteGmTypeApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        digest.doFinal(buf, (short) 0, (short) 4, buf, (short) 0);
    }
}
