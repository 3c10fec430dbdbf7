package org.dualoffline.backend.payment;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.WalletId;

/**
 * Settles a payment exactly once, from whichever side reports it first: the payer's PAY entry,
 * or the payee's RECEIVE entry with that PAY entry beside it. Runs inside the reporting wallet's
 * upload transaction; exactly-once rests on the database (primary key of {@code payments},
 * unique postings), not on Java locks, so concurrent uploads of both sides settle once.
 *
 * <p>All the payments an upload reports are settled together, a {@link Batch}, in a fixed number
 * of statements whatever their number: insert the payments that are not there yet (the first
 * report, which also posts both sides in the same transaction, so a payment row never exists
 * without its postings), and mark the others as confirmed by this side too - only where they were
 * settled from the same PAY entry (same hash); where not, the payer signed two PAY entries with
 * one counter. A side that reports the same PAY entry a second time (a payee's second RECEIVE
 * entry for one payment) marks nothing: its report is a {@link Outcome.RepeatedReport}. One
 * upload may report two PAY entries with one (payer, counter): a payee that received both of a
 * double spend; each is judged against the one the payment is settled from. Payments are taken in
 * (payer, counter) order, the same in every transaction: two uploads that report the same
 * payments may wait for one another, never deadlock.
 */
public final class Settlement {
    private final PaymentRepository payments;

    public Settlement(PaymentRepository payments) {
        this.payments = payments;
    }

    public enum Reporter { PAYER, PAYEE }

    /** One side's report of a payment: the payer's PAY entry as that side holds it, and its hash. */
    public record Report(Entry pay, byte[] payHash, Reporter reporter) {
        public Report {
            if (pay.type() != EntryType.PAY) {
                throw new IllegalArgumentException("only PAY entries settle payments, got " + pay.type());
            }
        }

        /** "payer:counter", the payment's identity. */
        public String key() {
            return Settlement.key(pay.walletId().hex(), pay.counter());
        }
    }

    /** The identity of a payment as a string, "payerIdHex:counter". */
    public static String key(String payerHex, long counter) {
        return payerHex + ":" + counter;
    }

    /** What a report of a payment found. */
    public sealed interface Outcome {
        /** This report created the payment and its postings. */
        record SettledNow(Report report) implements Outcome {}

        /** The payment was already settled from an earlier (or concurrent) report; now confirmed by this side too. */
        record AlreadySettled(Report report) implements Outcome {}

        /** Another PAY entry with the same (payer, counter) was settled before: the payer signed two payments with one counter. */
        record ConflictingPayEntry(Report report, Payment settled) implements Outcome {}

        /**
         * This side reported this very PAY entry before, from another of its entries (in an earlier
         * upload, or earlier in this one): a payee whose SE wrote two RECEIVE entries for one payment.
         */
        record RepeatedReport(Report report) implements Outcome {}
    }

    /** The reports of one upload, in payment order, each payment once (its first report: the lead). */
    public Batch batch(List<Report> reports) {
        return new Batch(reports);
    }

    /** Settles the reported payments with portable JDBC batches; the outcomes are in the order of {@code reports}. */
    public List<Outcome> reportAll(Connection c, List<Report> reports) throws SQLException {
        Batch batch = batch(reports);
        List<Report> leads = batch.leads();
        int[] inserted = payments.insertAllIfAbsent(c, leads);
        Set<String> insertedKeys = new HashSet<>();
        List<Report> settledNow = new ArrayList<>();
        List<Report> others = new ArrayList<>();
        for (int k = 0; k < leads.size(); k++) {
            if (inserted[k] == 1) {
                insertedKeys.add(leads.get(k).key());
                settledNow.add(leads.get(k));
            } else {
                others.add(leads.get(k));
            }
        }
        payments.postAll(c, settledNow);
        Set<String> markedKeys = new HashSet<>();
        for (Report r : markIfSameEntry(c, others)) {
            markedKeys.add(r.key());
        }
        return batch.resolve(c, insertedKeys, markedKeys);
    }

