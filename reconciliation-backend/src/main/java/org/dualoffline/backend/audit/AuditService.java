package org.dualoffline.backend.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.dualoffline.backend.db.Database;
import org.dualoffline.backend.wallet.ChainSql;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Hex;

/**
 * Value conservation across the whole system, on one snapshot of the database (spec 7.2):
 *
 * <pre>
 *   total issued = deposits + the issuer's cover
 *                = online accounts + offline balances as last reported + in flight
 * </pre>
 *
 * where the issuer's cover is the double-spend claims plus the payments covered beyond a closed
 * chain (spec 7.1: a payment its payer's chain will never reach, settled to its payee), the
 * offline balance a wallet last reported is what its accepted chain of signed entries says
 * (LOAD + RECEIVE - PAY - UNLOAD, read from the entries themselves, not from the ledger), and in
 * flight is: load tokens issued but not yet redeemed by a LOAD entry (left the online account,
 * not yet on any SE), plus payments its payer has reported that its payee has not (left the
 * payer, not yet in the payee's reported chain), minus payments its payee has reported that its
 * payer has not and that are not covered (already in the payee's chain, still in the payer's
 * last report). The online accounts are the maintained balances of the wallet rows, checked
 * against their own history (deposits - load tokens + unloads). Settlement postings are checked
 * to balance too. And wallet by wallet, so that one wallet's negative balance cannot hide against
 * another's surplus: no accepted chain goes below zero at any entry, and the balance kept on each
 * wallet's row is its chain's sum.
 */
public final class AuditService {
    private final Database db;

    public AuditService(Database db) {
        this.db = db;
    }

    /** Amounts in fen. */
    public record Audit(long deposits, long issuerCover, long coveredBeyondClosedChains, long totalIssued, long onlineAccounts,
                        long onlineAccountsFromHistory, long offlineAsReported, long loadedReported, long receivedReported,
                        long paidReported, long unloadedReported, long loadTokensNotRedeemed, long paidNotYetReportedByPayee,
                        long receivedNotYetReportedByPayer, long inFlight, long accounted, long difference, long settledOut,
                        long settledIn, long settledPayments, long acceptedEntries, long wallets, long walletsBelowZero,
                        long walletsBalanceMismatched, long blocklisted, boolean conserved) {}

    public Audit audit() {
        return db.snapshot(AuditService::audit);
    }

    private static Audit audit(Connection c) throws SQLException {
        String covered = ChainSql.coveredPayment("p");
        long[] sums = longs(c, "SELECT "
                + "(SELECT COALESCE(SUM(amount), 0) FROM deposits), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM double_spend_claims), "
                + "(SELECT COALESCE(SUM(online_balance), 0) FROM wallets), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM load_tokens), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM load_tokens WHERE status = 'ISSUED'), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM unloads), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM payments WHERE reported_by_payer AND NOT reported_by_payee), "
                + "(SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.reported_by_payee AND NOT p.reported_by_payer AND NOT " + covered
                + "), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM ledger_postings WHERE kind = 'SETTLE_OUT'), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM ledger_postings WHERE kind = 'SETTLE_IN'), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM payments), "
                + "(SELECT COUNT(*) FROM wallets), "
                + "(SELECT COUNT(*) FROM blocklist), "
                + "(SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE " + covered + ")");
        long deposits = sums[0];
        long cover = sums[1] + sums[13];
        long online = sums[2];
        long onlineFromHistory = deposits - sums[3] + sums[5];
        Chains chains = Chains.read(c);
        long offline = chains.loaded + chains.received - chains.paid - chains.unloaded;
        long inFlight = sums[4] + sums[6] - sums[7];
        long issued = deposits + cover;
        long accounted = online + offline + inFlight;
        boolean conserved = issued == accounted && online == onlineFromHistory && sums[8] == sums[10] && sums[9] == sums[10]
                && chains.belowZero == 0 && chains.mismatched == 0;
        return new Audit(deposits, cover, sums[13], issued, online, onlineFromHistory, offline, chains.loaded, chains.received,
                chains.paid, chains.unloaded, sums[4], sums[6], sums[7], inFlight, accounted, issued - accounted, sums[8], sums[9],
                sums[10], chains.entries, sums[11], chains.belowZero, chains.mismatched, sums[12], conserved);
    }

    /**
     * Every accepted chain, read entry by entry in counter order: the sums by type, and how many
     * wallets' chains go below zero at some entry or end at another balance than the one kept on
     * the wallet's row.
     */
    private static final class Chains {
        long loaded;
        long received;
        long paid;
        long unloaded;
        long entries;
        long belowZero;
        long mismatched;

        static Chains read(Connection c) throws SQLException {
            Map<String, Long> kept = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT wallet_id, offline_balance FROM wallets");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    kept.put(rs.getString(1), rs.getLong(2));
                }
            }
            Chains chains = new Chains();
            try (PreparedStatement ps = c.prepareStatement("SELECT wallet_id, entry FROM wallet_records WHERE status = 'ACCEPTED' "
                    + "ORDER BY wallet_id, counter")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    String wallet = null;
                    long balance = 0;
                    boolean below = false;
                    while (rs.next()) {
                        if (!rs.getString(1).equals(wallet)) {
                            chains.close(wallet, balance, below, kept);
                            wallet = rs.getString(1);
                            balance = 0;
                            below = false;
                        }
                        Entry e = Entry.decode(Hex.parse(rs.getString(2)));
                        chains.entries++;
                        balance += chains.add(e);
                        below |= balance < 0;
                    }
                    chains.close(wallet, balance, below, kept);
                }
            }
            for (long balance : kept.values()) {
                if (balance != 0) {
                    chains.mismatched++; // a wallet with no accepted entry keeps a balance of 0
                }
            }
            return chains;
        }

        /** Adds {@code e} to the sums; its effect on its wallet's balance. */
        private long add(Entry e) {
            long amount = e.amount();
            switch (e.type()) {
                case LOAD -> loaded += amount;
                case RECEIVE -> received += amount;
                case PAY -> paid += amount;
                case UNLOAD -> unloaded += amount;
            }
            return e.type() == EntryType.LOAD || e.type() == EntryType.RECEIVE ? amount : -amount;
        }

        private void close(String wallet, long balance, boolean below, Map<String, Long> kept) {
            if (wallet == null) {
                return;
            }
            Long k = kept.remove(wallet);
            if (k == null || k != balance) {
                mismatched++;
            }
            if (below) {
                belowZero++;
            }
        }
    }

    private static long[] longs(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            long[] out = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rs.getLong(i + 1);
            }
            return out;
        }
    }
}
