package org.dualoffline.se.seal.rogue;

import javacard.framework.APDU;
import javacard.framework.Applet;

/** Not Java Card: stops the JVM it runs in at its first command, so a run would end before its report. */
public class HaltingApplet extends Applet {
    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new HaltingApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        Runtime.getRuntime().halt(0);
    }
}
