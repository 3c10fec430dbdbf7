package org.dualoffline.backend.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.dualoffline.backend.blocklist.BlocklistRepository;
import org.dualoffline.backend.payment.Settlement;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Hex;

/**
 * What an upload does about conflicts (spec 7.1). Anything in the uploading wallet's own log
 * contradicting the backend's records (fork, chain break, a PAY entry other than the one settled
 * for its counter, reused load token, overspend, a second RECEIVE entry for one PAY entry) rolls
 * the whole upload back, is answered with 409, and then {@link #recordAndBlocklist recorded}, the
 * wallet put on the blocklist. A payee's RECEIVE entry whose payer's PAY entry lost to another
 * PAY entry with the same (payer, counter) is the honest payee of a double spend: its entry is
 * accepted, the issuer covers the value it holds (a claim, the payer's realised exposure), the
 * payer's PAY entry is recorded as a conflict and the payer put on the blocklist, in the payee's
 * transaction.
 */
public final class DoubleSpends {
    private final RecordRepository records;
    private final BlocklistRepository blocklist;

    public DoubleSpends(RecordRepository records, BlocklistRepository blocklist) {
        this.records = records;
        this.blocklist = blocklist;
    }

    /**
     * Goes through the outcomes of an upload's reports (same order as {@code evidence}, its signed
     * PAY entries): a conflicting PAY entry the uploading wallet signed throws; one a payee holds is
     * covered. Returns the blocklist's version after it, {@code version} unless a payer was added.
     *
     * @param accepted the records the upload accepted (the payee's RECEIVE entries among them)
     * @throws ConflictDetected when the payer's own PAY entry contradicts the settled one, or when
     *                          the payee's chain receives one PAY entry twice
     */
    public long settle(Connection c, List<Settlement.Outcome> outcomes, List<WalletRecord> evidence, List<WalletRecord> accepted,
                       long version) throws SQLException {
        boolean covered = false;
        for (int i = 0; i < outcomes.size(); i++) {
            Settlement.Outcome outcome = outcomes.get(i);
            if (outcome instanceof Settlement.Outcome.RepeatedReport k) {
                throw repeatedReceive(c, k.report(), accepted);
            }
            if (outcome instanceof Settlement.Outcome.ConflictingPayEntry k) {
                if (k.report().reporter() == Settlement.Reporter.PAYER) {
                    throw doubleSpend(k, evidence.get(i)); // the uploading wallet signed it: its own log contradicts the settlement
                }
                if (!coverHonestPayee(c, k, evidence.get(i), receiveOf(accepted, k.report()))) {
                    throw repeatedReceive(c, k.report(), accepted); // this payee's claim on that PAY entry was covered already
                }
                covered = true;
            }
        }
        return covered ? blocklist.version(c) : version; // the payer may have just been added: this payee learns it at once
    }

    /** Keeps the evidence of a conflict and puts the wallet at fault on the blocklist, for the conflict's reason. */
    public void recordAndBlocklist(Connection c, Conflict conflict) throws SQLException {
        records.recordConflict(c, conflict);
        blocklist.add(c, conflict.walletId(), BlocklistRepository.Reason.valueOf(conflict.kind().name()), conflict.detail());
    }

    /**
     * The payee of a double spend, holding a validly signed PAY entry that lost to another PAY
     * entry with the same (payer, counter): its RECEIVE stays accepted, the issuer covers the
     * value (a claim, once per PAY entry), and the PAY entry is the evidence that puts the payer
     * on the blocklist - all in this upload's transaction. False when the claim was covered
     * already: this payee's chain received that PAY entry before.
     */
    private boolean coverHonestPayee(Connection c, Settlement.Outcome.ConflictingPayEntry k, WalletRecord payEvidence, Entry receive)
            throws SQLException {
        Entry pay = k.report().pay();
        if (!blocklist.insertClaim(c, new BlocklistRepository.Claim(pay.walletId(), pay.counter(), k.report().payHash(),
                receive.walletId(), receive.counter(), pay.amount()))) {
            return false;
        }
        Conflict conflict = doubleSpend(k, payEvidence).conflict();
        String detail = "double spend: payer wallet " + pay.walletId() + " signed two different PAY entries with counter " + pay.counter()
                + "; the one settled has hash " + Hex.of(k.settled().payEntryHash()) + ", payee wallet " + receive.walletId()
                + " received " + pay.amount() + " fen from the other (" + Hex.of(k.report().payHash()) + ") in RECEIVE entry #"
                + receive.counter() + "; the issuer covers it";
        recordAndBlocklist(c, new Conflict(conflict.kind(), conflict.walletId(), conflict.counter(), conflict.offending(),
                conflict.knownHash(), detail));
        return true;
    }

    /**
     * The payee's chain received one PAY entry twice (spec 7.1, repeated receive): the evidence is
     * the first of this upload's RECEIVE entries carrying it that comes after the chain's first
     * one (this connection sees the upload's own writes), and the first one's hash.
     */
    private ConflictDetected repeatedReceive(Connection c, Settlement.Report report, List<WalletRecord> accepted) throws SQLException {
        Entry pay = report.pay();
        RecordRepository.ChainEntry first = records.firstReceiveOf(c, pay.peerId(), report.payHash()).orElseThrow(() ->
                new IllegalStateException("no accepted RECEIVE entry of wallet " + pay.peerId() + " carries PAY entry "
                        + Hex.of(report.payHash())));
        WalletRecord second = accepted.stream()
                .filter(r -> r.entry().type() == EntryType.RECEIVE && Arrays.equals(r.peerHash(), report.payHash())
                        && r.entry().counter() > first.counter())
                .findFirst().orElseThrow(() -> new IllegalStateException("the upload holds no second RECEIVE entry of PAY entry "
                        + Hex.of(report.payHash())));
        long counter = second.entry().counter();
        return new ConflictDetected(new Conflict(Conflict.Kind.REPEATED_RECEIVE, pay.peerId(), counter, second, first.hash(),
                "repeated receive: RECEIVE entry #" + counter + " of wallet " + pay.peerId() + " carries PAY entry #" + pay.counter()
                        + " of wallet " + pay.walletId() + " (hash " + Hex.of(report.payHash()) + "), which its RECEIVE entry #"
                        + first.counter() + " received already; the upload was not applied"));
    }

    /** The accepted RECEIVE entry that reported {@code report}'s PAY entry. */
    private static Entry receiveOf(List<WalletRecord> accepted, Settlement.Report report) {
        for (WalletRecord r : accepted) {
            if (r.entry().type() == EntryType.RECEIVE && r.peerHash() != null && Arrays.equals(r.peerHash(), report.payHash())) {
                return r.entry();
            }
        }
        throw new IllegalStateException("no accepted RECEIVE entry reports PAY entry " + Hex.of(report.payHash()));
    }

    private static ConflictDetected doubleSpend(Settlement.Outcome.ConflictingPayEntry k, WalletRecord evidence) {
        Entry pay = k.report().pay();
        return new ConflictDetected(new Conflict(Conflict.Kind.DOUBLE_SPEND, pay.walletId(), pay.counter(), evidence,
                k.settled().payEntryHash(), "double spend: payer wallet " + pay.walletId() + " signed two different PAY entries "
                + "with counter " + pay.counter() + "; the one settled before has hash " + Hex.of(k.settled().payEntryHash())
                + ", this one " + Hex.of(k.report().payHash()) + "; the upload was not applied"));
    }
}
