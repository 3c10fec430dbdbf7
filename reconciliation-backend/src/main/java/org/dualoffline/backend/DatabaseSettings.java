package org.dualoffline.backend;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where the backend's data lives: a JDBC URL with its credentials (the backend then opens a pool
 * of at most {@code maxPoolSize} connections) or a caller-owned DataSource (not closed by the
 * backend), exactly one of the two. Take {@link #jdbc} or {@link #dataSource}, then the
 * {@code withXxx} copies.
 *
 * @param schema         the database schema the backend's tables live in, or null for the connection's default
 * @param shutdownOnStop true for a private in-memory H2 that nobody else can reach: it is dropped on stop
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, DataSource dataSource, String schema, int maxPoolSize,
                               boolean shutdownOnStop) {
    public static final int DEFAULT_MAX_POOL_SIZE = 10;

    public DatabaseSettings {
        if ((jdbcUrl == null) == (dataSource == null)) {
            throw new IllegalArgumentException("give exactly one of a JDBC URL or a DataSource");
        }
        if (schema != null && !schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("schema must be a plain SQL identifier, got \"" + schema + "\"");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("pool size, body limit and records per upload must be positive");
        }
    }

    /** A database at {@code url}, in the connection's default schema, with a pool of {@value #DEFAULT_MAX_POOL_SIZE}. */
    public static DatabaseSettings jdbc(String url, String user, String password) {
        return new DatabaseSettings(Objects.requireNonNull(url, "JDBC URL"), user, password, null, null, DEFAULT_MAX_POOL_SIZE, false);
    }

    /** A caller-owned DataSource (not closed by the backend). */
    public static DatabaseSettings dataSource(DataSource dataSource) {
        return new DatabaseSettings(null, null, null, Objects.requireNonNull(dataSource, "DataSource"), null, DEFAULT_MAX_POOL_SIZE,
                false);
    }

    public DatabaseSettings withSchema(String schema) {
        return new DatabaseSettings(jdbcUrl, user, password, dataSource, schema, maxPoolSize, shutdownOnStop);
    }

    public DatabaseSettings withMaxPoolSize(int maxPoolSize) {
        return new DatabaseSettings(jdbcUrl, user, password, dataSource, schema, maxPoolSize, shutdownOnStop);
    }

    public DatabaseSettings withShutdownOnStop(boolean shutdownOnStop) {
        return new DatabaseSettings(jdbcUrl, user, password, dataSource, schema, maxPoolSize, shutdownOnStop);
    }

    /** Where the data lives, without credentials, for logs and error messages. */
    public String describe() {
        String where = jdbcUrl != null ? jdbcUrl : "a caller-supplied DataSource";
        return schema == null ? where : where + " (schema " + schema + ")";
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + ", user " + user + ", pool " + maxPoolSize + (shutdownOnStop ? ", dropped on stop" : "")
                + "]";
    }
}
