package org.dualoffline.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

/**
 * A fresh, randomly named schema in a PostgreSQL database, dropped with everything in it on
 * {@link #close()}: the backend replicas of a load run live in one and leave nothing behind.
 */
record ScratchSchema(String url, String user, String password, String name) implements AutoCloseable {

    /** Creates {@code prefix} + 10 random hex digits in the database at {@code url}; unreachable: {@link BackendConnection.BackendUnavailableException}. */
    static ScratchSchema create(String url, String user, String password, String prefix) {
        byte[] r = new byte[5];
        new java.security.SecureRandom().nextBytes(r);
        String name = prefix + HexFormat.of().formatHex(r);
        try (Connection c = connect(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new BackendConnection.BackendUnavailableException("no PostgreSQL at " + url + " (" + e.getMessage()
                    + "); set DUALOFFLINE_PG_URL, DUALOFFLINE_PG_USER and DUALOFFLINE_PG_PASSWORD");
        }
        return new ScratchSchema(url, user, password, name);
    }

    @Override
    public void close() {
        try (Connection c = connect(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (SQLException e) {
            System.err.println("warning: could not drop schema " + name + " at " + url + ": " + e.getMessage());
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url, p);
    }
}
