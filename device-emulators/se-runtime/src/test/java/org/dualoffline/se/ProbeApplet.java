package org.dualoffline.se;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.security.RandomData;

/** A tiny applet for runtime tests: INS 01 returns 8 random bytes, INS 02 bumps and returns a static counter, INS 03 echoes its data. */
public class ProbeApplet extends Applet {
    static byte installs;
    private final RandomData random;

    private ProbeApplet() {
        random = RandomData.getInstance(RandomData.ALG_SECURE_RANDOM);
        installs++;
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new ProbeApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        switch (buf[ISO7816.OFFSET_INS]) {
            case 0x01:
                random.generateData(buf, (short) 0, (short) 8);
                apdu.setOutgoingAndSend((short) 0, (short) 8);
                return;
            case 0x02:
                buf[0] = installs;
                apdu.setOutgoingAndSend((short) 0, (short) 1);
                return;
            case 0x03: {
                short n = apdu.setIncomingAndReceive();
                apdu.setOutgoingAndSend(ISO7816.OFFSET_CDATA, n);
                return;
            }
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }
}
