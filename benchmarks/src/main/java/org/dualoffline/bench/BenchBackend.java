package org.dualoffline.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.dualoffline.backend.BackendConfig;
import org.dualoffline.backend.DatabaseSettings;
import org.dualoffline.backend.ReconciliationBackend;
import org.dualoffline.backend.UploadSettings;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.backend.replicas.ReplicaProcesses;
import org.dualoffline.backend.sync.VerifiedSignatures;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Seeds;

/**
 * The backend under measurement: started in-process on the real PostgreSQL, or as {@code --replicas N}
 * separate processes over one schema ({@link ReplicaProcesses}), in a fresh schema
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
    private final ReconciliationBackend backend; // null with replicas
    private final ReplicaProcesses replicas; // null in-process
    private final Thread dropOnExit;
    private boolean closed;

    private BenchBackend(String url, String user, String password, String schema, ReconciliationBackend backend,
                         ReplicaProcesses replicas) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.backend = backend;
        this.replicas = replicas;
        this.dropOnExit = new Thread(this::close, "bench-drop-schema");
        Runtime.getRuntime().addShutdownHook(dropOnExit);
    }

    /**
     * Starts a backend on a fresh schema - in-process when {@code replicas} is 0, else that many
     * backend processes over it, each with a pool of {@code poolSize} - and exits 2 with the
     * reason when PostgreSQL cannot be reached.
     */
    static BenchBackend start(long seed, int poolSize, int signatureCache, int replicas) {
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
        if (replicas > 0) {
            try {
                Map<String, String> env = new HashMap<>(Map.of("DUALOFFLINE_DB_URL", url, "DUALOFFLINE_DB_USER", user,
                        "DUALOFFLINE_DB_PASSWORD", password, "DUALOFFLINE_DB_SCHEMA", schema, "DUALOFFLINE_OPERATOR_TOKEN", OPERATOR_TOKEN,
                        "DUALOFFLINE_ISSUER_SEED", Long.toString(seed), "DUALOFFLINE_ISSUER_PUBLIC_KEY",
                        Hex.of(IssuerKeySource.seeded(seed).newIssuer().publicKey())));
                return new BenchBackend(url, user, password, schema, null, ReplicaProcesses.start(replicas, env, schema, poolSize, "bench: replica: "));
            } catch (RuntimeException e) {
                drop(url, user, password, schema);
                throw e;
            }
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
        return new BenchBackend(url, user, password, schema, backend, null);
    }

    /** The (first) backend's URL: enrolment and funding go there. */
    String baseUrl() {
        return baseUrls().get(0);
    }

    /** Every replica's URL (one in-process). */
    List<String> baseUrls() {
        return replicas != null ? replicas.baseUrls() : List.of(backend.baseUrl());
    }

    /** Replica processes; 0 when the backend runs in-process. */
    int replicaCount() {
        return replicas == null ? 0 : replicas.baseUrls().size();
    }

    /** CPU ticks of each replica process so far (none in-process). */
    long[] replicaCpuTicks() {
        return replicas == null ? new long[0] : replicas.cpuTicks();
    }

    /**
     * Signatures verified so far, and how many were answered from the backend's memory of verified
     * PAY entries; null with replicas (each process keeps its own, out of this JVM's reach).
     */
    VerifiedSignatures.Counts signatureCounts() {
        return backend == null ? null : backend.signatureCounts();
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
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ? "
                     + "OR application_name LIKE ?")) {
            ps.setString(1, schema);
            ps.setString(2, schema + "\\_r%"); // the replicas' pools
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
        if (backend != null) {
            backend.stop();
        }
        if (replicas != null) {
            replicas.close();
        }
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
