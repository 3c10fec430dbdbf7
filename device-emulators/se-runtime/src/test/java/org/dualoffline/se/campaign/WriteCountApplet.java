package org.dualoffline.se.campaign;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * A test applet whose WRITE makes as many persistent writes as its P1 says, fewer by the count
 * its install parameter gives: installed differently from one run to the next, it makes a
 * command that does not run the same way twice. SPIN never ends: the card goes mute.
 */
public final class WriteCountApplet extends Applet {
    static final byte INS_WRITE = 0x01;
    static final byte INS_READ = 0x10;
    static final byte INS_SPIN = 0x20;
    private static final short SIZE = 16;

    private final byte[] data = new byte[SIZE];
    private final byte fewer;

    private WriteCountApplet(byte fewer) {
        this.fewer = fewer;
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        // install data: AID length, AID, privileges length, privileges, parameters length, parameters
        short aid = bOffset;
        short privileges = (short) (aid + 1 + bArray[aid]);
        short parameters = (short) (privileges + 1 + bArray[privileges]);
        byte fewer = bArray[parameters] == 0 ? 0 : bArray[(short) (parameters + 1)];
        new WriteCountApplet(fewer).register();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        switch (buf[ISO7816.OFFSET_INS]) {
            case INS_WRITE:
                short n = (short) (buf[ISO7816.OFFSET_P1] - fewer);
                for (short i = 0; i < n && i < SIZE; i++) {
                    data[i] = buf[ISO7816.OFFSET_P2];
                }
                return;
            case INS_SPIN:
                while (buf[0] != 0x7F) {
                    buf[1]++;
                }
                return;
            case INS_READ:
                Util.arrayCopyNonAtomic(data, (short) 0, buf, (short) 0, SIZE);
                apdu.setOutgoingAndSend((short) 0, SIZE);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }
}
