package org.dualoffline.backend.model;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dualoffline.backend.testing.TestDatabase;

/**
 * The backend's tables read straight from its database, in the text form of
 * {@link LedgerView#rows}; and the emptying of the ledger's tables between tries (the schema, the
 * issuer key and the blocklist version stay), so that every try starts from an empty ledger and
 * the audit speaks of that try alone.
 */
final class BackendRows {
    /** Table -> the query that lists it, columns as {@link LedgerView#rows} writes them. */
    private static final Map<String, String> QUERIES = new LinkedHashMap<>();
    /** Tables that outlive a try: the migrations' history, the issuer key, the blocklist's version counter. */
    private static final Set<String> KEPT = Set.of("flyway_schema_history", "issuer_key", "blocklist_version");

    static {
        QUERIES.put("wallets", "SELECT wallet_id, online_balance, loaded_total, last_counter, last_hash, load_seq, pending_records, "
                + "offline_balance FROM wallets");
        QUERIES.put("wallet_records", "SELECT wallet_id, counter, entry_type, entry_hash, status FROM wallet_records");
        QUERIES.put("payments", "SELECT payer_id, payer_counter, payee_id, amount, pay_entry_hash, reported_by_payer, reported_by_payee "
                + "FROM payments");
        QUERIES.put("ledger_postings", "SELECT kind, wallet_id, amount, payer_id, payer_counter FROM ledger_postings");
        QUERIES.put("load_tokens", "SELECT wallet_id, load_seq, amount, status, COALESCE(redeemed_by_counter, 0) FROM load_tokens");
        QUERIES.put("deposits", "SELECT wallet_id, amount FROM deposits");
        QUERIES.put("blocklist", "SELECT wallet_id, reason FROM blocklist");
        QUERIES.put("double_spend_claims", "SELECT payer_id, payer_counter, pay_entry_hash, payee_id, payee_counter, amount "
                + "FROM double_spend_claims");
        QUERIES.put("unloads", "SELECT wallet_id, counter, amount, entry_hash FROM unloads");
        QUERIES.put("wallet_conflicts", "SELECT wallet_id, counter, kind, entry_hash, COALESCE(known_hash, '-') "
                + "FROM wallet_conflicts");
    }

    private final TestDatabase database;
    private Connection connection;
    private List<String> deleteOrder;
    /** Statements prepared once for the run: thousands of tries would parse them again each time. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    BackendRows(TestDatabase database) {
        this.database = database;
    }

    /** One connection for all the reads and deletes of a run (autocommit: every read sees the last commit). */
    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = database.connect();
            connection.setAutoCommit(true);
        }
        return connection;
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection().prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    Map<String, List<String>> read() {
        try {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (Map.Entry<String, String> q : QUERIES.entrySet()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = statement(q.getValue()).executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Object[] columns = new Object[n];
                        for (int i = 0; i < n; i++) {
                            columns[i] = rs.getObject(i + 1);
                        }
                        rows.add(LedgerView.row(columns));
                    }
                }
                out.put(q.getKey(), rows.stream().sorted().toList());
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the backend's tables failed: " + e.getMessage(), e);
        }
    }

    /** Deletes every row of the ledger's tables, those that others refer to last. */
    void empty() {
        try {
            if (deleteOrder == null) {
                deleteOrder = deleteOrder(connection());
            }
            for (String table : deleteOrder) {
                statement("DELETE FROM " + table).executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("emptying the backend's tables failed: " + e.getMessage(), e);
        }
    }

    void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // the database goes next
        }
    }

    /** The schema's tables (but the kept ones), each after every table that refers to it. */
    private static List<String> deleteOrder(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String schema = c.getSchema();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!KEPT.contains(name.toLowerCase(Locale.ROOT))) {
                    tables.add(name);
                }
            }
        }
        Map<String, Set<String>> referredToBy = new HashMap<>();
        for (String t : tables) {
            try (ResultSet rs = md.getImportedKeys(null, schema, t)) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME");
                    if (!parent.equals(t)) {
                        referredToBy.computeIfAbsent(parent, k -> new HashSet<>()).add(t);
                    }
                }
            }
        }
        List<String> order = new ArrayList<>();
        while (order.size() < tables.size()) {
            int before = order.size();
            for (String t : tables) {
                if (!order.contains(t) && order.containsAll(referredToBy.getOrDefault(t, Set.of()))) {
                    order.add(t);
                }
            }
            if (order.size() == before) {
                throw new IllegalStateException("the foreign keys among " + tables + " form a cycle");
            }
        }
        return order;
    }
}
