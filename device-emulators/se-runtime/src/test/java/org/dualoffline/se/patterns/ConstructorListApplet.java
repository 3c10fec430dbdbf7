package org.dualoffline.se.patterns;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;

/**
 * An entry whose constructor links itself into a list ({@code next = head; head = this;
 * count++}): the constructor writes persistent state other than the object it builds.
 */
public class ConstructorListApplet extends Applet {
    static final byte INS_ADD = 0x01;
    static final byte INS_ADD_THEN_ABORT = 0x02;
    static final byte INS_ADD_IN_TRANSACTION = 0x03;
    static final byte INS_LIST = 0x10;

    private static Entry head;
    private static short count;

    private static final class Entry {
        private final byte value;
        private final Entry next;

        private Entry(byte value) {
            this.value = value;
            this.next = head;
            head = this;
            count++;
        }
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new ConstructorListApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        byte value = buf[ISO7816.OFFSET_P1];
        switch (buf[ISO7816.OFFSET_INS]) {
            case INS_ADD:
                new Entry(value);
                return;
            case INS_ADD_THEN_ABORT:
                JCSystem.beginTransaction();
                new Entry(value);
                JCSystem.abortTransaction();
                return;
            case INS_ADD_IN_TRANSACTION:
                JCSystem.beginTransaction();
                new Entry(value);
                JCSystem.commitTransaction();
                return;
            case INS_LIST:
                buf[0] = (byte) count;
                short n = 1;
                for (Entry e = head; e != null; e = e.next) {
                    buf[n++] = e.value;
                }
                apdu.setOutgoingAndSend((short) 0, n);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }
}
