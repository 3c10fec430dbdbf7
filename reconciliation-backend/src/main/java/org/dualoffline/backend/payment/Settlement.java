package org.dualoffline.backend.payment;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;

/**
 * Settles a payment exactly once, from whichever side reports it first: the payer's PAY entry,
 * or the payee's RECEIVE entry with that PAY entry beside it. Runs inside the reporting wallet's
 * upload transaction; exactly-once rests on the database (primary key of {@code payments},
 * unique postings), not on Java locks, so concurrent uploads of both sides settle once.
 */
public final class Settlement {
    private final PaymentRepository payments;

    public Settlement(PaymentRepository payments) {
        this.payments = payments;
    }

    public enum Reporter { PAYER, PAYEE }

    /** What a report of a payment found. */
    public sealed interface Outcome {
        /** This report created the payment and its postings. */
        record SettledNow(Payment payment) implements Outcome {}

        /** The payment was already settled from an earlier (or concurrent) report; now confirmed by this side too. */
        record AlreadySettled(Payment payment) implements Outcome {}

        /** Another PAY entry with the same (payer, counter) was settled before: the payer signed two payments with one counter. */
        record ConflictingPayEntry(Payment settled) implements Outcome {}
    }

    public Outcome report(Connection c, Entry pay, byte[] payHash, Reporter reporter) throws SQLException {
        if (pay.type() != EntryType.PAY) {
            throw new IllegalArgumentException("only PAY entries settle payments, got " + pay.type());
        }
        boolean created = payments.insertIfAbsent(c, pay, payHash);
        Payment p = payments.find(c, pay.walletId(), pay.counter())
                .orElseThrow(() -> new SQLException("payment " + pay.walletId() + "#" + pay.counter() + " vanished"));
        if (!Arrays.equals(p.payEntryHash(), payHash)) {
            return new Outcome.ConflictingPayEntry(p);
        }
        payments.postOnce(c, PaymentRepository.PostingKind.SETTLE_OUT, p.payerId(), p);
        payments.postOnce(c, PaymentRepository.PostingKind.SETTLE_IN, p.payeeId(), p);
        payments.markReported(c, p.payerId(), p.payerCounter(), reporter);
        return created ? new Outcome.SettledNow(p) : new Outcome.AlreadySettled(p);
    }
}
