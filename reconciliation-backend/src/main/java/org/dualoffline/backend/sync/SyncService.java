package org.dualoffline.backend.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.blocklist.BlocklistRepository;
import org.dualoffline.backend.db.Database;
import org.dualoffline.backend.db.Dialect;
import org.dualoffline.backend.funding.FundingService;
import org.dualoffline.backend.payment.Settlement;
import org.dualoffline.backend.wallet.CertificateDirectory;
import org.dualoffline.backend.wallet.Wallet;
import org.dualoffline.backend.wallet.WalletRepository;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.CryptoSuite;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletId;

/**
 * Receives a wallet's uploaded log entries (spec 7, upload rules) and answers with the issuer's
 * acknowledgement of the wallet's accepted chain.
 *
 * <ol>
 *   <li>Checks that need no lock, before the transaction: every entry is the wallet's and is
 *       signed by its certified key; a RECEIVE entry's PAY entry is signed by an enrolled payer and
 *       is the payment the RECEIVE answers (payee, amount, nonce, counter, hash). Certificates come
 *       from the {@link CertificateDirectory}; a PAY entry's signature is verified once although
 *       both sides report it ({@link VerifiedSignatures}).</li>
 *   <li>One transaction per upload, with the wallet's row locked ({@code SELECT ... FOR NO KEY UPDATE}
 *       on PostgreSQL) so uploads of one wallet run one after the other: entries are taken in
 *       counter order; the next one that chains to the last accepted entry is accepted and takes
 *       effect (settlement, load token redemption), then any pending entries it unblocks; an entry
 *       beyond a gap waits as PENDING; an entry the backend already holds with the same hash is a
 *       duplicate. The chain is worked out in memory, from the wallet's row (head, and count of
 *       pending entries) and - only when the upload can meet stored records (duplicates, pending
 *       entries) - one read of them; the writes then go together: on PostgreSQL one statement
 *       ({@link PostgresUploadStatement}: records, settlements, head), elsewhere a few JDBC
 *       batches. An upload that extends a chain costs three round trips to the database (lock,
 *       write, commit), whatever its number of entries.</li>
 *   <li>Anything in the uploading wallet's own log contradicting the backend's records (fork,
 *       chain break, a PAY entry other than the one settled for its counter, reused load token)
 *       rolls the whole upload back, is recorded as a conflict, puts the wallet on the blocklist,
 *       and is answered with 409.</li>
 *   <li>A payee's RECEIVE entry whose payer's PAY entry lost to another PAY entry with the same
 *       (payer, counter) is the honest payee of a double spend: its entry is accepted, the issuer
 *       covers the value it holds (a claim, the payer's realised exposure), the payer's PAY entry
 *       is recorded as a conflict and the payer put on the blocklist, in the payee's transaction.</li>
 *   <li>The acknowledgement brings the wallet's blocklist up to date from the version the wallet
 *       reports ({@code blocklistSeq} of its status), at most {@link SyncAck#MAX_BLOCKLIST_ENTRIES}
 *       entries at a time.</li>
 * </ol>
 */
public final class SyncService {
    private final Database db;
    private final Issuer issuer;
    private final WalletRepository wallets;
    private final CertificateDirectory certificates;
    private final VerifiedSignatures signatures;
    private final Dialect dialect;
    private final RecordRepository records;
    private final Settlement settlement;
    private final FundingService funding;
    private final BlocklistRepository blocklist;
    private final int maxRecords;
    private final BeforeCommitListener beforeCommit;

    public SyncService(Database db, Dialect dialect, Issuer issuer, WalletRepository wallets, CertificateDirectory certificates,
                       VerifiedSignatures signatures, RecordRepository records, Settlement settlement, FundingService funding,
                       BlocklistRepository blocklist, int maxRecords, BeforeCommitListener beforeCommit) {
        this.db = db;
        this.issuer = issuer;
        this.wallets = wallets;
        this.certificates = certificates;
        this.signatures = signatures;
        this.dialect = dialect;
        this.records = records;
        this.settlement = settlement;
        this.funding = funding;
        this.blocklist = blocklist;
        this.maxRecords = maxRecords;
        this.beforeCommit = beforeCommit;
    }

