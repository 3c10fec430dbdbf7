package org.dualoffline.backend.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.dualoffline.backend.DatabaseSettings;

/** Builds the connection pool of a backend that was given a JDBC URL. */
public final class DataSources {
    private DataSources() {}

    public static HikariDataSource pool(DatabaseSettings database) {
        if (database.schema() != null) {
            // Connections of the pool switch to the schema as they open, so it must exist first.
            createSchemaIfMissing(database);
        }
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

    private static void createSchemaIfMissing(DatabaseSettings database) {
        Properties credentials = new Properties();
        if (database.user() != null) {
            credentials.setProperty("user", database.user());
        }
        if (database.password() != null) {
            credentials.setProperty("password", database.password());
        }
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), credentials);
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + database.schema());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + database.schema() + " in " + database.jdbcUrl()
                    + ": " + e.getMessage(), e);
        }
    }
}
