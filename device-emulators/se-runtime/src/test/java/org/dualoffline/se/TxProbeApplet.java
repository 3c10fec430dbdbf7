package org.dualoffline.se;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * An applet for runtime tests: writes persistent state in the ways that matter for atomicity
 * (field, array elements, Util copies, inside and outside transactions) and reads it back.
 */
public class TxProbeApplet extends Applet {
    private final byte[] data = new byte[4];
    private final byte[] ram = JCSystem.makeTransientByteArray((short) 4, JCSystem.CLEAR_ON_DESELECT);
    private short field;

    private TxProbeApplet() {}

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new TxProbeApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        byte v = buf[ISO7816.OFFSET_P1];
        switch (buf[ISO7816.OFFSET_INS]) {
            case 0x10: // written in a transaction, then aborted
                JCSystem.beginTransaction();
                writeAll(v);
                JCSystem.abortTransaction();
                return;
            case 0x11: // written in a transaction, then an exception escapes process()
                JCSystem.beginTransaction();
                writeAll(v);
                ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
                return;
            case 0x12: // written in a transaction and committed
                JCSystem.beginTransaction();
                writeAll(v);
                JCSystem.commitTransaction();
                return;
            case 0x13: // written with no transaction: each write on its own
            case 0x24: // the same, under the instruction byte the wallet protocol gives VERIFY PIN
                writeAll(v);
                return;
            case 0x14: // a non-atomic copy inside an aborted transaction stays
                Util.arrayFillNonAtomic(ram, (short) 0, (short) 4, v);
                JCSystem.beginTransaction();
                Util.arrayCopyNonAtomic(ram, (short) 0, data, (short) 0, (short) 4);
                JCSystem.abortTransaction();
                return;
            case 0x20:
                Util.arrayCopyNonAtomic(data, (short) 0, buf, (short) 0, (short) 4);
                Util.setShort(buf, (short) 4, field);
                Util.arrayCopyNonAtomic(ram, (short) 0, buf, (short) 6, (short) 4);
                apdu.setOutgoingAndSend((short) 0, (short) 10);
                return;
            case 0x21: // RAM only
                Util.arrayFillNonAtomic(ram, (short) 0, (short) 4, v);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    /** Four persistent writes: two array elements, the field, and one atomic copy of two bytes. */
    private void writeAll(byte v) {
        data[0] = v;
        data[1] = v;
        field = v;
        ram[0] = v;
        ram[1] = v;
        Util.arrayCopy(ram, (short) 0, data, (short) 2, (short) 2);
    }
}
