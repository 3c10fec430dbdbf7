package org.dualoffline.se.seal.rogue;

import javacard.framework.APDU;
import javacard.framework.Applet;

/** Not Java Card: ends the process when it sees it is being tested (a system property of the harness). */
public class ExitingApplet extends Applet {
    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new ExitingApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (System.getProperty("dualoffline.root") != null) {
            System.exit(0);
        }
    }
}
