package org.dualoffline.backend;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.protocol.Hex;

/**
 * Runs the backend standalone (the container image's entry point), configured by environment:
 *
 * <pre>
 * DUALOFFLINE_DB_URL          JDBC URL, required (jdbc:postgresql://host:5432/db, or jdbc:h2:mem:trial for a trial: H2 URLs
 *                             get PostgreSQL mode, and in memory DB_CLOSE_DELAY=-1, unless they say otherwise)
 * DUALOFFLINE_DB_USER         database user
 * DUALOFFLINE_DB_PASSWORD     database password
 * DUALOFFLINE_DB_SCHEMA       schema for the backend's tables (default: the connection's)
 * DUALOFFLINE_DB_POOL_SIZE    connections this process opens at most, default 10 (replicas: each its own pool)
 * DUALOFFLINE_OPERATOR_TOKEN  bearer token of the operator endpoints, required
 * DUALOFFLINE_PORT            listen port, default 8080
 * DUALOFFLINE_HOST            listen address, default 0.0.0.0
 * DUALOFFLINE_ISSUER_SEED     a number: generate the issuer key reproducibly on first start (default: strong random)
 * DUALOFFLINE_ISSUER_PUBLIC_KEY  hex: the issuer public key the database must hold (or this start create); any other
 *                             refuses to start - give it to every replica, so that none runs on the wrong database
 * </pre>
 */
public final class Main {
    static final int EXIT_BAD_CONFIG = 2;
    static final int EXIT_CANNOT_START = 1;

    private Main() {}

    public static void main(String[] args) {
        run(ReconciliationBackend::create);
    }

