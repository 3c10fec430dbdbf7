package org.dualoffline.protocol;

import java.security.SecureRandom;

/**
 * The algorithms behind one suite byte (spec 2): 0x01 ECDSA P-256 with SHA-256
 * ({@link P256Sha256}), 0x02 SM2 with SM3 ({@link Sm2Sm3}). The protocol code only sees encoded
 * keys and signatures.
 */
public interface CryptoSuite {
    /** The suite byte carried in certificates. */
    int id();

    /** Encoded public key length (65 for an uncompressed P-256 point). */
    int publicKeyLength();

    byte[] hash(byte[] data);

    KeyPair generateKeyPair(SecureRandom random);

    /** Signs {@code data} with an encoded private key; the signature is in the suite's encoding. */
    byte[] sign(byte[] privateKey, byte[] data);

    /** True when {@code signature} is a valid signature of {@code data} under the encoded public key; never throws on bad input. */
    boolean verify(byte[] publicKey, byte[] data, byte[] signature);

    /** The suite's pair of encoded keys. */
    record KeyPair(byte[] privateKey, byte[] publicKey) {}

    static CryptoSuite forId(int id) {
        if (id == P256Sha256.ID) {
            return P256Sha256.INSTANCE;
        }
        if (id == Sm2Sm3.ID) {
            return Sm2Sm3.INSTANCE;
        }
        throw new ProtocolException("unsupported crypto suite " + id);
    }
}
