package org.dualoffline.jcx.gm;

import javacard.security.MessageDigest;
import javacard.security.Signature;

/**
 * The emulated chip's national-crypto extension (GM: the Chinese commercial algorithms), as
 * the chips that carry e-CNY hardware wallets offer one beside the Java Card API, which defines no
 * SM2 or SM3: an applet gets its SM2 signature and SM3 digest objects here and then uses them
 * through the standard {@link Signature} and {@link MessageDigest} methods. SM2 keys are the
 * standard {@code KeyPair.ALG_EC_FP} 256-bit EC keys with the domain parameters of sm2p256v1
 * (GB/T 32918.5) set by the applet; the runtime generates such pairs from the SE's own seeded
 * generator, with 1 &lt;= d &lt;= n-2 as SM2 needs.
 *
 * <p>The contract, for a chip that has an extension like it (and for a vendor whose applet calls
 * its chip vendor's package, see {@code docs/se-runtime.md}):
 * <ul>
 * <li>{@link #sm2Signature()}: a new {@link Signature} object each call, algorithm
 * {@link #ALG_SM2_WITH_SM3}; {@code init} takes an {@code ECPrivateKey} (sign) or
 * {@code ECPublicKey} (verify) on sm2p256v1; {@code update}, {@code sign} and {@code verify} as
 * for any Java Card signature; the message is hashed with SM3 after Z, every signer using the
 * distinguishing identifier {@code 1234567812345678}; signatures are DER
 * {@code SEQUENCE { r, s }}, at most {@link #SM2_SIGNATURE_MAX_LENGTH} bytes; signing is
 * deterministic (RFC 6979 nonces with HMAC-SM3). Precomputed hashes and initial digests are not
 * offered ({@code CryptoException.ILLEGAL_USE}).</li>
 * <li>{@link #sm3()}: a new {@link MessageDigest} object each call, algorithm {@link #ALG_SM3},
 * 32-byte digests.</li>
 * </ul>
 * Every call is metered for the timing model with SM2's and SM3's own costs, and whatever it
 * writes into persistent memory is journaled and can be torn exactly as for the platform's own
 * algorithms.
 */
public final class GM {
    /** {@link Signature#getAlgorithm()} of an SM2 signature object (a value the Java Card API does not use). */
    public static final byte ALG_SM2_WITH_SM3 = (byte) 0xA2;
    /** {@link MessageDigest#getAlgorithm()} of an SM3 digest object. */
    public static final byte ALG_SM3 = (byte) 0xA3;
    /** SM3 digest length. */
    public static final short SM3_LENGTH = 32;
    /** Longest DER SM2 signature. */
    public static final short SM2_SIGNATURE_MAX_LENGTH = 72;

    private GM() {}

    /** A new SM2-with-SM3 signature object. */
    public static Signature sm2Signature() {
        return new Sm2Signature();
    }

    /** A new SM3 digest object. */
    public static MessageDigest sm3() {
        return new Sm3Digest();
    }
}
