package org.dualoffline.backend.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's only door to the database: runs units of work in one JDBC transaction each,
 * commits or rolls back, and retries the whole unit when the database aborted it because of
 * a concurrent transaction (serialization failure, deadlock, lock timeout).
 */
public final class Database {
    /** SQLSTATEs that mean "run the transaction again": PostgreSQL and H2 serialization failure, deadlock, H2 lock timeout. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "HYT00");
    private static final int MAX_ATTEMPTS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DataSource dataSource;

    public Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A unit of work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    rollbackQuietly(c, e);
                    throw e;
                }
            } catch (SQLException e) {
                if (isRetryable(e) && attempt < MAX_ATTEMPTS) {
                    LOG.debug("transaction aborted by a concurrent one ({}), attempt {} of {}", e.getSQLState(), attempt, MAX_ATTEMPTS);
                    continue;
                }
                throw DatabaseException.of(e);
            }
        }
    }

    /**
     * Runs read-only {@code work} on one consistent snapshot of the database (a REPEATABLE READ
     * transaction): every query in it sees the same committed state, whatever commits meanwhile.
     */
    public <T> T snapshot(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return work.run(c);
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** Runs read-only {@code work} outside an explicit transaction (auto-commit). */
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** True when a connection can be had and answers a trivial query within a few seconds. */
    public boolean isReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(3);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isRetryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && RETRYABLE.contains(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A database failure that is not the caller's fault; the HTTP layer answers 500, or 503 when unreachable. */
    public static final class DatabaseException extends RuntimeException {
        private final boolean unavailable;

        private DatabaseException(String message, SQLException cause, boolean unavailable) {
            super(message, cause);
            this.unavailable = unavailable;
        }

        static DatabaseException of(SQLException e) {
            boolean unavailable = e instanceof SQLTransientConnectionException
                    || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
            return new DatabaseException("database error " + e.getSQLState() + ": " + e.getMessage(), e, unavailable);
        }

        /** True when no connection could be had (pool exhausted or database down). */
        public boolean unavailable() {
            return unavailable;
        }
    }
}
