package org.dualoffline.se.patterns;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.OwnerPIN;

/**
 * A PIN changed inside a transaction together with a field: the PIN's value (and its reset try
 * counter) are persistent state of the {@code OwnerPIN}, journaled like the field, so an abort
 * or a tear leaves the old PIN in force. VERIFY's try counter is not journaled: its decrement,
 * made before the comparison, is a tear point of its own.
 */
public class PinApplet extends Applet {
    static final byte INS_VERIFY = 0x20;
    static final byte INS_CHANGE = 0x24;
    static final byte INS_STATUS = 0x30;
    /** P2 of CHANGE: abort the transaction instead of committing it. */
    static final byte P2_ABORT = 0x01;
    static final byte[] FIRST_PIN = {1, 2, 3, 4};

    private final OwnerPIN pin = new OwnerPIN((byte) 3, (byte) 8);
    private short changes;

    private PinApplet() {
        pin.update(FIRST_PIN, (short) 0, (byte) FIRST_PIN.length);
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new PinApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        switch (buf[ISO7816.OFFSET_INS]) {
            case INS_VERIFY:
                short length = apdu.setIncomingAndReceive();
                if (!pin.check(buf, ISO7816.OFFSET_CDATA, (byte) length)) {
                    ISOException.throwIt((short) (0x63C0 | pin.getTriesRemaining()));
                }
                return;
            case INS_CHANGE:
                short newLength = apdu.setIncomingAndReceive();
                JCSystem.beginTransaction();
                pin.update(buf, ISO7816.OFFSET_CDATA, (byte) newLength);
                changes++;
                if (buf[ISO7816.OFFSET_P2] == P2_ABORT) {
                    JCSystem.abortTransaction();
                } else {
                    JCSystem.commitTransaction();
                }
                return;
            case INS_STATUS:
                buf[0] = pin.getTriesRemaining();
                buf[1] = (byte) changes;
                apdu.setOutgoingAndSend((short) 0, (short) 2);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }
}
