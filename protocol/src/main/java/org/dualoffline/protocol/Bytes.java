package org.dualoffline.protocol;

import java.util.Arrays;

/** Big-endian unsigned field access for the fixed layouts of spec v1. */
public final class Bytes {
    private Bytes() {}

    public static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    public static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    public static long u64(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    public static void putU32(byte[] b, int off, long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new ProtocolException("value does not fit 4 unsigned bytes: " + v);
        }
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    public static void putU16(byte[] b, int off, int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new ProtocolException("value does not fit 2 unsigned bytes: " + v);
        }
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    public static void putU64(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    public static byte[] slice(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new ProtocolException("field [" + off + ", " + (off + len) + ") is outside " + b.length + " bytes");
        }
        return Arrays.copyOfRange(b, off, off + len);
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }

    static void requireLength(String what, byte[] b, int min, int max) {
        if (b == null) {
            throw new ProtocolException(what + " is missing");
        }
        if (b.length < min || b.length > max) {
            throw new ProtocolException(what + " must be " + (min == max ? min : min + ".." + max) + " bytes, got " + b.length);
        }
    }
}
