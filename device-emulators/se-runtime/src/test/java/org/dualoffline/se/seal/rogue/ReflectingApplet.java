package org.dualoffline.se.seal.rogue;

import javacard.framework.APDU;
import javacard.framework.Applet;

/** Not Java Card: reaches into the harness's runtime by reflection (it could as well read the issuer's keys). */
public class ReflectingApplet extends Applet {
    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new ReflectingApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        try {
            Class.forName("org.dualoffline.se.runtime.Jcre").getDeclaredField("memory").setAccessible(true);
        } catch (ReflectiveOperationException e) {
            // a real attempt would try the next class
        }
    }
}
