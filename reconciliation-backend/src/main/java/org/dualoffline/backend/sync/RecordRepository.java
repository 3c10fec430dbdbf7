package org.dualoffline.backend.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dualoffline.backend.db.Dialect;
import org.dualoffline.backend.wallet.ChainSql;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.WalletId;

/**
 * SQL of the {@code wallet_records} and {@code wallet_conflicts} tables. An upload reads what it
 * needs of its wallet's records in one query (and none when it only extends the chain, see
 * {@link ChainMerge#storedRange}) and writes its new records in one batch
 * ({@link JdbcBatchUploadWriter}); on PostgreSQL they go in the upload's single write statement
 * instead ({@link PostgresUploadStatement}).
 */
public final class RecordRepository {
    private final Dialect dialect;

    public RecordRepository(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * The wallet's stored records an upload can meet (see {@link ChainMerge.StoredRange}): those
     * with a counter in {@code [from, to]} (the uploaded counters: duplicates or forks) and every
     * pending one (which the upload may unblock: they are the ones beyond the head,
     * {@code lastCounter}), by counter. Two ranges of the primary key.
     */
    public Map<Long, StoredRecord> findForUpload(Connection c, WalletId wallet, ChainMerge.StoredRange range) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT counter, status, entry_hash, prev_hash, entry, signature, peer_entry, "
                + "peer_signature FROM wallet_records WHERE wallet_id = ? AND (counter BETWEEN ? AND ? OR counter > ?)")) {
            dialect.planEachExecution(ps); // an OR of two ranges: keep it on the index as the table grows
            ps.setString(1, wallet.hex());
            ps.setLong(2, range.from());
            ps.setLong(3, range.to());
            ps.setLong(4, range.lastCounter());
            Map<Long, StoredRecord> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long counter = rs.getLong(1);
                    WalletRecord r = new WalletRecord(Hex.parse(rs.getString(5)), Hex.parse(rs.getString(6)),
                            hexOrNull(rs.getString(7)), hexOrNull(rs.getString(8)));
                    out.put(counter, new StoredRecord(counter, RecordStatus.valueOf(rs.getString(2)), Hex.parse(rs.getString(3)),
                            Hex.parse(rs.getString(4)), r));
                }
            }
            return out;
        }
    }

    /** Inserts records in one batch. */
    public void insertAll(Connection c, List<NewRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO wallet_records (wallet_id, counter, entry_type, entry, signature, "
                + "entry_hash, prev_hash, peer_entry, peer_signature, status, accepted_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? THEN CURRENT_TIMESTAMP END)")) {
            for (NewRecord n : records) {
                WalletRecord r = n.record();
                Entry e = n.entry();
                ps.setString(1, e.walletId().hex());
                ps.setLong(2, e.counter());
                ps.setString(3, e.type().name());
                ps.setString(4, Hex.of(r.entryBytes()));
                ps.setString(5, Hex.of(r.signature()));
                ps.setString(6, Hex.of(n.hash()));
                ps.setString(7, Hex.of(e.prevHash()));
                ps.setString(8, r.peerEntryBytes() == null ? null : Hex.of(r.peerEntryBytes()));
                ps.setString(9, r.peerSignature() == null ? null : Hex.of(r.peerSignature()));
                ps.setString(10, n.status().name());
                ps.setBoolean(11, n.status() == RecordStatus.ACCEPTED);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Pending entries join the accepted chain, in one statement. */
    public void acceptAll(Connection c, WalletId wallet, List<Long> counters) throws SQLException {
        if (counters.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE wallet_records SET status = 'ACCEPTED', accepted_at = CURRENT_TIMESTAMP "
                + "WHERE wallet_id = ? AND counter = ANY(?) AND status = 'PENDING'")) {
            ps.setString(1, wallet.hex());
            ps.setArray(2, c.createArrayOf("bigint", counters.toArray(new Long[0])));
            int updated = ps.executeUpdate();
            if (updated != counters.size()) {
                throw new SQLException("of entries " + counters + " of wallet " + wallet + ", only " + updated + " were pending");
            }
        }
    }

    /** An accepted entry of a wallet's chain: its counter and hash. */
    public record ChainEntry(long counter, byte[] hash) {}

    /**
     * The wallet's accepted RECEIVE entry with the lowest counter that carries the PAY entry whose
     * hash is {@code payHash} (its refHash), as this connection sees the chain; a scan of the
     * wallet's records, for the evidence of a repeated receive only.
     */
    public Optional<ChainEntry> firstReceiveOf(Connection c, WalletId payee, byte[] payHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT counter, entry_hash FROM wallet_records WHERE wallet_id = ? "
                + "AND entry_type = 'RECEIVE' AND status = 'ACCEPTED' AND " + ChainSql.refHash("entry") + " = ? ORDER BY counter LIMIT 1")) {
            ps.setString(1, payee.hex());
            ps.setString(2, Hex.of(payHash));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ChainEntry(rs.getLong(1), Hex.parse(rs.getString(2)))) : Optional.empty();
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
