package org.dualoffline.backend.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.WalletId;

/** SQL of the {@code wallet_records} and {@code wallet_conflicts} tables. */
public final class RecordRepository {

    public enum Status { ACCEPTED, PENDING }

    public record StoredRecord(long counter, Status status, byte[] hash, byte[] prevHash, WalletRecord record) {}

    public Optional<StoredRecord> find(Connection c, WalletId wallet, long counter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status, entry_hash, prev_hash, entry, signature, peer_entry, peer_signature "
                + "FROM wallet_records WHERE wallet_id = ? AND counter = ?")) {
            ps.setString(1, wallet.hex());
            ps.setLong(2, counter);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                WalletRecord r = new WalletRecord(Hex.parse(rs.getString("entry")), Hex.parse(rs.getString("signature")),
                        hexOrNull(rs.getString("peer_entry")), hexOrNull(rs.getString("peer_signature")));
                return Optional.of(new StoredRecord(counter, Status.valueOf(rs.getString("status")), Hex.parse(rs.getString("entry_hash")),
                        Hex.parse(rs.getString("prev_hash")), r));
            }
        }
    }

    public void insert(Connection c, WalletRecord r, Status status) throws SQLException {
        Entry e = r.entry();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO wallet_records (wallet_id, counter, entry_type, entry, signature, "
                + "entry_hash, prev_hash, peer_entry, peer_signature, status, accepted_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + (status == Status.ACCEPTED ? "CURRENT_TIMESTAMP" : "NULL") + ")")) {
            ps.setString(1, e.walletId().hex());
            ps.setLong(2, e.counter());
            ps.setString(3, e.type().name());
            ps.setString(4, Hex.of(r.entryBytes()));
            ps.setString(5, Hex.of(r.signature()));
            ps.setString(6, Hex.of(r.hash()));
            ps.setString(7, Hex.of(e.prevHash()));
            ps.setString(8, r.peerEntryBytes() == null ? null : Hex.of(r.peerEntryBytes()));
            ps.setString(9, r.peerSignature() == null ? null : Hex.of(r.peerSignature()));
            ps.setString(10, status.name());
            ps.executeUpdate();
        }
    }

    /** A pending entry joins the accepted chain. */
    public void accept(Connection c, WalletId wallet, long counter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE wallet_records SET status = 'ACCEPTED', accepted_at = CURRENT_TIMESTAMP "
                + "WHERE wallet_id = ? AND counter = ? AND status = 'PENDING'")) {
            ps.setString(1, wallet.hex());
            ps.setLong(2, counter);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("entry #" + counter + " of wallet " + wallet + " was not pending");
            }
        }
    }

    public int countPending(Connection c, WalletId wallet) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM wallet_records WHERE wallet_id = ? AND status = 'PENDING'")) {
            ps.setString(1, wallet.hex());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Keeps the evidence of a conflict (once per wallet, counter, entry and kind). */
    public void recordConflict(Connection c, Conflict k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO wallet_conflicts (wallet_id, counter, kind, entry, signature, "
                + "entry_hash, known_hash, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, k.walletId().hex());
            ps.setLong(2, k.counter());
            ps.setString(3, k.kind().name());
            ps.setString(4, Hex.of(k.offending().entryBytes()));
            ps.setString(5, Hex.of(k.offending().signature()));
            ps.setString(6, Hex.of(k.offending().hash()));
            ps.setString(7, k.knownHash() == null ? null : Hex.of(k.knownHash()));
            String detail = k.detail();
            ps.setString(8, detail.length() > 500 ? detail.substring(0, 500) : detail);
            ps.executeUpdate();
        }
    }

    private static byte[] hexOrNull(String s) {
        return s == null ? null : Hex.parse(s);
    }
}
