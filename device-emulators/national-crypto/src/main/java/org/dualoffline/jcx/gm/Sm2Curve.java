package org.dualoffline.jcx.gm;

import java.util.Arrays;
import javacard.security.ECKey;

/** The domain parameters of sm2p256v1 (GB/T 32918.5), to tell an SM2 key from any other EC key. */
public final class Sm2Curve {
    static final byte[] P = hex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF");
    static final byte[] A = hex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC");
    static final byte[] B = hex("28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93");
    static final byte[] N = hex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123");
    static final byte[] G = hex("0432C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7"
            + "BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0");

    private Sm2Curve() {}

    /** Whether {@code key}'s field, a, b, generator (uncompressed) and order are those of sm2p256v1. */
    public static boolean is(ECKey key) {
        try {
            byte[] b = new byte[80];
            return same(b, key.getField(b, (short) 0), P) && same(b, key.getA(b, (short) 0), A)
                    && same(b, key.getB(b, (short) 0), B) && same(b, key.getR(b, (short) 0), N)
                    && Arrays.equals(Arrays.copyOf(b, key.getG(b, (short) 0)), G);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean same(byte[] b, short len, byte[] expected) {
        int start = 0;
        while (start < len - 32 && b[start] == 0) {
            start++;
        }
        byte[] v = Arrays.copyOfRange(b, start, len);
        if (v.length < 32) {
            byte[] padded = new byte[32];
            System.arraycopy(v, 0, padded, 32 - v.length, v.length);
            v = padded;
        }
        return Arrays.equals(v, expected);
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
