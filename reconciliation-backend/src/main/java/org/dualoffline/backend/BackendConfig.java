package org.dualoffline.backend;

import java.util.Objects;
import java.util.UUID;
import org.dualoffline.backend.issuer.IssuerKeySource;

/**
 * Everything a {@link ReconciliationBackend} needs: its database, where it listens (and the
 * operator token), what an upload may carry, and where the issuer key comes from. Immutable;
 * take {@link #of} or {@link #embedded(long)}, then the {@code withXxx} copies.
 */
public record BackendConfig(DatabaseSettings database, HttpSettings http, UploadSettings upload, IssuerKeySource issuerKeys) {
    /** Operator token of {@link #embedded(long)} backends. */
    public static final String EMBEDDED_OPERATOR_TOKEN = "embedded-operator-token";

    public BackendConfig {
        Objects.requireNonNull(database, "database settings");
        Objects.requireNonNull(http, "HTTP settings");
        Objects.requireNonNull(upload, "upload settings");
        Objects.requireNonNull(issuerKeys, "issuer key source");
    }

    /** {@code database}, a random free port on the loopback interface, the default upload settings. */
    public static BackendConfig of(DatabaseSettings database, String operatorToken, IssuerKeySource issuerKeys) {
        return new BackendConfig(database, HttpSettings.loopback(operatorToken), UploadSettings.DEFAULTS, issuerKeys);
    }

    /**
     * The default certification setup: a fresh in-memory H2 database (PostgreSQL mode) of its
     * own, an issuer key generated from {@code seed}, {@link #EMBEDDED_OPERATOR_TOKEN}, a random
     * port on the loopback interface.
     */
    public static BackendConfig embedded(long seed) {
        return of(DatabaseSettings.jdbc(embeddedH2Url("dualoffline-" + seed), "sa", "").withShutdownOnStop(true), EMBEDDED_OPERATOR_TOKEN,
                IssuerKeySource.seeded(seed));
    }

    /** The H2 settings the backend's statements are written for: PostgreSQL's dialect, names and NULL ordering. */
    public static final String H2_POSTGRES_SETTINGS = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    /** A unique in-memory H2 URL in PostgreSQL mode, kept alive while the JVM runs. */
    public static String embeddedH2Url(String namePrefix) {
        return "jdbc:h2:mem:" + namePrefix + "-" + UUID.randomUUID() + ";" + H2_POSTGRES_SETTINGS + ";DB_CLOSE_DELAY=-1";
    }

    public BackendConfig withDatabase(DatabaseSettings database) {
        return new BackendConfig(database, http, upload, issuerKeys);
    }

    public BackendConfig withHttp(HttpSettings http) {
        return new BackendConfig(database, http, upload, issuerKeys);
    }

    public BackendConfig withUpload(UploadSettings upload) {
        return new BackendConfig(database, http, upload, issuerKeys);
    }

    public BackendConfig withIssuerKeys(IssuerKeySource issuerKeys) {
        return new BackendConfig(database, http, upload, issuerKeys);
    }
}
