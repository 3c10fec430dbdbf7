package org.dualoffline.se.runtime;

import javacard.security.KeyPair;
import javacard.security.MessageDigest;
import javacard.security.RandomData;
import javacard.security.Signature;

/**
 * What instrumented applet code calls around its calls into the Java Card API: the bridges of
 * {@link ApiBridge} report each call that may change persistent state ({@link ApiCall}), and the
 * crypto calls are replaced so that they are metered for the timing model and draw from the SE's
 * own seeded P-256 engine, or are counted as SM2 and SM3 when the object is the national-crypto
 * extension's ({@code org.dualoffline.jcx.gm}). With no SE current, every call simply does the
 * plain operation.
 *
 * <p>Public because rewritten applet classes in other class loaders call it; not an API.
 */
public final class JcreApi {
    private JcreApi() {}

    // ------------------------------------------------------------ other Java Card API calls

    /**
     * Before applet code calls a Java Card API method ({@code what}, "OwnerPIN.update") that may
     * change persistent state: its receiver's ({@code null} for a static method) or that of the
     * arrays passed to it ({@link #apiArray}). Returns the call to hand to {@link #apiEnd}.
     */
    public static Object apiBegin(String what, Object receiver) {
        CardMemory m = Jcre.current();
        return m == null ? null : ApiCall.begin(m, what, receiver, false);
    }

    /** {@link #apiBegin} for a super call from the applet's own subclass: the platform's method runs. */
    public static Object apiBeginSuper(String what, Object receiver) {
        CardMemory m = Jcre.current();
        return m == null ? null : ApiCall.begin(m, what, receiver, true);
    }

    public static void apiArray(Object call, Object array) {
        if (call != null && array != null) {
            ((ApiCall) call).array(array);
        }
    }

    /** After the call returned or threw: what it changed counts, is journaled, and can be torn. */
    public static void apiEnd(Object call) {
        if (call != null) {
            ((ApiCall) call).end();
        }
    }

    // ------------------------------------------------------------ crypto meter

    /**
     * SM3 bytes an SM2 operation hashes besides the message: Z over ENTL, the 16-byte
     * identifier, a, b, xG, yG, xA, yA (2 + 16 + 6 x 32 = 210), then Z itself before the message.
     */
    static final int SM2_OWN_HASHING = 210 + 32;

    public static void init(Signature s, javacard.security.Key key, byte mode) {
        s.init(key, mode);
        CardMemory m = Jcre.current();
        if (m != null) {
            m.p256().init(s, key);
        }
    }

    public static short sign(Signature s, byte[] in, short off, short len, byte[] sig, short sigOff) {
        CardMemory m = Jcre.current();
        if (m == null) {
            return s.sign(in, off, len, sig, sigOff);
        }
        if (s instanceof org.dualoffline.jcx.gm.Sm2Signature) {
            m.countSm2Signature();
            m.countSm3(len + SM2_OWN_HASHING);
        } else {
            m.countSignature();
            m.countDigest(len);
        }
        ApiCall call = ApiCall.begin(m, "Signature.sign", s, true);
        call.array(sig);
        short n;
        try {
            n = m.p256().sign(s, in, off, len, sig, sigOff);
            if (n < 0) {
                n = s.sign(in, off, len, sig, sigOff);
            }
        } finally {
            call.end();
        }
        return n;
    }

    public static boolean verify(Signature s, byte[] in, short off, short len, byte[] sig, short sigOff, short sigLen) {
        CardMemory m = Jcre.current();
        if (m != null && s instanceof org.dualoffline.jcx.gm.Sm2Signature) {
            m.countSm2Verification();
            m.countSm3(len + SM2_OWN_HASHING);
        } else if (m != null) {
            m.countVerification();
            m.countDigest(len);
            int r = m.p256().verify(s, in, off, len, sig, sigOff, sigLen);
            if (r >= 0) {
                return r == 1;
            }
        }
        return s.verify(in, off, len, sig, sigOff, sigLen);
    }

    public static short doFinal(MessageDigest d, byte[] in, short off, short len, byte[] out, short outOff) {
        CardMemory m = Jcre.current();
        if (m == null) {
            return d.doFinal(in, off, len, out, outOff);
        }
        countDigest(m, d, len);
        ApiCall call = ApiCall.begin(m, "MessageDigest.doFinal", d, true);
        call.array(out);
        try {
            return d.doFinal(in, off, len, out, outOff);
        } finally {
            call.end();
        }
    }

    public static void update(MessageDigest d, byte[] in, short off, short len) {
        CardMemory m = Jcre.current();
        if (m != null) {
            countDigest(m, d, len);
        }
        d.update(in, off, len);
    }

    /** {@code Signature.update}: the bytes are hashed now, and counted so. */
    public static void update(Signature s, byte[] in, short off, short len) {
        CardMemory m = Jcre.current();
        if (m != null) {
            if (s instanceof org.dualoffline.jcx.gm.Sm2Signature) {
                m.countSm3(len);
            } else {
                m.countDigest(len);
            }
        }
        s.update(in, off, len);
    }

    private static void countDigest(CardMemory m, MessageDigest d, int len) {
        if (d instanceof org.dualoffline.jcx.gm.Sm3Digest) {
            m.countSm3(len);
        } else {
            m.countDigest(len);
        }
    }

    public static void generateData(RandomData r, byte[] buf, short off, short len) {
        CardMemory m = Jcre.current();
        if (m == null) {
            r.generateData(buf, off, len);
            return;
        }
        m.countRandom(len);
        ApiCall call = ApiCall.begin(m, "RandomData.generateData", r, true);
        call.array(buf);
        try {
            r.generateData(buf, off, len);
        } finally {
            call.end();
        }
    }

    public static short nextBytes(RandomData r, byte[] buf, short off, short len) {
        CardMemory m = Jcre.current();
        if (m == null) {
            return r.nextBytes(buf, off, len);
        }
        m.countRandom(len);
        ApiCall call = ApiCall.begin(m, "RandomData.nextBytes", r, true);
        call.array(buf);
        try {
            return r.nextBytes(buf, off, len);
        } finally {
            call.end();
        }
    }

    /** A new key pair: both keys' material is persistent state, one atomic write, journaled inside a transaction. */
    public static void genKeyPair(KeyPair kp) {
        CardMemory m = Jcre.current();
        if (m == null) {
            kp.genKeyPair();
            return;
        }
        boolean sm2 = m.p256().isSm2(kp);
        if (sm2) {
            m.countSm2KeyGeneration();
        } else {
            m.countKeyGeneration();
        }
        ApiCall call = ApiCall.begin(m, "KeyPair.genKeyPair", kp, true);
        try {
            if (sm2) {
                m.p256().genSm2KeyPair(kp);
            } else if (!m.p256().genKeyPair(kp)) {
                kp.genKeyPair();
            }
        } finally {
            call.end();
        }
    }
}
