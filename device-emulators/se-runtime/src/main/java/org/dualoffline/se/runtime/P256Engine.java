package org.dualoffline.se.runtime;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import javacard.security.ECKey;
import javacard.security.ECPrivateKey;
import javacard.security.ECPublicKey;
import javacard.security.Key;
import javacard.security.KeyPair;
import javacard.security.Signature;
import org.dualoffline.protocol.P256Sha256;

/**
 * The emulated SE's crypto coprocessor for ECDSA P-256 / SHA-256, as a real chip has one:
 * jcardsim computes ECDSA with generic-curve arithmetic (about 4 ms a signature and 6 ms a
 * verification here); this engine uses the protocol's P-256 implementation (BouncyCastle's
 * optimised curve), with the same inputs and outputs - keys read from the applet's key objects,
 * DER signatures written into its buffers. Signing is deterministic (RFC 6979) and key pairs are
 * drawn from the SE's own seeded generator, so a run's evidence is reproducible from its seed.
 * Key pairs on sm2p256v1 are drawn here too (for the national-crypto extension's SM2,
 * {@code org.dualoffline.jcx.gm}). Keys on any other curve, or other algorithms, go to jcardsim
 * unchanged.
 */
final class P256Engine {
    private static final byte[] P = hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
    private static final byte[] A = hex("ffffffff00000001000000000000000000000000fffffffffffffffffffffffc");
    private static final byte[] B = hex("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");
    private static final byte[] R = hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

    private final Map<Signature, Key> keys = new IdentityHashMap<>();
    private final Map<Key, Boolean> isP256 = new IdentityHashMap<>();
    private final SecureRandom keyRandom;
    private final byte[] scratch = new byte[128];

    P256Engine(byte[] seed) {
        try {
            keyRandom = SecureRandom.getInstance("SHA1PRNG");
            keyRandom.setSeed(seed);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void init(Signature s, Key key) {
        keys.put(s, key);
    }

    /** The signature length, or -1 if this is not a P-256 ECDSA signing key (jcardsim signs then). */
    short sign(Signature s, byte[] in, short off, short len, byte[] sig, short sigOff) {
        Key key = keys.get(s);
        if (s.getAlgorithm() != Signature.ALG_ECDSA_SHA_256 || !(key instanceof ECPrivateKey priv) || !p256(priv)) {
            return -1;
        }
        short n = priv.getS(scratch, (short) 0);
        byte[] d = leftPad(scratch, n);
        byte[] der = P256Sha256.INSTANCE.sign(d, Arrays.copyOfRange(in, off, off + len));
        System.arraycopy(der, 0, sig, sigOff, der.length);
        return (short) der.length;
    }

    /** 1 valid, 0 invalid, -1 not a P-256 ECDSA verification key (jcardsim verifies then). */
    int verify(Signature s, byte[] in, short off, short len, byte[] sig, short sigOff, short sigLen) {
        Key key = keys.get(s);
        if (s.getAlgorithm() != Signature.ALG_ECDSA_SHA_256 || !(key instanceof ECPublicKey pub) || !p256(pub)) {
            return -1;
        }
        short n = pub.getW(scratch, (short) 0);
        byte[] w = Arrays.copyOf(scratch, n);
        return P256Sha256.INSTANCE.verify(w, Arrays.copyOfRange(in, off, off + len), Arrays.copyOfRange(sig, sigOff, sigOff + sigLen)) ? 1 : 0;
    }

    /** Generates a P-256 key pair from the SE's seeded generator; false if the pair is not P-256 (jcardsim generates then). */
    boolean genKeyPair(KeyPair kp) {
        if (!(kp.getPrivate() instanceof ECPrivateKey priv) || !(kp.getPublic() instanceof ECPublicKey pub) || !p256(priv) || !p256(pub)) {
            return false;
        }
        var pair = P256Sha256.INSTANCE.generateKeyPair(keyRandom);
        priv.setS(pair.privateKey(), (short) 0, (short) 32);
        pub.setW(pair.publicKey(), (short) 0, (short) 65);
        return true;
    }

    /** Whether both keys of {@code kp} carry the domain parameters of sm2p256v1. */
    boolean isSm2(KeyPair kp) {
        return kp.getPrivate() instanceof ECPrivateKey priv && kp.getPublic() instanceof ECPublicKey pub
                && org.dualoffline.jcx.gm.Sm2Curve.is(priv) && org.dualoffline.jcx.gm.Sm2Curve.is(pub);
    }

    /** An SM2 key pair (1 <= d <= n-2) from the SE's seeded generator, into {@code kp}'s keys ({@link #isSm2} must hold). */
    void genSm2KeyPair(KeyPair kp) {
        var pair = org.dualoffline.protocol.Sm2Sm3.INSTANCE.generateKeyPair(keyRandom);
        ((ECPrivateKey) kp.getPrivate()).setS(pair.privateKey(), (short) 0, (short) 32);
        ((ECPublicKey) kp.getPublic()).setW(pair.publicKey(), (short) 0, (short) 65);
    }

    private boolean p256(ECKey key) {
        return isP256.computeIfAbsent((Key) key, k -> {
            try {
                byte[] b = new byte[80];
                return same(b, key.getField(b, (short) 0), P) && same(b, key.getA(b, (short) 0), A)
                        && same(b, key.getB(b, (short) 0), B) && same(b, key.getR(b, (short) 0), R);
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private static boolean same(byte[] b, short len, byte[] expected) {
        return Arrays.equals(leftPad(b, len), expected);
    }

    private static byte[] leftPad(byte[] b, int len) {
        byte[] out = new byte[32];
        int n = Math.min(len, 32);
        System.arraycopy(b, len - n, out, 32 - n, n);
        return len > 32 ? b : out;
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
