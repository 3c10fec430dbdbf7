package org.dualoffline.backend.testing;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dualoffline.fuzz.StateProbe;

/**
 * The row count of every table in the backend's schema (found in the database's catalogue, so a
 * table a later migration adds is counted too), the sums of the wallets' numbers,
 * and the wallet id sequence: what a refused request must leave as it was. One connection, kept
 * open while the probe is used.
 */
public final class TableCounts implements StateProbe, AutoCloseable {
    private final Connection connection;
    private final String query;

    public TableCounts(TestDatabase database) throws SQLException {
        this.connection = database.connect();
        this.query = query(connection);
    }

    private static String query(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        if (!tables.contains("wallets")) {
            throw new IllegalStateException("no wallets table in schema " + c.getSchema() + ": " + tables);
        }
        List<String> parts = new ArrayList<>();
        tables.stream().sorted().forEach(t -> parts.add("SELECT '" + t + "', COUNT(*) FROM " + t));
        parts.add("SELECT 'wallet sums', COALESCE(SUM(online_balance), 0) + 7 * COALESCE(SUM(loaded_total), 0) + 31 * COALESCE(SUM(last_counter), 0) "
                + "+ 127 * COALESCE(SUM(load_seq), 0) + 257 * COALESCE(SUM(limits_seq), 0) + 509 * COALESCE(SUM(pending_records), 0) "
                + "+ 1021 * COALESCE(SUM(blocklist_seq_acked), 0) + 2039 * COALESCE(SUM(max_single + max_cumulative + holding_cap), 0) FROM wallets");
        parts.add(md.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
                ? "SELECT 'wallet id sequence', last_value + CASE WHEN is_called THEN 1 ELSE 0 END FROM wallet_id_seq"
                : "SELECT 'wallet id sequence', BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES WHERE LOWER(SEQUENCE_NAME) = 'wallet_id_seq'");
        return String.join(" UNION ALL ", parts);
    }

    @Override
    public String snapshot() throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append(": ").append(rs.getString(2)).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
