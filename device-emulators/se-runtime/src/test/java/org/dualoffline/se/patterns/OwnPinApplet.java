package org.dualoffline.se.patterns;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.OwnerPIN;

/** An applet with a PIN class of its own, extending the platform's and calling it with super. */
public class OwnPinApplet extends Applet {
    static final byte INS_VERIFY = 0x20;
    static final byte INS_CHANGE_THEN_ABORT = 0x24;
    static final byte INS_STATUS = 0x30;

    private final CountingPin pin = new CountingPin();

    /** Counts the checks it was asked for, then lets the platform check. */
    static final class CountingPin extends OwnerPIN {
        private short checks;

        private CountingPin() {
            super((byte) 3, (byte) 8);
            super.update(PinApplet.FIRST_PIN, (short) 0, (byte) PinApplet.FIRST_PIN.length);
        }

        @Override
        public boolean check(byte[] pin, short offset, byte length) {
            checks++;
            return super.check(pin, offset, length);
        }
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new OwnPinApplet().register();
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
            case INS_CHANGE_THEN_ABORT: // update() is inherited: the platform's code, called through the applet's own class
                short newLength = apdu.setIncomingAndReceive();
                JCSystem.beginTransaction();
                pin.update(buf, ISO7816.OFFSET_CDATA, (byte) newLength);
                JCSystem.abortTransaction();
                return;
            case INS_STATUS:
                buf[0] = pin.getTriesRemaining();
                buf[1] = (byte) pin.checks;
                apdu.setOutgoingAndSend((short) 0, (short) 2);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }
}
