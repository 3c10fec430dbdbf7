package org.dualoffline.backend.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.dualoffline.backend.DatabaseSettings;

/**
 * What a backend does once when it starts - create its schema if missing, migrate it, create the
 * issuer key if there is none - done by one replica at a time. Replicas of the backend over one
 * PostgreSQL are started together by an orchestrator; without this, two of them creating the same
 * schema at once failed ({@code CREATE SCHEMA IF NOT EXISTS} is not safe against a concurrent one:
 * a unique violation on {@code pg_namespace}), and two Flyway runs or two issuer keys made on an
 * empty schema raced the same way.
 *
 * <p>On PostgreSQL a session-level advisory lock named after the schema, taken on a connection of
 * its own, held until {@link #close()} (or until the connection dies with its process: a replica
 * killed while migrating does not block the others). A replica waits at most {@link #WAIT} for it.
 * H2 has no advisory locks, and an in-memory H2 has one process anyway: there the lock is a no-op.
 */
public final class StartupLock implements AutoCloseable {
    /** How long a replica waits for another's start-up (migrations included) before it gives up. */
    public static final Duration WAIT = Duration.ofMinutes(2);
    private static final String NAMESPACE = "dualoffline-backend-start:";

    private final Connection connection;
    private final String key;

    private StartupLock(Connection connection, String key) {
        this.connection = connection;
        this.key = key;
    }

    /**
     * Takes the start-up lock of the database's schema, then creates the schema when it is
     * missing (a pool's connections switch to it as they open, so it must exist before the pool).
     */
    public static StartupLock acquire(DatabaseSettings database) {
        Connection c = null;
        try {
            c = database.dataSource() != null ? database.dataSource().getConnection() : connect(database);
            c.setAutoCommit(true);
            String key = NAMESPACE + (database.schema() == null ? "" : database.schema());
            boolean postgres = Dialect.of(c.getMetaData().getDatabaseProductName()) == Dialect.POSTGRESQL;
            if (postgres) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET lock_timeout = '" + WAIT.toMillis() + "ms'");
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 0))")) {
                    ps.setString(1, key);
                    ps.execute();
                }
            }
            if (database.schema() != null) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + database.schema());
                }
            }
            return new StartupLock(c, postgres ? key : null);
        } catch (SQLException e) {
            closeQuietly(c);
            if ("55P03".equals(e.getSQLState())) {
                throw new IllegalStateException("another replica has been starting on " + database.describe() + " for over "
                        + WAIT.toSeconds() + " s (migrating?); start this one again when it is up", e);
            }
            throw new IllegalStateException((c == null ? "cannot connect to " : "cannot prepare ") + database.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Releases the lock: the next replica may start. */
    @Override
    public void close() {
        if (key != null) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
                ps.setString(1, key);
                ps.execute();
            } catch (SQLException e) {
                // closing the session below releases it anyway
            }
        }
        closeQuietly(connection);
    }

    private static Connection connect(DatabaseSettings database) throws SQLException {
        Properties credentials = new Properties();
        if (database.user() != null) {
            credentials.setProperty("user", database.user());
        }
        if (database.password() != null) {
            credentials.setProperty("password", database.password());
        }
        return DriverManager.getConnection(database.jdbcUrl(), credentials);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // nothing left to release
            }
        }
    }
}
