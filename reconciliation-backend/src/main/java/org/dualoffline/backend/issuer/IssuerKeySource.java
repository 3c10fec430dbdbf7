package org.dualoffline.backend.issuer;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Issuer;

/**
 * Where the issuer root key comes from the first time a backend starts on an empty database.
 * Afterwards the key persisted in the database wins, so a restart keeps the same issuer.
 */
public sealed interface IssuerKeySource {

    /** The issuer to persist when the database has none yet. */
    Issuer newIssuer();

    /**
     * This source, and the issuer the backend must end up with: a database holding, or about to
     * be given, any other issuer key refuses to start. What replicas are given, so that one pointed
     * at the wrong database or schema (which would otherwise make an issuer of its own there and
     * certify, fund and acknowledge under it) does not start.
     */
    default IssuerKeySource expecting(byte[] publicKey) {
        return new Expected(this instanceof Expected e ? e.firstStart() : this, publicKey.clone());
    }

    /** True when {@code issuer} is one this source accepts from the database. */
    default boolean accepts(Issuer issuer) {
        return true;
    }

    /** Why {@code held}, the database's issuer, is not accepted (only when {@link #accepts} is false). */
    default String refusal(Issuer held) {
        return "the database holds issuer key " + Hex.of(held.publicKey());
    }

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
        public boolean accepts(Issuer held) {
            return matches(held);
        }

        @Override
        public String refusal(Issuer held) {
            return "the database already holds a different issuer key (public key " + Hex.of(held.publicKey())
                    + "); refusing to start with another one";
        }

        @Override
        public String toString() {
            return "fixed issuer key";
        }
    }

    /** {@code firstStart} on an empty database, and only the issuer with {@code publicKey} accepted. */
    record Expected(IssuerKeySource firstStart, byte[] publicKey) implements IssuerKeySource {
        @Override
        public Issuer newIssuer() {
            return firstStart.newIssuer();
        }

        @Override
        public boolean accepts(Issuer held) {
            return Arrays.equals(publicKey, held.publicKey()) && firstStart.accepts(held);
        }

        @Override
        public String refusal(Issuer held) {
            return "the issuer key here would be " + Hex.of(held.publicKey()) + ", not the expected "
                    + Hex.of(publicKey) + "; refusing to start (is this replica pointed at the right "
                    + "database and schema? an empty one gets an issuer of its own)";
        }

        @Override
        public String toString() {
            return firstStart + ", expecting issuer public key " + Hex.of(publicKey);
        }
    }
}
