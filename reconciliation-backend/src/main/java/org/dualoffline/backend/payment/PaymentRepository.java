package org.dualoffline.backend.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.WalletId;

/**
 * SQL of the {@code payments} and {@code ledger_postings} tables. The writes of a settlement go
 * as JDBC batches (one round trip per batch); on PostgreSQL an upload's settlement is folded
 * into one statement instead (see {@code PostgresUploadStatement}).
 */
public final class PaymentRepository {
    private static final String COLUMNS = "payer_id, payer_counter, payee_id, amount, nonce, pay_entry_hash, status, "
            + "reported_by_payer, reported_by_payee";

    /**
     * Inserts the payments of PAY entries, in one batch, each unless its (payer, counter) is
     * already there (the primary key decides, also against concurrent uploads); marks the reporting
     * side. Per payment: 1 when this call inserted it, 0 when it was there.
     */
    public int[] insertAllIfAbsent(Connection c, List<Settlement.Report> reports) throws SQLException {
        if (reports.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO payments (payer_id, payer_counter, payee_id, amount, nonce, "
                + "pay_entry_hash, status, reported_by_payer, reported_by_payee) VALUES (?, ?, ?, ?, ?, ?, 'SETTLED', ?, ?) "
                + "ON CONFLICT DO NOTHING")) {
            for (Settlement.Report r : reports) {
                Entry pay = r.pay();
                ps.setString(1, pay.walletId().hex());
                ps.setLong(2, pay.counter());
                ps.setString(3, pay.peerId().hex());
                ps.setLong(4, pay.amount());
                ps.setString(5, Hex.of(pay.nonce()));
                ps.setString(6, Hex.of(r.payHash()));
                ps.setBoolean(7, r.reporter() == Settlement.Reporter.PAYER);
                ps.setBoolean(8, r.reporter() == Settlement.Reporter.PAYEE);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    public Optional<Payment> find(Connection c, WalletId payer, long counter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM payments WHERE payer_id = ? AND payer_counter = ?")) {
            ps.setString(1, payer.hex());
            ps.setLong(2, counter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Posts both sides of the settlement of payments just inserted - the payer's debit and the
     * payee's credit, one statement per payment - in one batch. The unique (kind, payer, counter)
     * constraint makes a second posting of the same side a no-op, whoever tries it and however
     * concurrently.
     */
    public void postAll(Connection c, List<Settlement.Report> settled) throws SQLException {
        if (settled.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_postings (kind, wallet_id, amount, payer_id, payer_counter) "
                + "VALUES ('SETTLE_OUT', ?, ?, ?, ?), ('SETTLE_IN', ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Settlement.Report r : settled) {
                Entry pay = r.pay();
                String payer = pay.walletId().hex();
                ps.setString(1, payer);
                ps.setLong(2, pay.amount());
                ps.setString(3, payer);
                ps.setLong(4, pay.counter());
                ps.setString(5, pay.peerId().hex());
                ps.setLong(6, pay.amount());
                ps.setString(7, payer);
                ps.setLong(8, pay.counter());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Marks payments already settled as reported by {@code by} too, in one batch - each only if it
     * was settled from the same PAY entry (same hash) and {@code by} had not reported it yet. Per
     * payment: 1 when marked, 0 when the settled payment has another PAY entry (a double spend) or
     * {@code by} reported it before (a repeated report).
     */
    public int[] markReportedIfSameEntry(Connection c, List<Settlement.Report> reports, Settlement.Reporter by) throws SQLException {
        if (reports.isEmpty()) {
            return new int[0];
        }
        String column = by == Settlement.Reporter.PAYER ? "reported_by_payer" : "reported_by_payee";
        try (PreparedStatement ps = c.prepareStatement("UPDATE payments SET " + column + " = TRUE "
                + "WHERE payer_id = ? AND payer_counter = ? AND pay_entry_hash = ? AND NOT " + column)) {
            for (Settlement.Report r : reports) {
                ps.setString(1, r.pay().walletId().hex());
                ps.setLong(2, r.pay().counter());
                ps.setString(3, Hex.of(r.payHash()));
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    /**
     * Payments the wallet made or received, in (payer, counter) order. Two selects, one on the
     * primary key and one on {@code payments_by_payee}: with {@code payer_id = ? OR payee_id = ?}
     * H2 scanned the whole table for every wallet (a town's 10,000 wallets read back after a
     * reconnect storm: 98 s).
     */
    public List<Payment> listFor(Connection c, WalletId wallet) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM payments WHERE payer_id = ? UNION ALL SELECT " + COLUMNS
                + " FROM payments WHERE payee_id = ? AND payer_id <> ? ORDER BY payer_id, payer_counter")) {
            ps.setString(1, wallet.hex());
            ps.setString(2, wallet.hex());
            ps.setString(3, wallet.hex());
            try (ResultSet rs = ps.executeQuery()) {
                List<Payment> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        }
    }

    private static Payment map(ResultSet rs) throws SQLException {
        return new Payment(WalletId.parse(rs.getString("payer_id")), rs.getLong("payer_counter"), WalletId.parse(rs.getString("payee_id")),
                rs.getLong("amount"), Hex.parse(rs.getString("nonce")), Hex.parse(rs.getString("pay_entry_hash")),
                Payment.Status.valueOf(rs.getString("status")), rs.getBoolean("reported_by_payer"), rs.getBoolean("reported_by_payee"));
    }
}
