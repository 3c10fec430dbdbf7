package org.dualoffline.backend.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.dualoffline.backend.BackendConfig;

/** Builds the connection pool of a backend that was given a JDBC URL. */
public final class DataSources {
    private DataSources() {}

    public static HikariDataSource pool(BackendConfig config) {
        if (config.schema() != null) {
            // Connections of the pool switch to the schema as they open, so it must exist first.
            createSchemaIfMissing(config);
        }
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("reconciliation-backend");
        hc.setJdbcUrl(config.jdbcUrl());
        if (config.dbUser() != null) {
            hc.setUsername(config.dbUser());
        }
        if (config.dbPassword() != null) {
            hc.setPassword(config.dbPassword());
        }
        if (config.schema() != null) {
            hc.setSchema(config.schema());
        }
        hc.setMaximumPoolSize(config.maxPoolSize());
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(10_000);
        hc.setValidationTimeout(3_000);
        // Fail fast at start when the database cannot be reached (Main reports it plainly).
        hc.setInitializationFailTimeout(1_000);
        return new HikariDataSource(hc);
    }

    private static void createSchemaIfMissing(BackendConfig config) {
        Properties credentials = new Properties();
        if (config.dbUser() != null) {
            credentials.setProperty("user", config.dbUser());
        }
        if (config.dbPassword() != null) {
            credentials.setProperty("password", config.dbPassword());
        }
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), credentials);
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + config.schema());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + config.schema() + " in " + config.jdbcUrl()
                    + ": " + e.getMessage(), e);
        }
    }
}
