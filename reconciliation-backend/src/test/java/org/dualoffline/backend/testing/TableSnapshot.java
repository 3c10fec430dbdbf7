package org.dualoffline.backend.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backend's tables as rows of text, without timestamps and generated ids (whether a record has
 * its {@code accepted_at} is kept), each in a fixed order: two databases that saw the same traffic,
 * with the same issuer and wallets, compare equal table by table.
 */
public final class TableSnapshot {
    /** Table (or view of one, as "balances") -> the query that lists it. */
    public static final Map<String, String> TABLES;

    static {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("wallets", "SELECT wallet_id, public_key, certificate, online_balance, loaded_total, last_counter, last_hash, "
                + "offline_balance, load_seq, pending_records, blocklist_seq_acked FROM wallets ORDER BY wallet_id");
        t.put("wallet_records", "SELECT wallet_id, counter, entry_type, entry, signature, entry_hash, prev_hash, peer_entry, "
                + "peer_signature, status, accepted_at IS NOT NULL FROM wallet_records ORDER BY wallet_id, counter");
        t.put("payments", "SELECT payer_id, payer_counter, payee_id, amount, nonce, pay_entry_hash, status, reported_by_payer, "
                + "reported_by_payee FROM payments ORDER BY payer_id, payer_counter");
        t.put("ledger_postings", "SELECT kind, wallet_id, amount, payer_id, payer_counter FROM ledger_postings "
                + "ORDER BY kind, payer_id, payer_counter");
        t.put("balances", "SELECT w.wallet_id, w.loaded_total - COALESCE((SELECT SUM(amount) FROM ledger_postings l WHERE "
                + "l.wallet_id = w.wallet_id AND l.kind = 'SETTLE_OUT'), 0) + COALESCE((SELECT SUM(amount) FROM ledger_postings l WHERE "
                + "l.wallet_id = w.wallet_id AND l.kind = 'SETTLE_IN'), 0) FROM wallets w ORDER BY w.wallet_id");
        t.put("load_tokens", "SELECT wallet_id, load_seq, amount, token, token_hash, status, redeemed_by_counter FROM load_tokens "
                + "ORDER BY wallet_id, load_seq");
        t.put("deposits", "SELECT wallet_id, amount FROM deposits ORDER BY wallet_id, amount");
        t.put("blocklist", "SELECT seq, wallet_id, reason, detail FROM blocklist ORDER BY seq");
        t.put("double_spend_claims", "SELECT payer_id, payer_counter, pay_entry_hash, payee_id, payee_counter, amount "
                + "FROM double_spend_claims ORDER BY payer_id, payer_counter, pay_entry_hash");
        t.put("unloads", "SELECT wallet_id, counter, amount, entry_hash FROM unloads ORDER BY wallet_id, counter");
        t.put("wallet_conflicts", "SELECT wallet_id, counter, kind, entry, signature, entry_hash, known_hash, detail FROM wallet_conflicts "
                + "ORDER BY wallet_id, counter, kind, entry_hash");
        TABLES = Collections.unmodifiableMap(t);
    }

    private TableSnapshot() {}

    /** The rows of {@code table} (a key of {@link #TABLES}), each as its columns joined by " | ". */
    public static List<String> rows(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TABLES.get(table)); ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i == 1 ? "" : " | ").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }
}
