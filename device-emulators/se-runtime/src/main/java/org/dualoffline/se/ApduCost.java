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
 * @param keyGenerations   key pairs generated
 */
public record ApduCost(int persistentWrites, int persistentBytes, int signatures, int verifications, int digestBytes,
                       int randomBytes, int keyGenerations) {
    public static final ApduCost NONE = new ApduCost(0, 0, 0, 0, 0, 0, 0);

    public ApduCost plus(ApduCost o) {
        return new ApduCost(persistentWrites + o.persistentWrites, persistentBytes + o.persistentBytes, signatures + o.signatures,
                verifications + o.verifications, digestBytes + o.digestBytes, randomBytes + o.randomBytes, keyGenerations + o.keyGenerations);
    }
}
