package org.dualoffline.backend.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import org.dualoffline.backend.BackendConfig;
import org.dualoffline.backend.DatabaseSettings;
import org.dualoffline.backend.container.ContainerImages;
import org.dualoffline.backend.container.ContainerModeUnavailableException;
import org.dualoffline.backend.container.ContainerPreflight;
import org.dualoffline.backend.container.LoopbackPostgres;
import org.junit.jupiter.api.Assumptions;

/**
 * Picks the database the suite runs on, by the system property {@value #KIND_PROPERTY}
 * ({@code h2}, the default, or {@code postgres}; Maven runs the suite once with each).
 *
 * <p>PostgreSQL is found, in order: at {@code DUALOFFLINE_PG_URL} (system property or environment;
 * default {@value #DEFAULT_PG_URL}, user {@code DUALOFFLINE_PG_USER} default postgres, password
 * {@code DUALOFFLINE_PG_PASSWORD} default empty); else a Testcontainers PostgreSQL 15 from the project's
 * image ({@link LoopbackPostgres}) when the engine and image are there; else the tests are skipped with the reason, unless
 * {@code DUALOFFLINE_REQUIRE_POSTGRES=true} (CI), where no PostgreSQL fails them. Every test class
 * gets a freshly created schema {@code bk_<random>}, dropped after it, so parallel runs never collide.
 */
public final class TestDatabases {
    public static final String KIND_PROPERTY = "dualoffline.test.database";
    public static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final SecureRandom NAMES = new SecureRandom(); // names only: isolation, not test data

    private static PostgresServer server;
    private static String unavailableReason;

    private TestDatabases() {}

    public static String selectedKind() {
        return System.getProperty(KIND_PROPERTY, "h2").toLowerCase(Locale.ROOT);
    }

    /** A fresh database of the selected kind for {@code owner} (a test class name). */
    public static TestDatabase open(String owner) {
        return switch (selectedKind()) {
            case "h2" -> new H2(owner);
            case "postgres", "postgresql" -> new Postgres(postgresServer(), "bk_" + HexFormat.of().formatHex(randomBytes(6)));
            default -> throw new IllegalArgumentException(KIND_PROPERTY + " must be h2 or postgres, got " + selectedKind());
        };
    }

    /** The PostgreSQL server for this JVM; skips (or, when required, fails) the calling test when there is none. */
    public static synchronized PostgresServer postgresServer() {
        if (server == null && unavailableReason == null) {
            resolve();
        }
        if (server != null) {
            return server;
        }
        if (requirePostgres()) {
            throw new IllegalStateException("DUALOFFLINE_REQUIRE_POSTGRES=true but " + unavailableReason);
        }
        Assumptions.abort("PostgreSQL-backed run skipped: " + unavailableReason
                + ". Point DUALOFFLINE_PG_URL at a server, or set DUALOFFLINE_REQUIRE_POSTGRES=true to fail instead.");
        throw new AssertionError("unreachable");
    }

    public static boolean requirePostgres() {
        return "true".equalsIgnoreCase(setting("DUALOFFLINE_REQUIRE_POSTGRES", "false"));
    }

    private static void resolve() {
        String url = setting("DUALOFFLINE_PG_URL", DEFAULT_PG_URL);
        String user = setting("DUALOFFLINE_PG_USER", "postgres");
        String password = setting("DUALOFFLINE_PG_PASSWORD", "");
        PostgresServer configured = new PostgresServer(url, user, password, "configured");
        String configuredProblem = configured.probe();
        if (configuredProblem == null) {
            server = configured;
            return;
        }
        try {
            ContainerPreflight.require(ContainerImages.configured());
        } catch (ContainerModeUnavailableException e) {
            unavailableReason = "no PostgreSQL at " + url + " (" + configuredProblem + ") and none in a container: " + e.getMessage();
            return;
        }
        @SuppressWarnings("resource") // lives as long as the JVM; Testcontainers removes it at exit
        LoopbackPostgres pg = new LoopbackPostgres(ContainerImages.configured().postgres());
        try {
            pg.start();
            server = new PostgresServer(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword(), "Testcontainers");
        } catch (RuntimeException e) {
            unavailableReason = "no PostgreSQL at " + url + " (" + configuredProblem + ") and the Testcontainers PostgreSQL "
                    + "did not start (" + e.getMessage() + ")";
        }
    }

    private static String setting(String name, String fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            v = System.getenv(name);
        }
        return v == null || v.isBlank() ? fallback : v;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        NAMES.nextBytes(b);
        return b;
    }

    /** Where PostgreSQL is and how to log in. */
    public record PostgresServer(String url, String user, String password, String source) {
        public Connection connect() throws SQLException {
            Properties p = new Properties();
            p.setProperty("user", user);
            p.setProperty("password", password);
            p.setProperty("connectTimeout", "5");
            p.setProperty("loginTimeout", "5");
            return DriverManager.getConnection(url, p);
        }

        /** Null when a connection works, else why not. */
        String probe() {
            try (Connection c = connect()) {
                return c.isValid(5) ? null : "connection not valid";
            } catch (SQLException e) {
                return e.getMessage();
            }
        }
    }

    private static final class H2 implements TestDatabase {
        private final String url;

        H2(String owner) {
            this.url = BackendConfig.embeddedH2Url("test-" + owner);
        }

        @Override
        public DatabaseSettings settings() {
            return DatabaseSettings.jdbc(url, "sa", "").withMaxPoolSize(8);
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, "sa", "");
        }

        @Override
        public java.util.Map<String, String> mainEnvironment(String applicationName) {
            throw new UnsupportedOperationException("an in-memory H2 database cannot be shared with another process");
        }

        @Override
        public String describe() {
            return "H2 in memory (PostgreSQL mode)";
        }

        @Override
        public void close() {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // already gone
            }
        }
    }

    private static final class Postgres implements TestDatabase {
        private final PostgresServer server;
        private final String schema;

        Postgres(PostgresServer server, String schema) {
            this.server = server;
            this.schema = schema;
            execute("CREATE SCHEMA " + schema);
        }

        @Override
        public DatabaseSettings settings() {
            return DatabaseSettings.jdbc(server.url(), server.user(), server.password()).withSchema(schema).withMaxPoolSize(8);
        }

        @Override
        public Connection connect() throws SQLException {
            Connection c = server.connect();
            c.setSchema(schema);
            return c;
        }

        @Override
        public java.util.Map<String, String> mainEnvironment(String applicationName) {
            String url = server.url() + (server.url().contains("?") ? "&" : "?") + "ApplicationName=" + applicationName;
            return java.util.Map.of("DUALOFFLINE_DB_URL", url, "DUALOFFLINE_DB_USER", server.user(),
                    "DUALOFFLINE_DB_PASSWORD", server.password(), "DUALOFFLINE_DB_SCHEMA", schema);
        }

        @Override
        public String describe() {
            return "PostgreSQL (" + server.source() + ") " + server.url() + " schema " + schema;
        }

        @Override
        public void close() {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }

        private void execute(String sql) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed on " + server.url() + ": " + e.getMessage(), e);
            }
        }
    }
}
