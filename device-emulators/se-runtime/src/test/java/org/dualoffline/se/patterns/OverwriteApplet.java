package org.dualoffline.se.patterns;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * The shape of ykneo-oath's {@code setKey} after its fix: the old key is cleared with
 * {@code arrayFillNonAtomic} (not journaled, as the specification says) before the new one is
 * written inside a transaction. A tear after the clear rolls the transaction back to the
 * cleared bytes, not to the old key: the entry is left with an empty key.
 */
public class OverwriteApplet extends Applet {
    static final byte INS_SET = 0x01;
    static final byte INS_READ = 0x10;
    static final short KEY_LENGTH = 16;

    private final byte[] key = new byte[KEY_LENGTH];
    private short keyLength;

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new OverwriteApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        switch (buf[ISO7816.OFFSET_INS]) {
            case INS_SET:
                short length = apdu.setIncomingAndReceive();
                if (length > KEY_LENGTH) {
                    ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
                }
                Util.arrayFillNonAtomic(key, (short) 0, KEY_LENGTH, (byte) 0);
                JCSystem.beginTransaction();
                Util.arrayCopy(buf, ISO7816.OFFSET_CDATA, key, (short) 0, length);
                keyLength = length;
                JCSystem.commitTransaction();
                return;
            case INS_READ:
                buf[0] = (byte) keyLength;
                Util.arrayCopyNonAtomic(key, (short) 0, buf, (short) 1, KEY_LENGTH);
                apdu.setOutgoingAndSend((short) 0, (short) (KEY_LENGTH + 1));
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }
}
