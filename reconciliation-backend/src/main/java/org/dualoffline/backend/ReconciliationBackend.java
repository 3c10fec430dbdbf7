package org.dualoffline.backend;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.dualoffline.backend.db.DataSources;
import org.dualoffline.backend.db.Database;
import org.dualoffline.backend.db.Dialect;
import org.dualoffline.backend.db.Migrations;
import org.dualoffline.backend.db.StartupLock;
import org.dualoffline.backend.http.OperatorAuth;
import org.dualoffline.backend.http.WebApp;
import org.dualoffline.backend.issuer.IssuerKeyStore;
import org.dualoffline.backend.sync.BeforeCommitListener;
import org.dualoffline.backend.sync.JdbcBatchUploadWriter;
import org.dualoffline.backend.sync.PostgresUploadStatement;
import org.dualoffline.backend.sync.UploadWriter;
import org.dualoffline.backend.sync.VerifiedSignatures;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Issuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference reconciliation backend (spec section 7): a Javalin app over a JDBC database,
 * wired from a {@link BackendConfig}. In-process use:
 *
 * <pre>{@code
 * try (ReconciliationBackend backend = ReconciliationBackend.startEmbedded(42)) {
 *     String url = backend.baseUrl();              // http://127.0.0.1:<random port>
 *     String token = backend.operatorToken();      // for the operator endpoints
 * }
 * }</pre>
 */
public final class ReconciliationBackend implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationBackend.class);

    private final BackendConfig config;
    private Assembly assembly = Assembly.SERVICE;
    private UploadWriter uploadWriter;
    private HikariDataSource ownedPool;
    private DataSource dataSource;
    private Issuer issuer;
    private VerifiedSignatures signatures;
    private Javalin app;
    private int port = -1;
    private boolean started;

    private ReconciliationBackend(BackendConfig config) {
        this.config = config;
    }

    /** A backend for {@code config}, not started yet. */
    public static ReconciliationBackend create(BackendConfig config) {
        return new ReconciliationBackend(config);
    }

    /**
     * Tests only: {@code listener} hears every upload that adds records, inside its transaction,
     * after its writes and before its commit (the service itself hears nothing). Before {@link #start()}.
     */
    public synchronized ReconciliationBackend withBeforeCommit(BeforeCommitListener listener) {
        if (started) {
            throw new IllegalStateException("the before-commit listener is set before the backend starts");
        }
        assembly = assembly.withBeforeCommit(listener);
        return this;
    }

    /**
     * Tests only: write uploads with the portable {@link JdbcBatchUploadWriter} whatever the
     * database, so that it is tested on PostgreSQL too (where the backend otherwise writes an
     * upload with one statement, {@link PostgresUploadStatement}). Before {@link #start()}.
     */
    public synchronized ReconciliationBackend withPortableUploadWriter() {
        if (started) {
            throw new IllegalStateException("the upload writer is chosen before the backend starts");
        }
        assembly = assembly.withPortableUploadWriter();
        return this;
    }

    /** Started, on a fresh in-memory H2 database, issuer key from {@code seed}: see {@link BackendConfig#embedded(long)}. */
    public static ReconciliationBackend startEmbedded(long seed) {
        return create(BackendConfig.embedded(seed)).start();
    }

    /**
     * Connects, migrates the schema, loads (or creates) the issuer key and starts listening. One start per instance.
     * Replicas on one PostgreSQL schema do the first three one at a time ({@link StartupLock}).
     */
    public synchronized ReconciliationBackend start() {
        if (started) {
            throw new IllegalStateException("this backend was already started; create a new one to start again");
        }
        started = true;
        try {
            Database db;
            try (StartupLock once = StartupLock.acquire(config.database())) {
                if (config.database().dataSource() != null) {
                    dataSource = config.database().dataSource();
                } else {
                    ownedPool = DataSources.pool(config.database());
                    dataSource = ownedPool;
                }
                Migrations.migrate(dataSource, config.database().schema());
                db = new Database(dataSource);
                issuer = IssuerKeyStore.loadOrCreate(db, config.issuerKeys());
            }
            Assembly.Wired wired = assembly.wire(config, db, Dialect.of(dataSource), issuer);
            signatures = wired.signatures();
            uploadWriter = wired.uploadWriter();
            app = WebApp.create(wired.controllers(), new OperatorAuth(config.http().operatorToken()), WebApp.objectMapper(), config.http());
            app.start();
            port = app.port();
            LOG.info("reconciliation backend listening on {} with database {}, issuer public key {}", baseUrl(),
                    config.database().describe(), Hex.of(issuer.publicKey()));
            return this;
        } catch (RuntimeException e) {
            releaseResources();
            throw e;
        }
    }

    /** Stops listening and closes the connection pool the backend opened (a caller's DataSource stays open). */
    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
            LOG.info("reconciliation backend on port {} stopped", port);
        }
        releaseResources();
    }

    @Override
    public void close() {
        stop();
    }

    private void releaseResources() {
        if (ownedPool != null) {
            if (config.database().shutdownOnStop()) {
                try (Connection c = ownedPool.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException e) {
                    LOG.debug("embedded database shutdown: {}", e.getMessage());
                }
            }
            ownedPool.close();
            ownedPool = null;
        }
    }

    /** {@code http://<host>:<port>} without a trailing slash; the API lives under {@code /v1}. */
    public String baseUrl() {
        if (port < 0) {
            throw new IllegalStateException("the backend is not started");
        }
        String host = config.http().host().equals("0.0.0.0") || config.http().host().equals("::") ? "127.0.0.1" : config.http().host();
        return "http://" + host + ":" + port;
    }

    public int port() {
        return port;
    }

    public String operatorToken() {
        return config.http().operatorToken();
    }

    /** The issuer public key wallets are initialized with (also served at {@code GET /v1/issuer}). */
    public byte[] issuerPublicKey() {
        if (issuer == null) {
            throw new IllegalStateException("the backend is not started");
        }
        return issuer.publicKey();
    }

    /** Signatures of uploaded entries verified so far, and how many of them were answered from memory. */
    public VerifiedSignatures.Counts signatureCounts() {
        if (signatures == null) {
            throw new IllegalStateException("the backend is not started");
        }
        return signatures.counts();
    }

    public BackendConfig config() {
        return config;
    }

    /** The writer of uploads the backend was assembled with. */
    UploadWriter uploadWriter() {
        if (uploadWriter == null) {
            throw new IllegalStateException("the backend is not started");
        }
        return uploadWriter;
    }
}