    /**
     * The answer to an upload: counts of this upload, the acknowledgement of the wallet's chain
     * after it, and the blocklist's current version (above the acknowledgement's when entries are
     * left for the next acknowledgement).
     */
    public record SyncResult(int accepted, int duplicates, int pending, SyncAck ack, long blocklistVersion) {}

    /** The largest blocklist version a wallet can hold (a 4-byte field, spec 3.6). */
    public static final long MAX_BLOCKLIST_SEQ = 0xFFFF_FFFFL;

    public int maxRecords() {
        return maxRecords;
    }

    public SyncResult upload(WalletId walletId, List<UploadedRecord> uploaded) {
        return upload(walletId, uploaded, null);
    }

    /**
     * @param walletBlocklistSeq the blocklist version in the wallet's status (spec 3.6), or null:
     *                           then the version of the last acknowledgement given to the wallet
     */
    public SyncResult upload(WalletId walletId, List<UploadedRecord> uploaded, Long walletBlocklistSeq) {
        if (walletBlocklistSeq != null && (walletBlocklistSeq < 0 || walletBlocklistSeq > MAX_BLOCKLIST_SEQ)) {
            throw BackendException.invalid("blocklistSeq must be between 0 and " + MAX_BLOCKLIST_SEQ + ", got " + walletBlocklistSeq);
        }
        if (uploaded.size() > maxRecords) {
            throw BackendException.invalid("at most " + maxRecords + " records per upload, got " + uploaded.size());
        }
        Certificate certificate = certificates.find(walletId).orElseThrow(() -> BackendException.walletNotFound(walletId));
        checkSignaturesAndPeers(certificate, uploaded);
        List<UploadedRecord> inCounterOrder = uploaded.stream().sorted(Comparator.comparingLong(r -> r.entry().counter())).toList();
        try {
            return db.inTransaction(c -> apply(c, walletId, inCounterOrder, walletBlocklistSeq));
        } catch (ConflictDetected e) {
            db.inTransaction(c -> {
                records.recordConflict(c, e.conflict());
                blocklist.add(c, e.conflict().walletId(), BlocklistRepository.Reason.valueOf(e.conflict().kind().name()),
                        e.conflict().detail());
                return null;
            });
            throw e;
        }
    }

    // ---- checks before the transaction --------------------------------------------------------

    private void checkSignaturesAndPeers(Certificate wallet, List<UploadedRecord> uploaded) {
        CryptoSuite suite = CryptoSuite.forId(wallet.suite());
        Map<WalletId, Optional<Certificate>> known = new HashMap<>();
        known.put(wallet.walletId(), Optional.of(wallet));
        for (UploadedRecord r : uploaded) {
            Entry e = r.entry();
            if (!e.walletId().equals(wallet.walletId())) {
                throw unacceptable(r.describe() + " is an entry of wallet " + e.walletId() + ", uploaded to wallet " + wallet.walletId());
            }
            if (e.counter() == 0) {
                throw unacceptable(r.describe() + " has counter 0; a wallet's first entry has counter 1");
            }
            boolean signed = e.type() == EntryType.PAY
                    ? signatures.verifyRemembering(suite, wallet.publicKey(), r.record().entryBytes(), r.record().signature())
                    : signatures.verify(suite, wallet.publicKey(), r.record().entryBytes(), r.record().signature());
            if (!signed) {
                throw new BackendException(Failure.BAD_SIGNATURE, "bad signature: " + r.describe() + " (counter " + e.counter()
                        + ") is not signed by the certified key of wallet " + wallet.walletId());
            }
            if (e.amount() == 0) {
                throw unacceptable(r.describe() + " has amount 0");
            }
            switch (e.type()) {
                case PAY -> checkPay(r, known);
                case RECEIVE -> checkReceive(r, known);
                case LOAD -> { } // matched against its load token inside the transaction
                case UNLOAD -> checkUnload(r);
            }
        }
    }

