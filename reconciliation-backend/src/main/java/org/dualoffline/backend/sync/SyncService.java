package org.dualoffline.backend.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.db.Database;
import org.dualoffline.backend.funding.FundingService;
import org.dualoffline.backend.payment.Settlement;
import org.dualoffline.backend.wallet.Wallet;
import org.dualoffline.backend.wallet.WalletRepository;
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
 *       is the payment the RECEIVE answers (payee, amount, nonce, counter, hash).</li>
 *   <li>One transaction per upload, with the wallet's row locked ({@code SELECT ... FOR UPDATE}) so
 *       uploads of one wallet run one after the other: entries are taken in counter order; the next
 *       one that chains to the last accepted entry is accepted and takes effect (settlement, load
 *       token redemption), then any pending entries it unblocks; an entry beyond a gap waits as
 *       PENDING; an entry the backend already holds with the same hash is a duplicate.</li>
 *   <li>Anything contradicting the backend's records (fork, chain break, double spend, reused load
 *       token) rolls the whole upload back, is recorded as a conflict, and is answered with 409.</li>
 * </ol>
 */
public final class SyncService {
    private final Database db;
    private final Issuer issuer;
    private final WalletRepository wallets;
    private final RecordRepository records;
    private final Settlement settlement;
    private final FundingService funding;
    private final int maxRecords;

    public SyncService(Database db, Issuer issuer, WalletRepository wallets, RecordRepository records, Settlement settlement,
                       FundingService funding, int maxRecords) {
        this.db = db;
        this.issuer = issuer;
        this.wallets = wallets;
        this.records = records;
        this.settlement = settlement;
        this.funding = funding;
        this.maxRecords = maxRecords;
    }

    /** The answer to an upload: counts of this upload, and the acknowledgement of the wallet's chain after it. */
    public record SyncResult(int accepted, int duplicates, int pending, SyncAck ack) {}

    public int maxRecords() {
        return maxRecords;
    }

    public SyncResult upload(WalletId walletId, List<UploadedRecord> uploaded) {
        if (uploaded.size() > maxRecords) {
            throw BackendException.invalid("at most " + maxRecords + " records per upload, got " + uploaded.size());
        }
        Wallet wallet = db.read(c -> wallets.require(c, walletId));
        checkSignaturesAndPeers(wallet, uploaded);
        List<UploadedRecord> inCounterOrder = uploaded.stream().sorted(Comparator.comparingLong(r -> r.entry().counter())).toList();
        try {
            return db.inTransaction(c -> apply(c, walletId, inCounterOrder));
        } catch (ConflictDetected e) {
            db.inTransaction(c -> {
                records.recordConflict(c, e.conflict());
                return null;
            });
            throw e;
        }
    }

    // ---- checks before the transaction --------------------------------------------------------

    private void checkSignaturesAndPeers(Wallet wallet, List<UploadedRecord> uploaded) {
        CryptoSuite suite = CryptoSuite.forId(wallet.certificate().suite());
        Map<WalletId, Optional<Wallet>> known = new HashMap<>();
        known.put(wallet.id(), Optional.of(wallet));
        for (UploadedRecord r : uploaded) {
            Entry e = r.entry();
            if (!e.walletId().equals(wallet.id())) {
                throw unacceptable(r.describe() + " is an entry of wallet " + e.walletId() + ", uploaded to wallet " + wallet.id());
            }
            if (e.counter() == 0) {
                throw unacceptable(r.describe() + " has counter 0; a wallet's first entry has counter 1");
            }
            if (!suite.verify(wallet.publicKey(), r.record().entryBytes(), r.record().signature())) {
                throw new BackendException(Failure.BAD_SIGNATURE, "bad signature: " + r.describe() + " (counter " + e.counter()
                        + ") is not signed by the certified key of wallet " + wallet.id());
            }
            if (e.amount() == 0) {
                throw unacceptable(r.describe() + " has amount 0");
            }
            switch (e.type()) {
                case PAY -> checkPay(r, known);
                case RECEIVE -> checkReceive(r, known);
                case LOAD -> { } // matched against its load token inside the transaction
            }
        }
    }

    private void checkPay(UploadedRecord r, Map<WalletId, Optional<Wallet>> known) {
        Entry pay = r.entry();
        if (pay.peerId().equals(pay.walletId())) {
            throw unacceptable(r.describe() + " pays its own wallet");
        }
        if (lookUp(pay.peerId(), known).isEmpty()) {
            throw unacceptable(r.describe() + " pays wallet " + pay.peerId() + ", which is not enrolled here");
        }
    }

