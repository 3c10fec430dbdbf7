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

/** SQL of the {@code payments} and {@code ledger_postings} tables. */
public final class PaymentRepository {
    private static final String COLUMNS = "payer_id, payer_counter, payee_id, amount, nonce, pay_entry_hash, status, "
            + "reported_by_payer, reported_by_payee";

    public enum PostingKind { SETTLE_OUT, SETTLE_IN }

    /** Inserts the payment of a PAY entry unless (payer, counter) is already there; true when this call inserted it. */
    public boolean insertIfAbsent(Connection c, Entry pay, byte[] payHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO payments (payer_id, payer_counter, payee_id, amount, nonce, "
                + "pay_entry_hash, status) VALUES (?, ?, ?, ?, ?, ?, 'SETTLED') ON CONFLICT DO NOTHING")) {
            ps.setString(1, pay.walletId().hex());
            ps.setLong(2, pay.counter());
            ps.setString(3, pay.peerId().hex());
            ps.setLong(4, pay.amount());
            ps.setString(5, Hex.of(pay.nonce()));
            ps.setString(6, Hex.of(payHash));
            return ps.executeUpdate() == 1;
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
     * Posts one side of a payment's settlement. The unique (kind, payer, counter) constraint makes
     * a second posting of the same side a no-op, whoever tries it and however concurrently.
     */
    public boolean postOnce(Connection c, PostingKind kind, WalletId account, Payment p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_postings (kind, wallet_id, amount, payer_id, payer_counter) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, kind.name());
            ps.setString(2, account.hex());
            ps.setLong(3, p.amount());
            ps.setString(4, p.payerId().hex());
            ps.setLong(5, p.payerCounter());
            return ps.executeUpdate() == 1;
        }
    }

    public void markReported(Connection c, WalletId payer, long counter, Settlement.Reporter by) throws SQLException {
        String column = by == Settlement.Reporter.PAYER ? "reported_by_payer" : "reported_by_payee";
        try (PreparedStatement ps = c.prepareStatement("UPDATE payments SET " + column + " = TRUE WHERE payer_id = ? AND payer_counter = ?")) {
            ps.setString(1, payer.hex());
            ps.setLong(2, counter);
            ps.executeUpdate();
        }
    }

    /** Payments the wallet made or received, in (payer, counter) order. */
    public List<Payment> listFor(Connection c, WalletId wallet) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM payments WHERE payer_id = ? OR payee_id = ? "
                + "ORDER BY payer_id, payer_counter")) {
            ps.setString(1, wallet.hex());
            ps.setString(2, wallet.hex());
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
