package org.dualoffline.protocol;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.DSAKCalculator;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * Suite 0x02: the SM2 signature (GB/T 32918.2) on the curve sm2p256v1 (GB/T 32918.5) with SM3
 * (GB/T 32905) as the hash, as the secure elements of e-CNY hardware wallets compute it through
 * their chip's national-crypto extension.
 * <ul>
 * <li>Signing identity: every wallet and the issuer sign with the distinguishing identifier
 * {@value #ID_TEXT} (16 bytes of ASCII, the default of GM/T 0009), so
 * {@code Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA)} and the signed digest is
 * {@code e = SM3(Z || M)}.</li>
 * <li>Keys: the private key is 32 bytes; the public key an uncompressed point
 * {@code 04 || X || Y}, 65 bytes, as in suite 0x01.</li>
 * <li>Signatures: DER {@code SEQUENCE { INTEGER r, INTEGER s }} (GM/T 0009), 8 to 72 bytes. An SM2
 * signature has no second valid form: with s replaced by n - s it no longer verifies.</li>
 * <li>Hash: SM3 wherever the protocol hashes (the record chain's prevHash, certificate and
 * entry hashes).</li>
 * <li>Signing here is deterministic - the nonce k drawn as RFC 6979 draws it, with HMAC-SM3 over
 * the private key and e - so that issuer objects are reproducible for a given key. A verifier
 * cannot tell and does not care.</li>
 * </ul>
 * Signatures are made by {@link #sign(ECDomainParameters, BigInteger, byte[], byte[], DSAKCalculator)}
 * (the standard's equations, written here) and checked by BouncyCastle's {@link SM2Signer}, an
 * implementation of its own: each is tested against the standard's worked example.
 */
public final class Sm2Sm3 implements CryptoSuite {
    public static final int ID = 0x02;
    public static final Sm2Sm3 INSTANCE = new Sm2Sm3();
    /** The distinguishing identifier every signer of this suite uses. */
    public static final String ID_TEXT = "1234567812345678";
    private static final byte[] USER_ID = ID_TEXT.getBytes(StandardCharsets.US_ASCII);

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("sm2p256v1");
    static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

    private Sm2Sm3() {}

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
        return sm3(data);
    }

    static byte[] sm3(byte[]... parts) {
        SM3Digest d = new SM3Digest();
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    @Override
    public KeyPair generateKeyPair(SecureRandom random) {
        // d in [1, n-2]: the signature divides by 1 + d
        return EcKeys.generate(DOMAIN, DOMAIN.getN().subtract(BigInteger.ONE), random);
    }

    /** Whether {@code privateKey} (big-endian) is a usable SM2 private key: 1 <= d <= n-2. */
    public static boolean isPrivateKey(byte[] privateKey) {
        BigInteger d = new BigInteger(1, privateKey);
        return d.signum() > 0 && d.compareTo(DOMAIN.getN().subtract(BigInteger.ONE)) < 0;
    }

    /** @throws IllegalArgumentException for a private key outside 1..n-2 */
    @Override
    public byte[] sign(byte[] privateKey, byte[] data) {
        if (!isPrivateKey(privateKey)) {
            throw new IllegalArgumentException("an SM2 private key must be from 1 to n-2");
        }
        BigInteger d = new BigInteger(1, privateKey);
        HMacDSAKCalculator k = new HMacDSAKCalculator(new SM3Digest());
        byte[] e = digest(DOMAIN, USER_ID, publicKeyOf(d), data);
        k.init(DOMAIN.getN(), d, e);
        BigInteger[] rs = sign(DOMAIN, d, USER_ID, data, k);
        return der(rs[0], rs[1]);
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] data, byte[] signature) {
        try {
            if (publicKey == null || publicKey.length != 65 || publicKey[0] != 0x04 || signature == null) {
                return false;
            }
            ECPoint q = CURVE.getCurve().decodePoint(publicKey);
            SM2Signer verifier = new SM2Signer(StandardDSAEncoding.INSTANCE, new SM3Digest());
            verifier.init(false, new ParametersWithID(new ECPublicKeyParameters(q, DOMAIN), USER_ID));
            verifier.update(data, 0, data.length);
            return verifier.verifySignature(signature);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The public key of an encoded private key, uncompressed. */
    public byte[] publicKeyOf(byte[] privateKey) {
        return publicKeyOf(new BigInteger(1, privateKey));
    }

    private static byte[] publicKeyOf(BigInteger d) {
        return new FixedPointCombMultiplier().multiply(DOMAIN.getG(), d).normalize().getEncoded(false);
    }

    /** {@code Z} of GB/T 32918.2: the hash of the signer's identifier, the curve and its public key (uncompressed, 65 bytes). */
    static byte[] z(ECDomainParameters domain, byte[] id, byte[] publicKey) {
        int bits = id.length * 8;
        int size = (domain.getCurve().getFieldSize() + 7) / 8;
        ECPoint g = domain.getG().normalize();
        return sm3(new byte[] {(byte) (bits >> 8), (byte) bits}, id,
                BigIntegers.asUnsignedByteArray(size, domain.getCurve().getA().toBigInteger()),
                BigIntegers.asUnsignedByteArray(size, domain.getCurve().getB().toBigInteger()),
                BigIntegers.asUnsignedByteArray(size, g.getAffineXCoord().toBigInteger()),
                BigIntegers.asUnsignedByteArray(size, g.getAffineYCoord().toBigInteger()),
                java.util.Arrays.copyOfRange(publicKey, 1, 1 + size), java.util.Arrays.copyOfRange(publicKey, 1 + size, 1 + 2 * size));
    }

    /** {@code e = SM3(Z || M)}, the digest SM2 signs. */
    static byte[] digest(ECDomainParameters domain, byte[] id, byte[] publicKey, byte[] message) {
        return sm3(z(domain, id, publicKey), message);
    }

    /**
     * An SM2 signature (r, s) of {@code message} by private key {@code d} with identifier {@code id}
     * on {@code domain}, nonces from {@code k} (GB/T 32918.2, 6.1): e = SM3(Z || M);
     * (x1, y1) = kG; r = (e + x1) mod n, again if r = 0 or r + k = n;
     * s = (1 + d)^-1 (k - r d) mod n, again if s = 0.
     */
    static BigInteger[] sign(ECDomainParameters domain, BigInteger d, byte[] id, byte[] message, DSAKCalculator k) {
        BigInteger n = domain.getN();
        ECPoint publicKey = new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize();
        BigInteger e = new BigInteger(1, digest(domain, id, publicKey.getEncoded(false), message));
        BigInteger inverse = BigIntegers.modOddInverse(n, d.add(BigInteger.ONE));
        while (true) {
            BigInteger kValue = k.nextK();
            BigInteger x1 = new FixedPointCombMultiplier().multiply(domain.getG(), kValue).normalize().getAffineXCoord().toBigInteger();
            BigInteger r = e.add(x1).mod(n);
            if (r.signum() == 0 || r.add(kValue).equals(n)) {
                continue;
            }
            BigInteger s = inverse.multiply(kValue.subtract(r.multiply(d))).mod(n);
            if (s.signum() != 0) {
                return new BigInteger[] {r, s};
            }
        }
    }

    static byte[] der(BigInteger r, BigInteger s) {
        try {
            return StandardDSAEncoding.INSTANCE.encode(DOMAIN.getN(), r, s);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
