package org.dualoffline.se.shared;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * Statics as the reference wallet has them - constants and a constant table - plus a command that
 * writes into the table (allowed on a card, where the table is the card's own) and an instance
 * counter (each SE's own state).
 */
public class StaticTableApplet extends Applet {
    static final byte INS_READ = 0x10;
    static final byte INS_WRITE_TABLE = 0x20;
    static final byte INS_COUNT = 0x30;
    static final short TABLE_LENGTH = 4;
    private static final byte[] TABLE = {1, 2, 3, 4};

    private short count;

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new StaticTableApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        switch (buf[ISO7816.OFFSET_INS]) {
            case INS_READ:
                Util.arrayCopyNonAtomic(TABLE, (short) 0, buf, (short) 0, TABLE_LENGTH);
                apdu.setOutgoingAndSend((short) 0, TABLE_LENGTH);
                return;
            case INS_WRITE_TABLE:
                apdu.setIncomingAndReceive();
                TABLE[0] = buf[ISO7816.OFFSET_CDATA];
                return;
            case INS_COUNT:
                count++;
                Util.setShort(buf, (short) 0, count);
                apdu.setOutgoingAndSend((short) 0, (short) 2);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }
}
