package org.dualoffline.harness;

import java.util.Arrays;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Seeds;

/**
 * The issuer's own key, in the harness's hands: the backend the harness starts (embedded, or the
 * container with {@code DUALOFFLINE_ISSUER_SEED}) derives it from the run's seed, so the harness
 * derives the same key and checks it against the public key the backend serves. With it the
 * harness signs what a genuine issuer could sign but the backend never would (an acknowledgement
 * for another state, a token of another type, a certificate of another suite, a signature in
 * another valid form). A backend with an issuer key of its own (an external one) makes the
 * scenario that needs it NOT APPLICABLE.
 */
public final class HarnessIssuer {
    private HarnessIssuer() {}

    /** The issuer of {@code context}'s backend; {@code what}: what the harness signs with it, for the NOT APPLICABLE reason. */
    public static Issuer of(ScenarioContext context, String what) {
        Issuer derived = Issuer.generate(Seeds.secureRandom(context.run().seed()));
        if (!Arrays.equals(derived.publicKey(), context.backend().issuerPublicKey())) {
            throw new NotApplicable("the harness signs " + what + " with the issuer's key only for a backend it started from the run's "
                    + "seed (embedded or container); this backend has an issuer key of its own");
        }
        return derived;
    }
}
