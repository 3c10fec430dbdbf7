package org.dualoffline.backend.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/** The few places where PostgreSQL and H2 (PostgreSQL mode) need different SQL. */
public enum Dialect {
    /**
     * PostgreSQL: a wallet row is locked {@code FOR NO KEY UPDATE}, which does not conflict with the
     * {@code FOR KEY SHARE} locks that foreign-key checks take on referenced rows. With plain
     * {@code FOR UPDATE}, an upload of wallet A that settles a payment to wallet B (a payments row
     * referencing B) waits for B's upload to end, while B's upload waits for A's in the same way:
     * a deadlock, broken by PostgreSQL after a second and retried.
     */
    POSTGRESQL(" FOR NO KEY UPDATE"),
    /** H2 knows only {@code FOR UPDATE}, and its foreign-key checks take no row locks. */
    H2(" FOR UPDATE");

    private final String rowLockForUpdate;

    Dialect(String rowLockForUpdate) {
        this.rowLockForUpdate = rowLockForUpdate;
    }

    /** The clause that ends a {@code SELECT} which locks rows to update them (not their keys). */
    public String rowLockForUpdate() {
        return rowLockForUpdate;
    }

    /**
     * Makes PostgreSQL plan {@code ps} afresh at every execution, with its actual parameters and
     * the tables' current size, instead of caching a generic plan. For statements that join or
     * scan by more than a unique key: a generic plan made while a table was small (a seq scan and a
     * hash join are cheapest over a few hundred rows) would otherwise be kept as the table grows,
     * until an ANALYZE invalidates it - a measured 200x slowdown of the upload statement on a fresh
     * database. Planning costs about 0.3 ms; no-op on H2.
     */
    public void planEachExecution(PreparedStatement ps) throws SQLException {
        if (this == POSTGRESQL && ps.isWrapperFor(PGStatement.class)) {
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
    }

    public static Dialect of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return of(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw Database.DatabaseException.of(e);
        }
    }

    static Dialect of(String productName) {
        return productName.toLowerCase(Locale.ROOT).contains("postgres") ? POSTGRESQL : H2;
    }
}
