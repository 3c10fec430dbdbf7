package org.dualoffline.reports.rogue;

import javacard.framework.APDU;
import javacard.framework.Applet;

/**
 * A vendor's applet that is not Java Card code: it stops the JVM at its first command, which
 * would end a certification with exit code 0 and no report, had the harness let it run.
 */
public class HaltingApplet extends Applet {
    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new HaltingApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        Runtime.getRuntime().halt(0);
    }
}
