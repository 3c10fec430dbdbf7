package org.dualoffline.backend.wallet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.db.Dialect;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.ReceivePolicy;
import org.dualoffline.protocol.WalletId;

/** SQL of the {@code wallets} table. Every method runs on the caller's connection (and transaction). */
public final class WalletRepository {
    /**
     * The wallet's columns, the counter its chain is closed before (if it is), its standing (on
     * the blocklist or not) and the blocklist's current version, in one read: an upload needs all
     * of them, and the version is what tells it whether the wallet has blocklist entries to catch
     * up on.
     */
    private static final String COLUMNS = "wallet_id, certificate, holder, online_balance, loaded_total, "
            + "limits_seq, max_single, max_cumulative, max_count, holding_cap, pin_free_threshold, receive_policy, "
            + "last_counter, last_hash, offline_balance, load_seq, pending_records, blocklist_seq_acked, "
            + ChainSql.closedBefore("wallets.wallet_id") + " AS closed_before, "
            + "(SELECT b.seq FROM blocklist b WHERE b.wallet_id = wallets.wallet_id) AS blocklisted_at, "
            + "(SELECT v.seq FROM blocklist_version v WHERE v.id = 1) AS blocklist_head";

    private final Dialect dialect;

    public WalletRepository(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The next wallet id from the database sequence. */
    public WalletId nextId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('wallet_id_seq')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new WalletId(rs.getLong(1));
        }
    }

    public void insert(Connection c, Wallet w) throws SQLException {
        Limits l = w.limits();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO wallets (wallet_id, public_key, certificate, form_factor, "
                + "holder, limits_seq, max_single, max_cumulative, max_count, holding_cap, pin_free_threshold, "
                + "receive_policy, last_counter, last_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, w.id().hex());
            ps.setString(2, Hex.of(w.publicKey()));
            ps.setString(3, Hex.of(w.certificate().encode()));
            ps.setString(4, w.formFactor().name());
            ps.setString(5, w.holder());
            ps.setLong(6, l.limitsSeq());
            ps.setLong(7, l.maxSingle());
            ps.setLong(8, l.maxCumulative());
            ps.setInt(9, l.maxCount());
            ps.setLong(10, l.holdingCap());
            ps.setLong(11, l.pinFreeThreshold());
            ps.setString(12, l.receivePolicy().name());
            ps.setLong(13, w.lastCounter());
            ps.setString(14, Hex.of(w.lastHash()));
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new BackendException(Failure.ALREADY_ENROLLED,
                        "public key " + Hex.of(w.publicKey()) + " is already enrolled as another wallet");
            }
            throw e;
        }
    }

    public Optional<WalletId> findIdByPublicKey(Connection c, byte[] publicKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT wallet_id FROM wallets WHERE public_key = ?")) {
            ps.setString(1, Hex.of(publicKey));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(WalletId.parse(rs.getString(1))) : Optional.empty();
            }
        }
    }

    public Optional<Wallet> find(Connection c, WalletId id) throws SQLException {
        return select(c, id, "");
    }

    /** The wallet's certificate alone (it never changes once enrolled), or empty when the wallet is not enrolled. */
    public Optional<Certificate> findCertificate(Connection c, WalletId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT certificate FROM wallets WHERE wallet_id = ?")) {
            ps.setString(1, id.hex());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Certificate.decode(Hex.parse(rs.getString(1)))) : Optional.empty();
            }
        }
    }

    /**
     * Reads the wallet and locks its row until the transaction ends: uploads (and funding) of one
     * wallet run one at a time. The lock does not block other transactions' foreign-key checks
     * on the row (see {@link Dialect#POSTGRESQL}).
     */
    public Optional<Wallet> lock(Connection c, WalletId id) throws SQLException {
        return select(c, id, dialect.rowLockForUpdate());
    }

    public Wallet require(Connection c, WalletId id) throws SQLException {
        return find(c, id).orElseThrow(() -> BackendException.walletNotFound(id));
    }

    public Wallet requireLocked(Connection c, WalletId id) throws SQLException {
        return lock(c, id).orElseThrow(() -> BackendException.walletNotFound(id));
    }

    /** Moves the head of the wallet's accepted chain with the chain's balance, and sets how many of its entries wait beyond a gap. */
    public void advanceChain(Connection c, WalletId id, long lastCounter, byte[] lastHash, long balance, int pendingRecords)
            throws SQLException {
        update(c, "UPDATE wallets SET last_counter = ?, last_hash = ?, offline_balance = ?, pending_records = ? WHERE wallet_id = ?",
                lastCounter, Hex.of(lastHash), balance, pendingRecords, id.hex());
    }

    /** Replaces the wallet's limits (the caller bumps limitsSeq); they travel in its next acknowledgement. */
    public void setLimits(Connection c, WalletId id, Limits l) throws SQLException {
        update(c, "UPDATE wallets SET limits_seq = ?, max_single = ?, max_cumulative = ?, max_count = ?, holding_cap = ?, "
                + "pin_free_threshold = ?, receive_policy = ? WHERE wallet_id = ?", l.limitsSeq(), l.maxSingle(), l.maxCumulative(),
                l.maxCount(), l.holdingCap(), l.pinFreeThreshold(), l.receivePolicy().name(), id.hex());
    }

    /** Remembers the blocklist version of the acknowledgement just given to the wallet. */
    public void setBlocklistSeqAcked(Connection c, WalletId id, long seq) throws SQLException {
        update(c, "UPDATE wallets SET blocklist_seq_acked = ? WHERE wallet_id = ?", seq, id.hex());
    }

    public void credit(Connection c, WalletId id, long amount) throws SQLException {
        update(c, "UPDATE wallets SET online_balance = online_balance + ? WHERE wallet_id = ?", amount, id.hex());
    }

    /** Debits the online account by a load token's amount and records the token's sequence. */
    public void moveOnlineToOffline(Connection c, WalletId id, long loadSeq, long amount) throws SQLException {
        update(c, "UPDATE wallets SET online_balance = online_balance - ?, loaded_total = loaded_total + ?, load_seq = ? "
                + "WHERE wallet_id = ?", amount, amount, loadSeq, id.hex());
    }

    /** Sums kept in other tables, as seen by this connection. */
    public Totals totals(Connection c, WalletId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT "
                + "(SELECT COALESCE(SUM(amount), 0) FROM ledger_postings WHERE wallet_id = ? AND kind = 'SETTLE_IN'), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM ledger_postings WHERE wallet_id = ? AND kind = 'SETTLE_OUT'), "
                + "(SELECT pending_records FROM wallets WHERE wallet_id = ?), "
                + "(SELECT COUNT(*) FROM wallet_conflicts WHERE wallet_id = ?), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM load_tokens WHERE wallet_id = ? AND status = 'ISSUED'), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM unloads WHERE wallet_id = ?)")) {
            for (int i = 1; i <= 6; i++) {
                ps.setString(i, id.hex());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Totals(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getLong(5), rs.getLong(6));
            }
        }
    }

    /**
     * Settled credits and debits, entries waiting beyond a gap, recorded conflicts, load tokens
     * not yet redeemed, value unloaded back to the online account.
     */
    public record Totals(long settledIncoming, long settledOutgoing, int pendingRecords, int conflicts, long unredeemedLoads,
                         long unloaded) {}

    private Optional<Wallet> select(Connection c, WalletId id, String suffix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM wallets WHERE wallet_id = ?" + suffix)) {
            ps.setString(1, id.hex());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static Wallet map(ResultSet rs) throws SQLException {
        Limits limits = new Limits(rs.getLong("limits_seq"), rs.getLong("max_single"), rs.getLong("max_cumulative"),
                rs.getInt("max_count"), rs.getLong("holding_cap"), rs.getLong("pin_free_threshold"),
                ReceivePolicy.valueOf(rs.getString("receive_policy")));
        return new Wallet(WalletId.parse(rs.getString("wallet_id")), Certificate.decode(Hex.parse(rs.getString("certificate"))),
                rs.getString("holder"), rs.getObject("blocklisted_at") == null ? Wallet.Status.ACTIVE : Wallet.Status.BLOCKED,
                rs.getLong("online_balance"),
                rs.getLong("loaded_total"), limits, rs.getLong("last_counter"), Hex.parse(rs.getString("last_hash")),
                rs.getLong("offline_balance"), rs.getLong("load_seq"), rs.getInt("pending_records"),
                rs.getObject("closed_before") == null ? Wallet.OPEN : rs.getLong("closed_before"), rs.getLong("blocklist_seq_acked"),
                rs.getLong("blocklist_head"));
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            if (ps.executeUpdate() != 1) {
                throw new SQLException("expected to update one wallet row: " + sql);
            }
        }
    }
}
