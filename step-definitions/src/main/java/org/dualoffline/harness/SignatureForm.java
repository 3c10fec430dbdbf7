package org.dualoffline.harness;

import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.Seeds;

/**
 * The forms of a valid signature the harness signs in ([P-2-3]): a wallet must accept every
 * valid DER signature of 8..72 bytes, whichever s (low or high) and however short, and a
 * wallet written against the signatures one signer happens to make (always low s, always 70..72
 * bytes) is not one the spec allows.
 */
public enum SignatureForm {
    /** As the protocol library signs: RFC 6979, low s. */
    USUAL("as usual"),
    /** The same signature with s replaced by n - s (high s). */
    HIGH_S("with the high s"),
    /** The first of up to 8,192 signatures with seeded random nonces that has 69 bytes or fewer (against the usual 70 to 72). */
    SHORT("with a short signature of 69 bytes or fewer");

    private static final int TRIES = 8192;
    private static final int SHORT_LENGTH = 69;

    public final String words;

    SignatureForm(String words) {
        this.words = words;
    }

    /** A signature of {@code data} in this form; {@code seed} picks the nonces of {@link #SHORT}. */
    public byte[] sign(byte[] privateKey, byte[] data, long seed) {
        byte[] usual = P256Sha256.INSTANCE.sign(privateKey, data);
        return switch (this) {
            case USUAL -> usual;
            case HIGH_S -> P256Sha256.withOtherS(usual);
            case SHORT -> P256Sha256.shortSignature(privateKey, data, Seeds.secureRandom(seed), SHORT_LENGTH, TRIES);
        };
    }

    /** The form the feature files name in {@code words}. */
    public static SignatureForm of(String words) {
        for (SignatureForm f : values()) {
            if (f.words.equals(words)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no signature form \"" + words + "\"; known: " + java.util.Arrays.stream(values())
                .map(f -> f.words).toList());
    }
}
