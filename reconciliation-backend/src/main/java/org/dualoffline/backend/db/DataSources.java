package org.dualoffline.backend.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.dualoffline.backend.DatabaseSettings;

/** Builds the connection pool of a backend that was given a JDBC URL. */
public final class DataSources {
    private DataSources() {}

    /**
     * The pool. Its connections switch to the schema as they open, so the schema must exist first:
     * {@link StartupLock#acquire} creates it (under the lock that keeps replicas' start-ups apart).
     */
    public static HikariDataSource pool(DatabaseSettings database) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("reconciliation-backend");
        hc.setJdbcUrl(database.jdbcUrl());
        if (database.user() != null) {
            hc.setUsername(database.user());
        }
        if (database.password() != null) {
            hc.setPassword(database.password());
        }
        if (database.schema() != null) {
            hc.setSchema(database.schema());
        }
        hc.setMaximumPoolSize(database.maxPoolSize());
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(10_000);
        hc.setValidationTimeout(3_000);
        // Fail fast at start when the database cannot be reached (Main reports it plainly).
        hc.setInitializationFailTimeout(1_000);
        return new HikariDataSource(hc);
    }
}
