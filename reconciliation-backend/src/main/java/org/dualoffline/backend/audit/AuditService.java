package org.dualoffline.backend.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.dualoffline.backend.db.Database;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.Hex;

/**
 * Value conservation across the whole system, on one snapshot of the database:
 *
 * <pre>
 *   total issued = deposits + the issuer's cover of double spends
 *                = online accounts + offline balances as last reported + in flight
 * </pre>
 *
 * where the offline balance a wallet last reported is what its accepted chain of signed entries
 * says (LOAD + RECEIVE - PAY - UNLOAD, read from the entries themselves, not from the ledger),
 * and in flight is: load tokens issued but not yet redeemed by a LOAD entry (left the online
 * account, not yet on any SE), plus payments its payer has reported that its payee has not (left
 * the payer, not yet in the payee's reported chain), minus payments its payee has reported that
 * its payer has not (already in the payee's chain, still in the payer's last report). The online
 * accounts are the maintained balances of the wallet rows, checked against their own history
 * (deposits - load tokens + unloads). Settlement postings are checked to balance too.
 */
public final class AuditService {
    private final Database db;

    public AuditService(Database db) {
        this.db = db;
    }

    /** Amounts in fen. */
    public record Audit(long deposits, long issuerCover, long totalIssued, long onlineAccounts, long onlineAccountsFromHistory,
                        long offlineAsReported, long loadedReported, long receivedReported, long paidReported, long unloadedReported,
                        long loadTokensNotRedeemed, long paidNotYetReportedByPayee, long receivedNotYetReportedByPayer,
                        long inFlight, long accounted, long difference, long settledOut, long settledIn, long settledPayments,
                        long acceptedEntries, long wallets, long blocklisted, boolean conserved) {}

    public Audit audit() {
        return db.snapshot(AuditService::audit);
    }

    private static Audit audit(Connection c) throws SQLException {
        long[] sums = longs(c, "SELECT "
                + "(SELECT COALESCE(SUM(amount), 0) FROM deposits), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM double_spend_claims), "
                + "(SELECT COALESCE(SUM(online_balance), 0) FROM wallets), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM load_tokens), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM load_tokens WHERE status = 'ISSUED'), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM unloads), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM payments WHERE reported_by_payer AND NOT reported_by_payee), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM payments WHERE reported_by_payee AND NOT reported_by_payer), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM ledger_postings WHERE kind = 'SETTLE_OUT'), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM ledger_postings WHERE kind = 'SETTLE_IN'), "
                + "(SELECT COALESCE(SUM(amount), 0) FROM payments), "
                + "(SELECT COUNT(*) FROM wallets), "
                + "(SELECT COUNT(*) FROM blocklist)");
        long deposits = sums[0];
        long cover = sums[1];
        long online = sums[2];
        long onlineFromHistory = deposits - sums[3] + sums[5];
        long loaded = 0;
        long received = 0;
        long paid = 0;
        long unloaded = 0;
        long entries = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT entry FROM wallet_records WHERE status = 'ACCEPTED'")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Entry e = Entry.decode(Hex.parse(rs.getString(1)));
                    entries++;
                    switch (e.type()) {
                        case LOAD -> loaded += e.amount();
                        case RECEIVE -> received += e.amount();
                        case PAY -> paid += e.amount();
                        case UNLOAD -> unloaded += e.amount();
                    }
                }
            }
        }
        long offline = loaded + received - paid - unloaded;
        long inFlight = sums[4] + sums[6] - sums[7];
        long issued = deposits + cover;
        long accounted = online + offline + inFlight;
        boolean conserved = issued == accounted && online == onlineFromHistory && sums[8] == sums[10] && sums[9] == sums[10];
        return new Audit(deposits, cover, issued, online, onlineFromHistory, offline, loaded, received, paid, unloaded, sums[4], sums[6],
                sums[7], inFlight, accounted, issued - accounted, sums[8], sums[9], sums[10], entries, sums[11], sums[12], conserved);
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