    /**
     * Marks each report's payment as reported by its side where it was settled from the same PAY
     * entry and that side had not reported it yet; the reports that marked it.
     */
    private Set<Report> markIfSameEntry(Connection c, List<Report> reports) throws SQLException {
        Set<Report> marked = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Reporter side : Reporter.values()) {
            List<Report> bySide = reports.stream().filter(r -> r.reporter() == side).toList();
            int[] n = payments.markReportedIfSameEntry(c, bySide, side);
            for (int k = 0; k < bySide.size(); k++) {
                if (n[k] > 0 || n[k] == java.sql.Statement.SUCCESS_NO_INFO) {
                    marked.add(bySide.get(k));
                }
            }
        }
        return marked;
    }

    /** One upload's reports, grouped by payment and sorted by (payer, counter). */
    public final class Batch {
        private final List<Report> reports;
        private final List<Report> leads = new ArrayList<>();
        private final Map<String, Report> leadOf = new HashMap<>();

        private Batch(List<Report> reports) {
            this.reports = reports;
            List<Report> sorted = new ArrayList<>(reports);
            sorted.sort(Comparator.<Report>comparingLong(r -> r.pay().walletId().value()).thenComparingLong(r -> r.pay().counter()));
            for (Report r : sorted) {
                if (leadOf.putIfAbsent(r.key(), r) == null) {
                    leads.add(r);
                }
            }
        }

        /** The first report of each payment, in (payer, counter) order: what to insert or mark. */
        public List<Report> leads() {
            return List.copyOf(leads);
        }

        /**
         * The outcome of every report, given the payments whose lead was inserted and those whose
         * lead marked it as confirmed (same PAY entry), by the statements that ran (keys).
         *
         * <p>Each report is judged against the PAY entry the payment is settled from: the lead's
         * where the lead inserted it, the stored one where not. Reports of one PAY entry by one side
         * count once: the first one marks the side's confirmation, the others are repeated reports
         * (as is the first one, where the side had confirmed it before). A report of another PAY
         * entry with the payment's (payer, counter) is a conflicting PAY entry - the settled one may
         * be any report's of the upload, not only the lead's: a payee may hold both of a double
         * spend, one of them settled already. A report neither inserted nor marked by the
         * statements, where the payment was settled by a transaction that committed while this one
         * waited for it, is marked again on a fresh snapshot; if that fails, the stored payment
         * says why.
         */
        public List<Outcome> resolve(Connection c, Set<String> inserted, Set<String> marked) throws SQLException {
            Map<EntryKey, Report> firstOfEntry = new HashMap<>();
            List<Report> toMark = new ArrayList<>();
            for (Report r : reports) {
                Report lead = leadOf.get(r.key());
                if (firstOfEntry.putIfAbsent(entryKey(r), r) != null || inserted.contains(r.key()) && !sameEntry(lead, r)) {
                    continue; // a repeated report, or a conflicting one with what this upload settled
                }
                boolean settledByIt = inserted.contains(r.key()) && r == lead;
                boolean markedByIt = !inserted.contains(r.key()) && r == lead && marked.contains(r.key());
                if (!settledByIt && !markedByIt) {
                    toMark.add(r);
                }
            }
            Set<Report> markedNow = toMark.isEmpty() ? Set.of() : markIfSameEntry(c, toMark);
            Outcome[] out = new Outcome[reports.size()];
            for (int i = 0; i < out.length; i++) {
                Report r = reports.get(i);
                Report lead = leadOf.get(r.key());
                if (inserted.contains(r.key()) && !sameEntry(lead, r)) {
                    out[i] = new Outcome.ConflictingPayEntry(r, paymentOf(lead));
                } else if (firstOfEntry.get(entryKey(r)) != r) {
                    out[i] = new Outcome.RepeatedReport(r); // the same side reports one PAY entry twice in one upload
                } else if (inserted.contains(r.key()) && r == lead) {
                    out[i] = new Outcome.SettledNow(r);
                } else if (r == lead && marked.contains(r.key()) || markedNow.contains(r)) {
                    out[i] = new Outcome.AlreadySettled(r);
                } else {
                    Payment settled = payments.find(c, r.pay().walletId(), r.pay().counter()).orElseThrow(() ->
                            new SQLException("payment " + r.pay().walletId() + "#" + r.pay().counter() + " vanished"));
                    out[i] = Arrays.equals(settled.payEntryHash(), r.payHash()) ? new Outcome.RepeatedReport(r)
                            : new Outcome.ConflictingPayEntry(r, settled);
                }
            }
            return Arrays.asList(out);
        }
    }

    private static boolean sameEntry(Report a, Report b) {
        return Arrays.equals(a.payHash(), b.payHash());
    }

    /** One side's report of one PAY entry. */
    private record EntryKey(WalletId payer, long counter, ByteBuffer payHash, Reporter reporter) {}

    private static EntryKey entryKey(Report r) {
        return new EntryKey(r.pay().walletId(), r.pay().counter(), ByteBuffer.wrap(r.payHash()), r.reporter());
    }

    private static Payment paymentOf(Report r) {
        Entry pay = r.pay();
        return new Payment(pay.walletId(), pay.counter(), pay.peerId(), pay.amount(), pay.nonce(), r.payHash(), Payment.Status.SETTLED,
                r.reporter() == Reporter.PAYER, r.reporter() == Reporter.PAYEE);
    }
}
