package org.dualoffline.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the backend's tables back after a run and compares them with what the traffic should have
 * produced: every record accepted exactly once, every payment settled exactly once (one payment
 * row, one posting per side, confirmed by both sides), total settled out = total settled in = the
 * sum of the payments made, every wallet's offline balance (loaded - out + in) as its own log says,
 * every load token redeemed, no conflict recorded. {@code passed} is true only when all of it holds.
 */
final class LedgerCheck {
    private LedgerCheck() {}

    static Map<String, Object> run(Connection c, OfflineTraffic traffic, SyncLoad.Result uploads) throws SQLException {
        long expectedRecords = traffic.records();
        int n = traffic.wallets.size();
        boolean ok = true;
        Map<String, Object> out = new LinkedHashMap<>();

        long[] rec = longs(c, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'ACCEPTED' THEN 1 ELSE 0 END), 0) FROM wallet_records");
        long atHead = longs(c, "SELECT COUNT(*) FROM wallets WHERE last_counter = " + traffic.recordsPerWallet)[0];
        Map<String, Object> records = new LinkedHashMap<>();
        records.put("expected", expectedRecords);
        records.put("stored", rec[0]);
        records.put("accepted", rec[1]);
        records.put("acceptedPerResponses", uploads.accepted());
        records.put("duplicatesPerResponses", uploads.duplicates());
        records.put("walletsWithWholeChainAccepted", atHead);
        long recordsLost = expectedRecords - rec[1];
        long recordsDoubled = Math.max(0, uploads.accepted() - expectedRecords) + Math.max(0, rec[0] - expectedRecords);
        records.put("lost", recordsLost);
        records.put("doubled", recordsDoubled);
        ok &= recordsLost == 0 && recordsDoubled == 0 && uploads.accepted() == expectedRecords && atHead == n;
        out.put("records", records);

        long[] pay = longs(c, "SELECT COUNT(*), COALESCE(SUM(amount), 0), "
                + "COALESCE(SUM(CASE WHEN reported_by_payer AND reported_by_payee THEN 1 ELSE 0 END), 0) FROM payments");
        long[] settleOut = longs(c, "SELECT COUNT(*), COUNT(DISTINCT payer_id || ':' || payer_counter), COALESCE(SUM(amount), 0) "
                + "FROM ledger_postings WHERE kind = 'SETTLE_OUT'");
        long[] settleIn = longs(c, "SELECT COUNT(*), COUNT(DISTINCT payer_id || ':' || payer_counter), COALESCE(SUM(amount), 0) "
                + "FROM ledger_postings WHERE kind = 'SETTLE_IN'");
        Map<String, Object> payments = new LinkedHashMap<>();
        payments.put("expected", traffic.payments);
        payments.put("settled", pay[0]);
        payments.put("confirmedByBothSides", pay[2]);
        long paymentsLost = traffic.payments - pay[0];
        long paymentsDoubled = (settleOut[0] - settleOut[1]) + (settleIn[0] - settleIn[1]) + Math.max(0, pay[0] - traffic.payments);
        payments.put("lost", paymentsLost);
        payments.put("doubled", paymentsDoubled);
        payments.put("postingsOut", settleOut[0]);
        payments.put("postingsIn", settleIn[0]);
        ok &= paymentsLost == 0 && paymentsDoubled == 0 && pay[2] == traffic.payments
                && settleOut[0] == traffic.payments && settleIn[0] == traffic.payments;
        out.put("payments", payments);

        Map<String, Object> sums = new LinkedHashMap<>();
        sums.put("paid", traffic.paymentTotal);
        sums.put("settledOut", settleOut[2]);
        sums.put("settledIn", settleIn[2]);
        sums.put("paymentsTotal", pay[1]);
        ok &= settleOut[2] == settleIn[2] && settleOut[2] == traffic.paymentTotal && pay[1] == traffic.paymentTotal;
        out.put("fen", sums);

        Map<String, OfflineTraffic.BenchWallet> byId = new HashMap<>();
        traffic.wallets.forEach(w -> byId.put(w.id.hex(), w));
        long mismatched = 0;
        long sumOffline = 0;
        long sumLoaded = 0;
        List<String> firstMismatches = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT w.wallet_id, w.loaded_total, COALESCE(i.s, 0), COALESCE(o.s, 0) FROM wallets w "
                + "LEFT JOIN (SELECT wallet_id, SUM(amount) s FROM ledger_postings WHERE kind = 'SETTLE_IN' GROUP BY wallet_id) i "
                + "ON i.wallet_id = w.wallet_id "
                + "LEFT JOIN (SELECT wallet_id, SUM(amount) s FROM ledger_postings WHERE kind = 'SETTLE_OUT' GROUP BY wallet_id) o "
                + "ON o.wallet_id = w.wallet_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                OfflineTraffic.BenchWallet w = byId.get(rs.getString(1));
                long offline = rs.getLong(2) - rs.getLong(4) + rs.getLong(3);
                sumOffline += offline;
                sumLoaded += rs.getLong(2);
                if (w == null || offline != w.expectedOfflineBalance() || rs.getLong(3) != w.settledIn || rs.getLong(4) != w.settledOut) {
                    mismatched++;
                    if (firstMismatches.size() < 5) {
                        firstMismatches.add(rs.getString(1) + ": offline " + offline + ", expected "
                                + (w == null ? "no such wallet" : w.expectedOfflineBalance()));
                    }
                }
            }
        }
        Map<String, Object> balances = new LinkedHashMap<>();
        balances.put("wallets", n);
        balances.put("mismatched", mismatched);
        if (!firstMismatches.isEmpty()) {
            balances.put("firstMismatches", firstMismatches);
        }
        balances.put("sumOfOfflineBalances", sumOffline);
        balances.put("sumLoaded", sumLoaded);
        ok &= mismatched == 0 && sumOffline == sumLoaded && sumLoaded == n * OfflineTraffic.LOAD_AMOUNT;
        out.put("balances", balances);

        long[] tokens = longs(c, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'REDEEMED' THEN 1 ELSE 0 END), 0) FROM load_tokens");
        long conflicts = longs(c, "SELECT COUNT(*) FROM wallet_conflicts")[0];
        out.put("loadTokensRedeemed", tokens[1] + " of " + tokens[0]);
        out.put("conflictsRecorded", conflicts);
        ok &= tokens[0] == n && tokens[1] == n && conflicts == 0 && uploads.failures() == 0 && !uploads.timedOut();
        out.put("passed", ok);
        return out;
    }

    private static long[] longs(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            int k = rs.getMetaData().getColumnCount();
            long[] v = new long[k];
            for (int i = 0; i < k; i++) {
                v[i] = rs.getLong(i + 1);
            }
            return v;
        }
    }
}