    private void checkPay(UploadedRecord r, Map<WalletId, Optional<Certificate>> known) {
        Entry pay = r.entry();
        if (pay.peerId().equals(pay.walletId())) {
            throw unacceptable(r.describe() + " pays its own wallet");
        }
        if (lookUp(pay.peerId(), known).isEmpty()) {
            throw unacceptable(r.describe() + " pays wallet " + pay.peerId() + ", which is not enrolled here");
        }
    }

    /** An UNLOAD entry names no peer, no challenge, no reference (spec 3.2). */
    private static void checkUnload(UploadedRecord r) {
        Entry e = r.entry();
        if (!e.peerId().equals(WalletId.NONE) || e.peerCounter() != 0 || !isZero(e.nonce()) || !isZero(e.refHash())) {
            throw unacceptable(r.describe() + " is an UNLOAD entry with a peer, nonce, peer counter or reference; "
                    + "an UNLOAD entry has none");
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private void checkReceive(UploadedRecord r, Map<WalletId, Optional<Certificate>> known) {
        Entry receive = r.entry();
        Entry pay = r.peerEntry();
        String what = r.describe();
        if (pay.type() != EntryType.PAY) {
            throw unacceptable(what + ": its peerEntry is a " + pay.type() + " entry, not the payer's PAY entry");
        }
        if (!pay.walletId().equals(receive.peerId())) {
            throw unacceptable(what + " receives from wallet " + receive.peerId() + ", but its peerEntry was written by wallet " + pay.walletId());
        }
        Certificate payer = lookUp(pay.walletId(), known).orElseThrow(() ->
                unacceptable(what + ": payer wallet " + pay.walletId() + " is not enrolled here"));
        if (!signatures.verifyRemembering(CryptoSuite.forId(payer.suite()), payer.publicKey(), r.record().peerEntryBytes(),
                r.record().peerSignature())) {
            throw new BackendException(Failure.BAD_SIGNATURE, "bad signature: the PAY entry beside " + what + " (payer counter "
                    + pay.counter() + ") is not signed by the certified key of payer wallet " + pay.walletId());
        }
        if (!pay.peerId().equals(receive.walletId())) {
            throw unacceptable(what + ": the PAY entry beside it pays wallet " + pay.peerId() + ", not this wallet");
        }
        if (pay.amount() != receive.amount()) {
            throw unacceptable(what + " receives " + receive.amount() + " fen, but the PAY entry beside it pays " + pay.amount() + " fen");
        }
        if (!Arrays.equals(pay.nonce(), receive.nonce())) {
            throw unacceptable(what + ": its nonce differs from the nonce of the PAY entry beside it");
        }
        if (pay.counter() != receive.peerCounter()) {
            throw unacceptable(what + " names payer counter " + receive.peerCounter() + ", but the PAY entry beside it has counter " + pay.counter());
        }
        if (!Arrays.equals(r.record().peerHash(), receive.refHash())) {
            throw unacceptable(what + ": its refHash is not the hash of the PAY entry beside it");
        }
    }

    private Optional<Certificate> lookUp(WalletId id, Map<WalletId, Optional<Certificate>> known) {
        return known.computeIfAbsent(id, certificates::find);
    }

    // ---- the upload transaction ---------------------------------------------------------------

    private SyncResult apply(Connection c, WalletId walletId, List<UploadedRecord> inCounterOrder, Long walletBlocklistSeq)
            throws SQLException {
        Wallet wallet = wallets.requireLocked(c, walletId);
        Chain chain = new Chain(walletId, wallet.lastCounter(), wallet.lastHash(), wallet.pendingRecords());
        if (!inCounterOrder.isEmpty()) {
            long from = inCounterOrder.get(0).entry().counter();
            // An upload that only extends the chain, with nothing pending, meets no stored record: no need to read them.
            if (wallet.pendingRecords() > 0 || from <= wallet.lastCounter()) {
                Map<Long, RecordRepository.StoredRecord> stored = records.findForUpload(c, walletId, from,
                        inCounterOrder.get(inCounterOrder.size() - 1).entry().counter(), wallet.lastCounter());
                long pendingStored = stored.values().stream().filter(r -> r.status() == RecordRepository.Status.PENDING).count();
                if (pendingStored != wallet.pendingRecords()) {
                    throw new IllegalStateException("wallet " + walletId + " counts " + wallet.pendingRecords()
                            + " pending entries, but " + pendingStored + " are stored");
                }
                chain.held.putAll(stored);
            }
        }
        for (UploadedRecord r : inCounterOrder) {
            chain.take(r);
        }
        List<WalletRecord> reporting = new ArrayList<>();
        List<Settlement.Report> reports = redeemLoadsAndCollectReports(c, chain.nowAccepted, reporting);
        boolean headChanged = chain.lastCounter != wallet.lastCounter() || chain.pendingCount() != wallet.pendingRecords();
        records.acceptAll(c, walletId, chain.promoted);
        List<Settlement.Outcome> outcomes;
        if (dialect == Dialect.POSTGRESQL) {
            Settlement.Batch batch = settlement.batch(reports);
            List<RecordRepository.NewRecord> inserts = chain.inserts();
            PostgresUploadStatement.Touched touched = inserts.isEmpty() && reports.isEmpty() && !headChanged
                    ? new PostgresUploadStatement.Touched(Set.of(), Set.of())
                    : PostgresUploadStatement.run(c, walletId, inserts, batch.leads(),
                            new PostgresUploadStatement.Head(chain.lastCounter, chain.lastHash, chain.pendingCount(), headChanged));
            outcomes = batch.resolve(c, touched.inserted(), touched.marked());
        } else {
            records.insertAll(c, chain.inserts());
            outcomes = settlement.reportAll(c, reports);
            if (headChanged) {
                wallets.advanceChain(c, walletId, chain.lastCounter, chain.lastHash, chain.pendingCount());
            }
        }
        long version = wallet.blocklistHead();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof Settlement.Outcome.ConflictingPayEntry k) {
                if (k.report().reporter() == Settlement.Reporter.PAYER) {
                    throw doubleSpend(k, reporting.get(i)); // the uploading wallet signed it: its own log contradicts the settlement
                }
                coverHonestPayee(c, k, reporting.get(i), receiveOf(chain.nowAccepted, k.report()));
                version = blocklist.version(c); // the payer may have just been added: this payee learns it at once
            }
        }
        if (!chain.added.isEmpty()) {
            beforeCommit.beforeCommit(walletId, inCounterOrder.get(0).entry().counter(), inCounterOrder.get(inCounterOrder.size() - 1).entry().counter());
        }
        // the blocklist delta: entries above the version the wallet holds, at most 12 (the rest with the next acknowledgement)
        long from = walletBlocklistSeq != null ? walletBlocklistSeq : wallet.blocklistSeqAcked();
        long ackSeq = from;
        List<WalletId> delta = new ArrayList<>();
        if (version > from) {
            for (BlocklistRepository.Entry e : blocklist.since(c, from, SyncAck.MAX_BLOCKLIST_ENTRIES)) {
                delta.add(e.walletId());
                ackSeq = e.seq();
            }
        }
        if (ackSeq != wallet.blocklistSeqAcked()) {
            wallets.setBlocklistSeqAcked(c, walletId, ackSeq);
        }
        return new SyncResult(chain.accepted, chain.duplicates, chain.pendingCount(), issuer.acknowledge(walletId, chain.lastCounter,
                chain.lastHash, wallet.limits(), ackSeq, delta), Math.max(version, ackSeq));
    }

