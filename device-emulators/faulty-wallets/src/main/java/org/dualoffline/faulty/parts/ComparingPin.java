package org.dualoffline.faulty.parts;

import javacard.framework.OwnerPIN;
import javacard.framework.Util;

/**
 * A PIN that compares before it counts: it keeps a copy of the PIN, answers the right one from
 * that copy without touching the try counter while the counter is full, and leaves a wrong one to
 * the platform's check, which records the try only after this comparison. Every guess still costs
 * its try when the command runs to its end; but a wrong guess cut by a power loss before its try
 * is recorded has already been compared, and the right one would have been answered by then: a
 * thief who cuts the power inside each guess learns which is right without paying for the wrong
 * ones. Java Card code, shipped inside the known-bad wallet that uses it (a class of its jar).
 */
public class ComparingPin extends OwnerPIN {
    private final byte tryLimit;
    private final byte[] copy;
    private byte length;

    public ComparingPin(byte tryLimit, byte maxPinSize) {
        super(tryLimit, maxPinSize);
        this.tryLimit = tryLimit;
        this.copy = new byte[maxPinSize];
    }

    @Override
    public void update(byte[] pin, short offset, byte length) {
        super.update(pin, offset, length);
        Util.arrayCopy(pin, offset, copy, (short) 0, length);
        this.length = length;
    }

    @Override
    public boolean check(byte[] pin, short offset, byte length) {
        if (getTriesRemaining() == 0) {
            return false;
        }
        if (length == this.length && Util.arrayCompare(pin, offset, copy, (short) 0, length) == 0) {
            if (getTriesRemaining() != tryLimit) {
                resetAndUnblock();
            }
            setValidatedFlag(true);
            return true;
        }
        return super.check(pin, offset, length);
    }
}
