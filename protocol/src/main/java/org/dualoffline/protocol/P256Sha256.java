package org.dualoffline.protocol;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * Suite 0x01: ECDSA P-256 with SHA-256, DER signatures, uncompressed points; what the
 * Java Card applet computes with ALG_ECDSA_SHA_256. Signing is deterministic (RFC 6979), so
 * issuer objects are reproducible for a given key.
 */
public final class P256Sha256 implements CryptoSuite {
    public static final int ID = 0x01;
    public static final P256Sha256 INSTANCE = new P256Sha256();

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

    /**
     * Decoded public keys, kept so that BouncyCastle's precomputation (stored on the point)
     * is reused: the issuer key verifies every certificate, a wallet key all its records.
     */
    private static final int KEY_CACHE_SIZE = 4096;
    private static final java.util.concurrent.ConcurrentHashMap<java.nio.ByteBuffer, ECPublicKeyParameters> KEYS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private P256Sha256() {}

    @Override
    public int id() {
        return ID;
    }

    @Override
    public int publicKeyLength() {
        return 65;
    }

    @Override
    public byte[] hash(byte[] data) {
        SHA256Digest d = new SHA256Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    @Override
    public KeyPair generateKeyPair(SecureRandom random) {
        return EcKeys.generate(DOMAIN, DOMAIN.getN(), random);
    }

    @Override
    public byte[] sign(byte[] privateKey, byte[] data) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(new BigInteger(1, privateKey), DOMAIN));
        BigInteger[] rs = signer.generateSignature(hash(data));
        BigInteger s = rs[1];
        // Low-S form, as most verifiers and cards accept either.
        if (s.compareTo(DOMAIN.getN().shiftRight(1)) > 0) {
            s = DOMAIN.getN().subtract(s);
        }
        return der(rs[0], s);
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] data, byte[] signature) {
        try {
            if (publicKey == null || publicKey.length != 65 || publicKey[0] != 0x04) {
                return false;
            }
            BigInteger[] rs = decodeDer(signature);
            if (rs == null) {
                return false;
            }
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, publicKeyParameters(publicKey));
            return verifier.verifySignature(hash(data), rs[0], rs[1]);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ECPublicKeyParameters publicKeyParameters(byte[] publicKey) {
        java.nio.ByteBuffer k = java.nio.ByteBuffer.wrap(publicKey.clone());
        ECPublicKeyParameters p = KEYS.get(k);
        if (p == null) {
            p = new ECPublicKeyParameters(CURVE.getCurve().decodePoint(publicKey), DOMAIN);
            if (KEYS.size() >= KEY_CACHE_SIZE) {
                KEYS.clear();
            }
            KEYS.put(k, p);
        }
        return p;
    }

    /** True when {@code publicKey} is an uncompressed point of P-256 ({@code 04 || X || Y}, on the curve, not the point at infinity). */
    public static boolean isPoint(byte[] publicKey) {
        if (publicKey == null || publicKey.length != 65 || publicKey[0] != 0x04) {
            return false;
        }
        try {
            ECPoint p = CURVE.getCurve().decodePoint(publicKey);
            return !p.isInfinity() && p.isValid();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Public key for an encoded private key. */
    public byte[] publicKeyOf(byte[] privateKey) {
        ECPoint q = new FixedPointCombMultiplier().multiply(DOMAIN.getG(), new BigInteger(1, privateKey)).normalize();
        return q.getEncoded(false);
    }

    /** Length of a DER ECDSA signature at the start of {@code b} (from its header), or -1. */
    public static int derLength(byte[] b, int off) {
        if (b.length - off < 2 || b[off] != 0x30) {
            return -1;
        }
        int len = b[off + 1] & 0xFF;
        if (len >= 0x80) {
            return -1;
        }
        return len + 2;
    }

    /**
     * The same signature with s replaced by n - s: as valid as the original (ECDSA verifies both),
     * and the form a wallet that normalizes to low s never makes itself. [P-2-3] makes a wallet
     * accept it.
     */
    public static byte[] withOtherS(byte[] signature) {
        BigInteger[] rs = decodeDer(signature);
        if (rs == null) {
            throw new ProtocolException("not a DER ECDSA signature of 8..72 bytes");
        }
        return der(rs[0], DOMAIN.getN().subtract(rs[1]));
    }

    /**
     * A valid signature of {@code data} of at most {@code length} bytes, or, when none of
     * {@code tries} signatures with nonces drawn from {@code random} is that short, the shortest
     * of them: r and s below 2^255 need no leading zero byte, below 2^247 a byte less, so about
     * one signature in 500 has 69 bytes or fewer. The 70 to 72 bytes of most signatures are only
     * the common case of 8..72.
     */
    public static byte[] shortSignature(byte[] privateKey, byte[] data, SecureRandom random, int length, int tries) {
        ECDSASigner signer = new ECDSASigner();
        signer.init(true, new org.bouncycastle.crypto.params.ParametersWithRandom(
                new ECPrivateKeyParameters(new BigInteger(1, privateKey), DOMAIN), random));
        byte[] hash = INSTANCE.hash(data);
        byte[] best = null;
        for (int i = 0; i < tries; i++) {
            BigInteger[] rs = signer.generateSignature(hash);
            byte[] sig = der(rs[0], rs[1]);
            if (best == null || sig.length < best.length) {
                best = sig;
            }
            if (best.length <= length) {
                break;
            }
        }
        return best;
    }

    private static byte[] der(BigInteger r, BigInteger s) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(r));
        v.add(new ASN1Integer(s));
        try {
            return new DERSequence(v).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger[] decodeDer(byte[] sig) {
        if (sig == null || sig.length < 8 || sig.length > 72 || derLength(sig, 0) != sig.length) {
            return null;
        }
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(sig);
            if (!(p instanceof ASN1Sequence seq) || seq.size() != 2) {
                return null;
            }
            ASN1Encodable r = seq.getObjectAt(0);
            ASN1Encodable s = seq.getObjectAt(1);
            if (!(r instanceof ASN1Integer ri) || !(s instanceof ASN1Integer si)) {
                return null;
            }
            BigInteger rv = ri.getPositiveValue();
            BigInteger sv = si.getPositiveValue();
            if (rv.signum() <= 0 || sv.signum() <= 0 || rv.compareTo(DOMAIN.getN()) >= 0 || sv.compareTo(DOMAIN.getN()) >= 0) {
                return null;
            }
            return new BigInteger[] {rv, sv};
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
