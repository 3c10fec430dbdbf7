package org.dualoffline.applet;

import javacard.framework.Util;

/**
 * Unsigned 32-bit big-endian arithmetic on 4-byte fields, with shorts only (Java Card has no
 * int on most cards). Results may be written over an operand.
 */
final class Arith {

    static final short LENGTH = (short) 4;

    private Arith() {
    }

    /** r = a + b mod 2^32; returns the carry out (0 or 1). */
    static short add(byte[] a, short aOff, byte[] b, short bOff, byte[] r, short rOff) {
        short carry = (short) 0;
        for (short i = (short) (LENGTH - 1); i >= 0; i--) {
            short s = (short) ((short) (a[(short) (aOff + i)] & 0xFF) + (short) (b[(short) (bOff + i)] & 0xFF) + carry);
            r[(short) (rOff + i)] = (byte) s;
            carry = (short) ((short) (s >> 8) & 0x01);
        }
        return carry;
    }

    /** r = a - b mod 2^32; returns the borrow out (0 or 1). */
    static short sub(byte[] a, short aOff, byte[] b, short bOff, byte[] r, short rOff) {
        short borrow = (short) 0;
        for (short i = (short) (LENGTH - 1); i >= 0; i--) {
            short d = (short) ((short) (a[(short) (aOff + i)] & 0xFF) - (short) (b[(short) (bOff + i)] & 0xFF) - borrow);
            r[(short) (rOff + i)] = (byte) d;
            borrow = (short) (d < 0 ? 1 : 0);
        }
        return borrow;
    }

    /** a + 1 mod 2^32, in place; returns the carry out. */
    static short increment(byte[] a, short aOff) {
        for (short i = (short) (LENGTH - 1); i >= 0; i--) {
            short at = (short) (aOff + i);
            a[at] = (byte) (a[at] + 1);
            if (a[at] != 0) {
                return (short) 0;
            }
        }
        return (short) 1;
    }

    /** Unsigned comparison: -1, 0 or 1 as a is below, equal to or above b. */
    static short compare(byte[] a, short aOff, byte[] b, short bOff) {
        for (short i = (short) 0; i < LENGTH; i++) {
            short x = (short) (a[(short) (aOff + i)] & 0xFF);
            short y = (short) (b[(short) (bOff + i)] & 0xFF);
            if (x < y) {
                return (short) -1;
            }
            if (x > y) {
                return (short) 1;
            }
        }
        return (short) 0;
    }

    static boolean isZero(byte[] a, short aOff) {
        for (short i = (short) 0; i < LENGTH; i++) {
            if (a[(short) (aOff + i)] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Sets r to 0xFFFFFFFF: used to saturate a sum that overflowed. */
    static void setMax(byte[] r, short rOff) {
        Util.arrayFillNonAtomic(r, rOff, LENGTH, (byte) 0xFF);
    }

    /** Unsigned 16-bit a < b. */
    static boolean lessThanU16(short a, short b) {
        return (short) (a ^ (short) 0x8000) < (short) (b ^ (short) 0x8000);
    }
}
