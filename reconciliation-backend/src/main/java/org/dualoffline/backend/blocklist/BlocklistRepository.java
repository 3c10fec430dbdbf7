package org.dualoffline.backend.blocklist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dualoffline.backend.wallet.ChainSql;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.WalletId;

/**
 * SQL of the issuer's blocklist and of the issuer's cover: the claims of double spends
 * ({@code double_spend_claims}) and the payments covered beyond a closed chain. Every method runs
 * on the caller's connection and transaction.
 */
public final class BlocklistRepository {

    /** Why a wallet is on the blocklist: the kind of conflict that put it there, or an operator's decision. */
    public enum Reason { FORK, CHAIN_BREAK, DOUBLE_SPEND, LOAD_TOKEN_REUSED, OVERSPEND, REPEATED_RECEIVE, OPERATOR }

    /** One blocklist entry; {@code seq} is the blocklist version that added it. */
    public record Entry(long seq, WalletId walletId, Reason reason, String detail, String blockedAt) {}

    /**
     * Puts the wallet on the blocklist unless it is there already, and returns its entry. The
     * next version is taken under the lock of the version row, so versions commit in order
     * (a wallet told "up to n" never misses an uncommitted version below n); blocklisting is rare
     * and the lock is held for the rest of the caller's transaction.
     */
    public Entry add(Connection c, WalletId wallet, Reason reason, String detail) throws SQLException {
        long seq;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM blocklist_version WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            seq = rs.getLong(1);
        }
        Optional<Entry> existing = find(c, wallet);
        if (existing.isPresent()) {
            return existing.get();
        }
        seq++;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO blocklist (seq, wallet_id, reason, detail) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setString(2, wallet.hex());
            ps.setString(3, reason.name());
            ps.setString(4, detail.length() > 500 ? detail.substring(0, 500) : detail);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE blocklist_version SET seq = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.executeUpdate();
        }
        return find(c, wallet).orElseThrow();
    }

    public Optional<Entry> find(Connection c, WalletId wallet) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, wallet_id, reason, detail, blocked_at FROM blocklist WHERE wallet_id = ?")) {
            ps.setString(1, wallet.hex());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** Entries with a version above {@code after}, oldest first, at most {@code limit}. */
    public List<Entry> since(Connection c, long after, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, wallet_id, reason, detail, blocked_at FROM blocklist WHERE seq > ? "
                + "ORDER BY seq LIMIT ?")) {
            ps.setLong(1, after);
            ps.setInt(2, limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        }
    }

    public long version(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM blocklist_version WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A payee's claim on a double-spent PAY entry, covered by the issuer. */
    public record Claim(WalletId payer, long payerCounter, byte[] payEntryHash, WalletId payee, long payeeCounter, long amount) {}

    /** Records the cover of a claim once per PAY entry; true when this call recorded it. */
    public boolean insertClaim(Connection c, Claim k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO double_spend_claims (payer_id, payer_counter, pay_entry_hash, "
                + "payee_id, payee_counter, amount) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, k.payer().hex());
            ps.setLong(2, k.payerCounter());
            ps.setString(3, Hex.of(k.payEntryHash()));
            ps.setString(4, k.payee().hex());
            ps.setLong(5, k.payeeCounter());
            ps.setLong(6, k.amount());
            return ps.executeUpdate() == 1;
        }
    }

    /** The claims on a payer's double-spent PAY entries, by counter. */
    public List<Claim> claimsAgainst(Connection c, WalletId payer) throws SQLException {
        return claims(c, "payer_id", payer);
    }

    /**
     * The payments of {@code payer} that the issuer covers because its chain is closed before them
     * (spec 7.1), as claims, by counter; the payee's counter is that of the RECEIVE entry in its
     * chain that carries the PAY entry.
     */
    public List<Claim> coveredBeyondClosedChain(Connection c, WalletId payer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT p.payer_id, p.payer_counter, p.pay_entry_hash, p.payee_id, "
                + "(SELECT MIN(r.counter) FROM wallet_records r WHERE r.wallet_id = p.payee_id AND r.entry_type = 'RECEIVE' "
                + "AND r.status = 'ACCEPTED' AND " + ChainSql.refHash("r.entry") + " = p.pay_entry_hash), p.amount "
                + "FROM payments p WHERE p.payer_id = ? AND " + ChainSql.coveredPayment("p") + " ORDER BY p.payer_counter")) {
            ps.setString(1, payer.hex());
            return readClaims(ps);
        }
    }

    /** The claims a payee holds. */
    public List<Claim> claimsOf(Connection c, WalletId payee) throws SQLException {
        return claims(c, "payee_id", payee);
    }

    private static List<Claim> claims(Connection c, String column, WalletId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT payer_id, payer_counter, pay_entry_hash, payee_id, payee_counter, amount "
                + "FROM double_spend_claims WHERE " + column + " = ? ORDER BY payer_id, payer_counter, pay_entry_hash")) {
            ps.setString(1, id.hex());
            return readClaims(ps);
        }
    }

    private static List<Claim> readClaims(PreparedStatement ps) throws SQLException {
        List<Claim> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Claim(WalletId.parse(rs.getString(1)), rs.getLong(2), Hex.parse(rs.getString(3)),
                        WalletId.parse(rs.getString(4)), rs.getLong(5), rs.getLong(6)));
            }
        }
        return out;
    }

    private static Entry map(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong(1), WalletId.parse(rs.getString(2)), Reason.valueOf(rs.getString(3)), rs.getString(4),
                rs.getTimestamp(5).toInstant().toString());
    }
}
