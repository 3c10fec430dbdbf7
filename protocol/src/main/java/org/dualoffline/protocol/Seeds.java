package org.dualoffline.protocol;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Seeded randomness: the same seed gives the same keys, so runs and tests are reproducible. */
public final class Seeds {
    private Seeds() {}

    /** A {@code SHA1PRNG} seeded with {@code seed} alone (not mixed with system entropy). */
    public static SecureRandom secureRandom(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is part of every JDK", e);
        }
    }
}