    /**
     * The payee of a double spend, holding a validly signed PAY entry that lost to another PAY
     * entry with the same (payer, counter): its RECEIVE stays accepted, the issuer covers the
     * value (a claim, once per PAY entry), and the PAY entry is the evidence that puts the payer
     * on the blocklist - all in this upload's transaction.
     */
    private void coverHonestPayee(Connection c, Settlement.Outcome.ConflictingPayEntry k, WalletRecord payEvidence, Entry receive)
            throws SQLException {
        Entry pay = k.report().pay();
        blocklist.insertClaim(c, new BlocklistRepository.Claim(pay.walletId(), pay.counter(), k.report().payHash(), receive.walletId(),
                receive.counter(), pay.amount()));
        Conflict conflict = doubleSpend(k, payEvidence).conflict();
        String detail = "double spend: payer wallet " + pay.walletId() + " signed two different PAY entries with counter " + pay.counter()
                + "; the one settled has hash " + Hex.of(k.settled().payEntryHash()) + ", payee wallet " + receive.walletId()
                + " received " + pay.amount() + " fen from the other (" + Hex.of(k.report().payHash()) + ") in RECEIVE entry #"
                + receive.counter() + "; the issuer covers it";
        records.recordConflict(c, new Conflict(conflict.kind(), conflict.walletId(), conflict.counter(), conflict.offending(),
                conflict.knownHash(), detail));
        blocklist.add(c, pay.walletId(), BlocklistRepository.Reason.DOUBLE_SPEND, detail);
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

    /**
     * One upload worked out in memory, with the wallet locked: what the backend held of the
     * wallet's log (the stored records the upload meets), what the upload adds, what becomes
     * accepted, in order. Throws {@link ConflictDetected} on a fork or chain break.
     */
    private static final class Chain {
        private final WalletId walletId;
        long lastCounter;
        byte[] lastHash;
        int accepted;
        int duplicates;
        /** By counter: stored records, then the upload's own as they are taken. */
        final Map<Long, RecordRepository.StoredRecord> held = new HashMap<>();
        /** The upload's new records, by counter, with the status they are inserted with. */
        final Map<Long, RecordRepository.NewRecord> added = new java.util.LinkedHashMap<>();
        /** Stored pending records that this upload unblocked. */
        final List<Long> promoted = new ArrayList<>();
        /** Records accepted by this upload, in chain order: they take effect. */
        final List<WalletRecord> nowAccepted = new ArrayList<>();

        private final int pendingBefore;

        Chain(WalletId walletId, long lastCounter, byte[] lastHash, int pendingBefore) {
            this.walletId = walletId;
            this.lastCounter = lastCounter;
            this.lastHash = lastHash;
            this.pendingBefore = pendingBefore;
        }

        void take(UploadedRecord r) {
            long counter = r.entry().counter();
            RecordRepository.StoredRecord stored = held.get(counter);
            if (stored != null) {
                if (!Arrays.equals(stored.hash(), r.hash())) {
                    throw new ConflictDetected(new Conflict(Conflict.Kind.FORK, walletId, counter, r.record(), stored.hash(),
                            "fork: " + r.describe() + " of wallet " + walletId + " has hash " + Hex.of(r.hash())
                                    + ", but the backend already holds a different " + stored.status().name().toLowerCase()
                                    + " entry #" + counter + " (hash " + Hex.of(stored.hash()) + "); the upload was not applied"));
                }
                duplicates++;
            } else if (counter <= lastCounter) {
                throw new IllegalStateException("accepted entry #" + counter + " of wallet " + walletId + " is missing");
            } else if (counter == lastCounter + 1) {
                if (!Arrays.equals(r.entry().prevHash(), lastHash)) {
                    throw chainBreak(walletId, r.record(), counter, lastHash, r.describe());
                }
                add(r, RecordRepository.Status.ACCEPTED);
                accept(counter, r.hash(), r.record());
                // entries that waited beyond the gap this one filled
                for (RecordRepository.StoredRecord p = held.get(lastCounter + 1); p != null; p = held.get(lastCounter + 1)) {
                    if (!Arrays.equals(p.prevHash(), lastHash)) {
                        throw chainBreak(walletId, p.record(), p.counter(), lastHash, "pending entry #" + p.counter());
                    }
                    RecordRepository.NewRecord mine = added.get(p.counter());
                    if (mine != null) {
                        added.put(p.counter(), new RecordRepository.NewRecord(mine.record(), mine.entry(), mine.hash(),
                                RecordRepository.Status.ACCEPTED));
                    } else {
                        promoted.add(p.counter());
                    }
                    held.put(p.counter(), new RecordRepository.StoredRecord(p.counter(), RecordRepository.Status.ACCEPTED, p.hash(),
                            p.prevHash(), p.record()));
                    accept(p.counter(), p.hash(), p.record());
                }
            } else {
                add(r, RecordRepository.Status.PENDING);
            }
        }

        private void add(UploadedRecord r, RecordRepository.Status status) {
            long counter = r.entry().counter();
            added.put(counter, new RecordRepository.NewRecord(r.record(), r.entry(), r.hash(), status));
            held.put(counter, new RecordRepository.StoredRecord(counter, status, r.hash(), r.entry().prevHash(), r.record()));
        }

        private void accept(long counter, byte[] hash, WalletRecord record) {
            lastCounter = counter;
            lastHash = hash;
            accepted++;
            nowAccepted.add(record);
        }

        List<RecordRepository.NewRecord> inserts() {
            return List.copyOf(added.values());
        }

        /** The wallet's entries waiting beyond a gap after this upload (nothing else writes them while the wallet is locked). */
        int pendingCount() {
            int added = 0;
            for (RecordRepository.NewRecord r : this.added.values()) {
                if (r.status() == RecordRepository.Status.PENDING) {
                    added++;
                }
            }
            return pendingBefore + added - promoted.size();
        }
    }

    /**
     * What accepted entries do, in chain order: a LOAD redeems its token now, an UNLOAD credits
     * the online account now; every PAY and
     * RECEIVE reports its payment (returned, to be settled together), with the signed PAY entry
     * that would be the evidence of a double spend added to {@code evidence}.
     */
    private List<Settlement.Report> redeemLoadsAndCollectReports(Connection c, List<WalletRecord> accepted, List<WalletRecord> evidence)
            throws SQLException {
        List<Settlement.Report> reports = new ArrayList<>();
        for (WalletRecord r : accepted) {
            Entry e = r.entry();
            switch (e.type()) {
                case PAY -> {
                    reports.add(new Settlement.Report(e, r.hash(), Settlement.Reporter.PAYER));
                    evidence.add(r);
                }
                case RECEIVE -> {
                    reports.add(new Settlement.Report(r.peerEntry(), r.peerHash(), Settlement.Reporter.PAYEE));
                    evidence.add(new WalletRecord(r.peerEntryBytes(), r.peerSignature(), null, null));
                }
                case LOAD -> {
                    if (funding.redeem(c, e) == FundingService.Redemption.ALREADY_REDEEMED) {
                        throw new ConflictDetected(new Conflict(Conflict.Kind.LOAD_TOKEN_REUSED, e.walletId(), e.counter(), r, null,
                                "load token " + e.peerCounter() + " of wallet " + e.walletId() + " was already redeemed by another "
                                        + "LOAD entry; LOAD entry #" + e.counter() + " redeems it again; the upload was not applied"));
                    }
                }
                case UNLOAD -> funding.creditUnload(c, e, r.hash());
            }
        }
        return reports;
    }

    private static ConflictDetected doubleSpend(Settlement.Outcome.ConflictingPayEntry k, WalletRecord evidence) {
        Entry pay = k.report().pay();
        return new ConflictDetected(new Conflict(Conflict.Kind.DOUBLE_SPEND, pay.walletId(), pay.counter(), evidence,
                k.settled().payEntryHash(), "double spend: payer wallet " + pay.walletId() + " signed two different PAY entries "
                + "with counter " + pay.counter() + "; the one settled before has hash " + Hex.of(k.settled().payEntryHash())
                + ", this one " + Hex.of(k.report().payHash()) + "; the upload was not applied"));
    }

    private static ConflictDetected chainBreak(WalletId walletId, WalletRecord r, long counter, byte[] lastHash, String what) {
        return new ConflictDetected(new Conflict(Conflict.Kind.CHAIN_BREAK, walletId, counter, r, lastHash,
                "fork: " + what + " of wallet " + walletId + " does not chain to accepted entry #" + (counter - 1)
                        + " (its prevHash is " + Hex.of(r.entry().prevHash()) + ", the accepted entry's hash is " + Hex.of(lastHash)
                        + "); the upload was not applied"));
    }

    private static BackendException unacceptable(String detail) {
        return new BackendException(Failure.UNACCEPTABLE_ENTRY, detail);
    }
}
