package org.dualoffline.steps;

import java.util.List;
import org.dualoffline.protocol.Sw;

/**
 * Why a wallet refuses a sync acknowledgement (spec 5.12), as the feature files say it, with the
 * status words the spec allows for it: one where the acknowledgement fails one check alone, every
 * failed check's where it cannot fail one alone ([P-5.1-4]).
 */
public enum AckRefusal {
    ANOTHER_WALLET("it is for another wallet", "[P-5.12-7]", Sw.WRONG_WALLET),
    OLDER("it is older than the one the wallet applied last", "[P-5.12-9]", Sw.REPLAY),
    /*
     * An ackCounter beyond the counter fails [P-5.12-9] (6925), and ackHash cannot be the hash of
     * an entry the wallet has not written, so it fails [P-5.12-10] (6927) as well.
     */
    NOT_WRITTEN("it acknowledges a record the wallet has not written", "[P-5.12-9], and [P-5.12-10] with it: there is no entry to match",
            Sw.REPLAY, Sw.CHAIN_MISMATCH),
    OTHER_RECORDS("it does not match the wallet's own records", "[P-5.12-10]", Sw.CHAIN_MISMATCH),
    TOO_MANY_ENTRIES("it lists more than 12 wallets to blocklist", "[P-5.12-4]", Sw.WRONG_DATA),
    UNKNOWN_POLICY("its receive policy is neither 01 nor 02", "[P-5.12-6], [P-3.3-1]", Sw.WRONG_DATA),
    /*
     * A signature is 8..72 bytes ([P-2-3]), so no acknowledgement of the wrong length carries one
     * that verifies over its body: the length check and the signature check ([P-5.12-8], 6921)
     * both fail, and either status word is the spec's.
     */
    TOO_SHORT("it is shorter than 74 bytes", "[P-5.12-3], and [P-5.12-8] with it: there is no signature", Sw.WRONG_LENGTH, Sw.BAD_SIGNATURE),
    SIGNATURE_LENGTH("its signature is not 8 to 72 bytes long", "[P-5.12-5], and [P-5.12-8] with it: no signature of that length verifies",
            Sw.WRONG_LENGTH, Sw.BAD_SIGNATURE);

    /** The alternatives of the {@code ackRefusal} parameter type: every phrase. */
    static final String PHRASES = "it is for another wallet|it is older than the one the wallet applied last"
            + "|it acknowledges a record the wallet has not written|it does not match the wallet's own records"
            + "|it lists more than 12 wallets to blocklist|its receive policy is neither 01 nor 02|it is shorter than 74 bytes"
            + "|its signature is not 8 to 72 bytes long";

    private final String phrase;
    private final String clauses;
    private final List<Integer> allowed;

    AckRefusal(String phrase, String clauses, Integer... allowed) {
        this.phrase = phrase;
        this.clauses = clauses;
        this.allowed = List.of(allowed);
    }

    /** What a feature file says. */
    public String phrase() {
        return phrase;
    }

    /** The clauses of the checks that fail, as a message cites them. */
    public String clauses() {
        return clauses;
    }

    /** The status words the spec allows for this refusal. */
    public List<Integer> allowed() {
        return allowed;
    }

    static AckRefusal of(String phrase) {
        for (AckRefusal r : values()) {
            if (r.phrase.equals(phrase)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no refusal of an acknowledgement the harness knows says: " + phrase);
    }
}
