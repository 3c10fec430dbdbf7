package org.dualoffline.se;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;

/** An applet that never answers some commands: it loops, in the ways an applet might try to keep looping. */
public class LoopApplet extends Applet {
    static final byte INS_SPIN = 0x01;
    static final byte INS_SPIN_CATCHING_EVERYTHING = 0x02;
    static final byte INS_SPIN_WRITING_IN_A_TRANSACTION = 0x03;
    static final byte INS_RECURSE_CATCHING_EVERYTHING = 0x04;
    static final byte INS_READ = 0x10;

    private short counter;

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new LoopApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        switch (buf[ISO7816.OFFSET_INS]) {
            case INS_SPIN:
                spin(buf);
                return;
            case INS_SPIN_CATCHING_EVERYTHING:
                while (buf[0] != 0x7F) {
                    try {
                        spin(buf);
                    } catch (Throwable t) {
                        buf[1]++;
                    }
                }
                return;
            case INS_SPIN_WRITING_IN_A_TRANSACTION:
                JCSystem.beginTransaction();
                while (buf[0] != 0x7F) {
                    counter++;
                }
                JCSystem.commitTransaction();
                return;
            case INS_RECURSE_CATCHING_EVERYTHING:
                recurse(buf);
                return;
            case INS_READ:
                buf[0] = (byte) (counter >> 8);
                buf[1] = (byte) counter;
                apdu.setOutgoingAndSend((short) 0, (short) 2);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    private static void spin(byte[] buf) {
        while (buf[0] != 0x7F) {
            buf[2]++;
        }
    }

    private static void recurse(byte[] buf) {
        try {
            buf[3]++;
            recurse(buf);
        } catch (Throwable t) {
            recurse(buf);
        }
    }
}