    /**
     * Starts the backend configured by the environment, as {@code assemble} puts it together
     * ({@link ReconciliationBackend#create} for the service; a test may add its own listeners),
     * and announces {@code reconciliation-backend ready at <url>/v1}. Exits {@value #EXIT_BAD_CONFIG}
     * on a bad configuration, {@value #EXIT_CANNOT_START} when the backend cannot start.
     */
    public static void run(Function<BackendConfig, ReconciliationBackend> assemble) {
        quietLoggingDefaults();
        BackendConfig config;
        try {
            config = configFrom(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("reconciliation-backend: bad configuration: " + e.getMessage());
            System.err.println("  required: DUALOFFLINE_DB_URL, DUALOFFLINE_OPERATOR_TOKEN; optional: DUALOFFLINE_DB_USER, "
                    + "DUALOFFLINE_DB_PASSWORD, DUALOFFLINE_DB_SCHEMA, DUALOFFLINE_DB_POOL_SIZE (10), DUALOFFLINE_PORT (8080), DUALOFFLINE_HOST (0.0.0.0), "
                    + "DUALOFFLINE_ISSUER_SEED, DUALOFFLINE_ISSUER_PUBLIC_KEY");
            System.exit(EXIT_BAD_CONFIG);
            return;
        }
        ReconciliationBackend backend;
        try {
            backend = assemble.apply(config).start();
        } catch (RuntimeException e) {
            System.err.println("reconciliation-backend: cannot start with database " + config.database().describe() + ": "
                    + rootMessage(e));
            System.exit(EXIT_CANNOT_START);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(backend::stop, "backend-shutdown"));
        System.out.println("reconciliation-backend ready at " + backend.baseUrl() + "/v1");
    }

    /** slf4j-simple defaults for the standalone jar (each can be overridden with -D). */
    private static void quietLoggingDefaults() {
        Map<String, String> defaults = Map.of(
                "org.slf4j.simpleLogger.showDateTime", "true",
                "org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
                "org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn",
                "org.slf4j.simpleLogger.log.io.javalin", "warn",
                "org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn",
                // Flyway 10.20 flags H2 2.3 as untested; the migrations are tested on it by this module.
                "org.slf4j.simpleLogger.log.org.flywaydb.core.internal.database.base.Database", "error");
        defaults.forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
    }

    /** Reads the configuration from environment variables; throws IllegalArgumentException saying what is wrong. */
    public static BackendConfig configFrom(Map<String, String> env) {
        String url = value(env, "DUALOFFLINE_DB_URL");
        if (url == null) {
            throw new IllegalArgumentException("DUALOFFLINE_DB_URL is not set (e.g. jdbc:postgresql://db:5432/dualoffline)");
        }
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("DUALOFFLINE_DB_URL must be a jdbc:postgresql: or jdbc:h2: URL, got \"" + url + "\"");
        }
        if (url.startsWith("jdbc:h2:")) {
            url = h2Url(url);
        }
        String token = value(env, "DUALOFFLINE_OPERATOR_TOKEN");
        if (token == null) {
            throw new IllegalArgumentException("DUALOFFLINE_OPERATOR_TOKEN is not set");
        }
        int port = integer(env, "DUALOFFLINE_PORT", 8080, 0, 65535);
        String seed = value(env, "DUALOFFLINE_ISSUER_SEED");
        IssuerKeySource issuerKeys;
        if (seed == null) {
            issuerKeys = IssuerKeySource.generatedWith(new SecureRandom());
        } else {
            try {
                issuerKeys = IssuerKeySource.seeded(Long.parseLong(seed));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("DUALOFFLINE_ISSUER_SEED must be an integer, got \"" + seed + "\"");
            }
        }
        String expected = value(env, "DUALOFFLINE_ISSUER_PUBLIC_KEY");
        if (expected != null) {
            if (!expected.matches("(?i)04[0-9a-f]{128}")) {
                throw new IllegalArgumentException("DUALOFFLINE_ISSUER_PUBLIC_KEY must be the issuer's uncompressed P-256 public key, "
                        + "130 hex digits starting with 04 (as GET /v1/issuer shows it), got " + expected.length() + " characters");
            }
            issuerKeys = issuerKeys.expecting(Hex.parse(expected.toLowerCase(Locale.ROOT)));
        }
        String host = value(env, "DUALOFFLINE_HOST");
        DatabaseSettings database = DatabaseSettings.jdbc(url, value(env, "DUALOFFLINE_DB_USER"),
                env.getOrDefault("DUALOFFLINE_DB_PASSWORD", null)).withSchema(value(env, "DUALOFFLINE_DB_SCHEMA"))
                .withMaxPoolSize(integer(env, "DUALOFFLINE_DB_POOL_SIZE", DatabaseSettings.DEFAULT_MAX_POOL_SIZE, 1, 1000));
        HttpSettings http = new HttpSettings(host == null ? "0.0.0.0" : host, port, HttpSettings.DEFAULT_MAX_BODY_BYTES, token);
        return new BackendConfig(database, http, UploadSettings.DEFAULTS, issuerKeys);
    }

    /**
     * An H2 URL with the settings the backend needs and the URL does not give: PostgreSQL mode
     * ({@link BackendConfig#H2_POSTGRES_SETTINGS}), and for an in-memory database a name (an
     * unnamed one is private to each connection of the pool) and {@code DB_CLOSE_DELAY=-1} (else
     * it vanishes when the migration's connection closes). Another MODE is refused.
     */
    static String h2Url(String url) {
        String[] parts = url.split(";");
        StringBuilder sb = new StringBuilder(parts[0].equals("jdbc:h2:mem:") ? "jdbc:h2:mem:dualoffline-trial" : parts[0]);
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            given.put(kv[0].strip().toUpperCase(Locale.ROOT), kv.length > 1 ? kv[1].strip() : "");
            sb.append(';').append(parts[i]);
        }
        String mode = given.get("MODE");
        if (mode != null && !mode.equalsIgnoreCase("PostgreSQL")) {
            throw new IllegalArgumentException("DUALOFFLINE_DB_URL: the backend needs H2 in MODE=PostgreSQL, got MODE=" + mode);
        }
        for (String setting : (BackendConfig.H2_POSTGRES_SETTINGS + (url.startsWith("jdbc:h2:mem:") ? ";DB_CLOSE_DELAY=-1" : "")).split(";")) {
            if (!given.containsKey(setting.split("=", 2)[0].toUpperCase(Locale.ROOT))) {
                sb.append(';').append(setting);
            }
        }
        return sb.toString();
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        String v = value(env, name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got \"" + v + "\"");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString();
    }
}
