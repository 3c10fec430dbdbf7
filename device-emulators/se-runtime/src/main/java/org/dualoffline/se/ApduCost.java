package org.dualoffline.se;

/**
 * What one APDU made the secure element do, counted by the instrumented runtime: the inputs of
 * the timing model (a real chip's time goes mostly to crypto and to persistent writes) and of
 * the tear-point enumeration (every persistent write is a point where power can be cut).
 *
 * @param persistentWrites write operations on persistent memory (a field, an array element, one Util copy or fill)
 * @param persistentBytes  bytes those writes changed
 * @param signatures       ECDSA signatures computed
 * @param verifications    signature verifications
 * @param digestBytes      bytes hashed
 * @param randomBytes      random bytes drawn
 * @param keyGenerations   P-256 (or other platform) key pairs generated
 * @param sm2Signatures    SM2 signatures computed (the chip's national-crypto extension)
 * @param sm2Verifications SM2 verifications
 * @param sm3Bytes         bytes hashed with SM3 (an SM2 operation's own 242 bytes of Z and its prefix included)
 * @param sm2KeyGenerations SM2 key pairs generated
 */
public record ApduCost(int persistentWrites, int persistentBytes, int signatures, int verifications, int digestBytes,
                       int randomBytes, int keyGenerations, int sm2Signatures, int sm2Verifications, int sm3Bytes, int sm2KeyGenerations) {
    public static final ApduCost NONE = new ApduCost(0, 0, 0, 0, 0, 0, 0);

    /** A cost without national-crypto operations. */
    public ApduCost(int persistentWrites, int persistentBytes, int signatures, int verifications, int digestBytes, int randomBytes,
                    int keyGenerations) {
        this(persistentWrites, persistentBytes, signatures, verifications, digestBytes, randomBytes, keyGenerations, 0, 0, 0, 0);
    }

    public ApduCost plus(ApduCost o) {
        return new ApduCost(persistentWrites + o.persistentWrites, persistentBytes + o.persistentBytes, signatures + o.signatures,
                verifications + o.verifications, digestBytes + o.digestBytes, randomBytes + o.randomBytes, keyGenerations + o.keyGenerations,
                sm2Signatures + o.sm2Signatures, sm2Verifications + o.sm2Verifications, sm3Bytes + o.sm3Bytes,
                sm2KeyGenerations + o.sm2KeyGenerations);
    }
}