    private void checkReceive(UploadedRecord r, Map<WalletId, Optional<Wallet>> known) {
        Entry receive = r.entry();
        Entry pay = r.peerEntry();
        String what = r.describe();
        if (pay.type() != EntryType.PAY) {
            throw unacceptable(what + ": its peerEntry is a " + pay.type() + " entry, not the payer's PAY entry");
        }
        if (!pay.walletId().equals(receive.peerId())) {
            throw unacceptable(what + " receives from wallet " + receive.peerId() + ", but its peerEntry was written by wallet " + pay.walletId());
        }
        Wallet payer = lookUp(pay.walletId(), known).orElseThrow(() ->
                unacceptable(what + ": payer wallet " + pay.walletId() + " is not enrolled here"));
        if (!CryptoSuite.forId(payer.certificate().suite()).verify(payer.publicKey(), r.record().peerEntryBytes(), r.record().peerSignature())) {
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

    private Optional<Wallet> lookUp(WalletId id, Map<WalletId, Optional<Wallet>> known) {
        return known.computeIfAbsent(id, k -> db.read(c -> wallets.find(c, k)));
    }

    // ---- the upload transaction ---------------------------------------------------------------

    private SyncResult apply(Connection c, WalletId walletId, List<UploadedRecord> inCounterOrder) throws SQLException {
        Wallet wallet = wallets.requireLocked(c, walletId);
        long lastCounter = wallet.lastCounter();
        byte[] lastHash = wallet.lastHash();
        int accepted = 0;
        int duplicates = 0;
        for (UploadedRecord r : inCounterOrder) {
            long counter = r.entry().counter();
            Optional<RecordRepository.StoredRecord> stored = records.find(c, walletId, counter);
            if (stored.isPresent()) {
                if (!Arrays.equals(stored.get().hash(), r.hash())) {
                    throw new ConflictDetected(new Conflict(Conflict.Kind.FORK, walletId, counter, r.record(), stored.get().hash(),
                            "fork: " + r.describe() + " of wallet " + walletId + " has hash " + Hex.of(r.hash())
                                    + ", but the backend already holds a different " + stored.get().status().name().toLowerCase()
                                    + " entry #" + counter + " (hash " + Hex.of(stored.get().hash()) + "); the upload was not applied"));
                }
                duplicates++;
            } else if (counter <= lastCounter) {
                throw new IllegalStateException("accepted entry #" + counter + " of wallet " + walletId + " is missing");
            } else if (counter == lastCounter + 1) {
                if (!Arrays.equals(r.entry().prevHash(), lastHash)) {
                    throw chainBreak(walletId, r.record(), counter, lastHash, r.describe());
                }
                records.insert(c, r.record(), RecordRepository.Status.ACCEPTED);
                takeEffect(c, r.record());
                lastCounter = counter;
                lastHash = r.hash();
                accepted++;
                // entries that waited beyond the gap this one filled
                for (Optional<RecordRepository.StoredRecord> next = records.find(c, walletId, lastCounter + 1);
                     next.isPresent(); next = records.find(c, walletId, lastCounter + 1)) {
                    RecordRepository.StoredRecord p = next.get();
                    if (!Arrays.equals(p.prevHash(), lastHash)) {
                        throw chainBreak(walletId, p.record(), p.counter(), lastHash, "pending entry #" + p.counter());
                    }
                    records.accept(c, walletId, p.counter());
                    takeEffect(c, p.record());
                    lastCounter = p.counter();
                    lastHash = p.hash();
                    accepted++;
                }
            } else {
                records.insert(c, r.record(), RecordRepository.Status.PENDING);
            }
        }
        if (lastCounter != wallet.lastCounter()) {
            wallets.advanceChain(c, walletId, lastCounter, lastHash);
        }
        int pending = records.countPending(c, walletId);
        return new SyncResult(accepted, duplicates, pending, issuer.acknowledge(walletId, lastCounter, lastHash, wallet.limits()));
    }

    /** What an accepted entry does: a PAY or RECEIVE settles its payment, a LOAD redeems its token. */
    private void takeEffect(Connection c, WalletRecord r) throws SQLException {
        Entry e = r.entry();
        switch (e.type()) {
            case PAY -> settle(c, e, r.hash(), r, Settlement.Reporter.PAYER);
            case RECEIVE -> settle(c, r.peerEntry(), r.peerHash(),
                    new WalletRecord(r.peerEntryBytes(), r.peerSignature(), null, null), Settlement.Reporter.PAYEE);
            case LOAD -> {
                if (funding.redeem(c, e) == FundingService.Redemption.ALREADY_REDEEMED) {
                    throw new ConflictDetected(new Conflict(Conflict.Kind.LOAD_TOKEN_REUSED, e.walletId(), e.counter(), r, null,
                            "load token " + e.peerCounter() + " of wallet " + e.walletId() + " was already redeemed by another "
                                    + "LOAD entry; LOAD entry #" + e.counter() + " redeems it again; the upload was not applied"));
                }
            }
        }
    }

    private void settle(Connection c, Entry pay, byte[] payHash, WalletRecord payRecord, Settlement.Reporter reporter) throws SQLException {
        if (settlement.report(c, pay, payHash, reporter) instanceof Settlement.Outcome.ConflictingPayEntry k) {
            throw new ConflictDetected(new Conflict(Conflict.Kind.DOUBLE_SPEND, pay.walletId(), pay.counter(), payRecord,
                    k.settled().payEntryHash(), "double spend: payer wallet " + pay.walletId() + " signed two different PAY entries "
                    + "with counter " + pay.counter() + "; the one settled before has hash " + Hex.of(k.settled().payEntryHash())
                    + ", this one " + Hex.of(payHash) + "; the upload was not applied"));
        }
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
