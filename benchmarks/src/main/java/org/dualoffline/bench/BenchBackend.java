package org.dualoffline.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import org.dualoffline.backend.BackendConfig;
import org.dualoffline.backend.DatabaseSettings;
import org.dualoffline.backend.ReconciliationBackend;
import org.dualoffline.backend.UploadSettings;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.backend.sync.VerifiedSignatures;
import org.dualoffline.protocol.Seeds;

/**
 * The backend under measurement: started in-process on the real PostgreSQL, in a fresh schema
 * {@code bench_<random>} that is dropped when the benchmark ends (also on Ctrl-C). PostgreSQL is
 * found as the backend's tests find it: {@code DUALOFFLINE_PG_URL} (default
 * {@value #DEFAULT_PG_URL}), {@code DUALOFFLINE_PG_USER} (postgres), {@code DUALOFFLINE_PG_PASSWORD}.
 */
final class BenchBackend implements AutoCloseable {
    static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String OPERATOR_TOKEN = "bench-operator-token";

    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private final ReconciliationBackend backend;
    private final Thread dropOnExit;
    private boolean closed;

    private BenchBackend(String url, String user, String password, String schema, ReconciliationBackend backend) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.backend = backend;
        this.dropOnExit = new Thread(this::close, "bench-drop-schema");
        Runtime.getRuntime().addShutdownHook(dropOnExit);
    }

    /** Starts a backend on a fresh schema; exits 2 with the reason when PostgreSQL cannot be reached. */
    static BenchBackend start(long seed, int poolSize, int signatureCache) {
        String url = setting("DUALOFFLINE_PG_URL", DEFAULT_PG_URL);
        String user = setting("DUALOFFLINE_PG_USER", "postgres");
        String password = setting("DUALOFFLINE_PG_PASSWORD", "");
        byte[] name = new byte[5];
        Seeds.secureRandom(System.nanoTime()).nextBytes(name);
        String schema = "bench_" + HexFormat.of().formatHex(name);
        try (Connection c = connect(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            System.err.println("bench: no PostgreSQL at " + url + " (" + e.getMessage() + "); set DUALOFFLINE_PG_URL, "
                    + "DUALOFFLINE_PG_USER, DUALOFFLINE_PG_PASSWORD");
            System.exit(2);
        }
        ReconciliationBackend backend;
        // the pool's connections are named, so that their PostgreSQL processes can be told apart from other users'
        String namedUrl = url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + schema;
        try {
            backend = ReconciliationBackend.create(BackendConfig.of(
                    DatabaseSettings.jdbc(namedUrl, user, password).withSchema(schema).withMaxPoolSize(poolSize),
                    OPERATOR_TOKEN, IssuerKeySource.seeded(seed))
                    .withUpload(UploadSettings.DEFAULTS.withVerifiedSignatureCache(signatureCache))).start();
        } catch (RuntimeException e) {
            drop(url, user, password, schema);
            throw e;
        }
        return new BenchBackend(url, user, password, schema, backend);
    }

    String baseUrl() {
        return backend.baseUrl();
    }

    /** Signatures verified so far, and how many were answered from the backend's memory of verified PAY entries. */
    VerifiedSignatures.Counts signatureCounts() {
        return backend.signatureCounts();
    }

    String schema() {
        return schema;
    }

    String describeDatabase() {
        try (Connection c = connect()) {
            var md = c.getMetaData();
            return md.getDatabaseProductName() + " " + md.getDatabaseProductVersion() + " at " + url + ", schema " + schema;
        } catch (SQLException e) {
            return url + ", schema " + schema;
        }
    }

    /** Process ids of the PostgreSQL backends serving the backend's connection pool. */
    java.util.Set<Long> postgresPids() {
        java.util.Set<Long> pids = new java.util.HashSet<>();
        try (Connection c = connect(url, user, password);
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, schema);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            System.err.println("bench: cannot list the pool's PostgreSQL processes: " + e.getMessage());
        }
        return pids;
    }

    /** Deadlocks PostgreSQL has detected in this database so far (all sessions), or -1. */
    long deadlocks() {
        try (Connection c = connect(url, user, password);
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
             java.sql.ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    /** A direct connection in the benchmark's schema, for reading results back. */
    Connection connect() throws SQLException {
        Connection c = connect(url, user, password);
        c.setSchema(schema);
        return c;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        backend.stop();
        drop(url, user, password, schema);
        if (Thread.currentThread() != dropOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(dropOnExit);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    private static void drop(String url, String user, String password, String schema) {
        try (Connection c = connect(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("bench: could not drop schema " + schema + ": " + e.getMessage());
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url, p);
    }

    private static String setting(String name, String fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            v = System.getenv(name);
        }
        return v == null || v.isBlank() ? fallback : v;
    }
}
