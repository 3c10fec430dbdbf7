package org.dualoffline.backend.issuer;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.dualoffline.protocol.Issuer;

/**
 * Where the issuer root key comes from the first time a backend starts on an empty database.
 * Afterwards the key persisted in the database wins, so a restart keeps the same issuer.
 */
public sealed interface IssuerKeySource {

    /** The issuer to persist when the database has none yet. */
    Issuer newIssuer();

    /** Generate with the given random source (production: a fresh {@code new SecureRandom()}). */
    static IssuerKeySource generatedWith(SecureRandom random) {
        return new Generated(random, "a caller-supplied SecureRandom");
    }

    /** Generate reproducibly: the same seed gives the same issuer key (tests, certification runs). */
    static IssuerKeySource seeded(long seed) {
        return new Generated(seededRandom(seed), "seed " + seed);
    }

    /** Use exactly this issuer; a database already holding another issuer key refuses to start. */
    static IssuerKeySource fixed(Issuer issuer) {
        return new Fixed(issuer);
    }

    /** A deterministic SecureRandom (SHA1PRNG seeded before first use). */
    static SecureRandom seededRandom(long seed) {
        return org.dualoffline.protocol.Seeds.secureRandom(seed);
    }

    record Generated(SecureRandom random, String description) implements IssuerKeySource {
        @Override
        public Issuer newIssuer() {
            synchronized (random) {
                return Issuer.generate(random);
            }
        }

        @Override
        public String toString() {
            return "generated issuer key (" + description + ")";
        }
    }

    record Fixed(Issuer issuer) implements IssuerKeySource {
        @Override
        public Issuer newIssuer() {
            return issuer;
        }

        boolean matches(Issuer other) {
            return Arrays.equals(issuer.publicKey(), other.publicKey());
        }

        @Override
        public String toString() {
            return "fixed issuer key";
        }
    }
}
