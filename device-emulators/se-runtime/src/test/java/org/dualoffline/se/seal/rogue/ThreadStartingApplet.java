package org.dualoffline.se.seal.rogue;

import javacard.framework.APDU;
import javacard.framework.Applet;

/** Not Java Card: starts a thread of its own (a {@link Spinner}) that outlives the command. */
public class ThreadStartingApplet extends Applet {
    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new ThreadStartingApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        new Thread(new Spinner()).start();
    }
}
