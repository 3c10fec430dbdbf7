package org.dualoffline.se.seal.rogue;

import javacard.framework.APDU;
import javacard.framework.Applet;

/** Not Java Card: declares a native method (a card runs no native code of an applet's). */
public class NativeApplet extends Applet {
    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new NativeApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (!selectingApplet()) {
            poke(apdu.getBuffer());
        }
    }

    private static native void poke(byte[] buffer);
}
