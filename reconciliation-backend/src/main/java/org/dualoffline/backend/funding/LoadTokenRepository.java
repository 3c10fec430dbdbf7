package org.dualoffline.backend.funding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.WalletId;

/** SQL of the {@code deposits}, {@code load_tokens} and {@code unloads} tables: value moving between online and offline. */
public final class LoadTokenRepository {

    public enum Status { ISSUED, REDEEMED }

    /** A stored load token and whether a LOAD entry has redeemed it. */
    public record StoredToken(LoadToken token, Status status) {}

    public void insertDeposit(Connection c, WalletId wallet, long amount) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO deposits (wallet_id, amount) VALUES (?, ?)")) {
            ps.setString(1, wallet.hex());
            ps.setLong(2, amount);
            ps.executeUpdate();
        }
    }

    /**
     * Records a wallet's accepted UNLOAD entry; the primary key (wallet, counter) makes a second
     * credit for the same entry impossible.
     */
    public void insertUnload(Connection c, WalletId wallet, long counter, long amount, byte[] entryHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO unloads (wallet_id, counter, amount, entry_hash) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, wallet.hex());
            ps.setLong(2, counter);
            ps.setLong(3, amount);
            ps.setString(4, Hex.of(entryHash));
            ps.executeUpdate();
        }
    }

    public void insert(Connection c, LoadToken token, byte[] tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO load_tokens (wallet_id, load_seq, amount, token, token_hash, status) "
                + "VALUES (?, ?, ?, ?, ?, 'ISSUED')")) {
            ps.setString(1, token.walletId().hex());
            ps.setLong(2, token.loadSeq());
            ps.setLong(3, token.amount());
            ps.setString(4, Hex.of(token.encode()));
            ps.setString(5, Hex.of(tokenHash));
            ps.executeUpdate();
        }
    }

    /** The token, its row locked until the transaction ends. */
    public Optional<StoredToken> lock(Connection c, WalletId wallet, long loadSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT token, status FROM load_tokens WHERE wallet_id = ? AND load_seq = ? FOR UPDATE")) {
            ps.setString(1, wallet.hex());
            ps.setLong(2, loadSeq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new StoredToken(LoadToken.decode(Hex.parse(rs.getString(1))), Status.valueOf(rs.getString(2))))
                        : Optional.empty();
            }
        }
    }

    public void markRedeemed(Connection c, WalletId wallet, long loadSeq, long byCounter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE load_tokens SET status = 'REDEEMED', redeemed_at = CURRENT_TIMESTAMP, "
                + "redeemed_by_counter = ? WHERE wallet_id = ? AND load_seq = ? AND status = 'ISSUED'")) {
            ps.setLong(1, byCounter);
            ps.setString(2, wallet.hex());
            ps.setLong(3, loadSeq);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("load token " + wallet + "/" + loadSeq + " was not ISSUED when redeemed");
            }
        }
    }
}
