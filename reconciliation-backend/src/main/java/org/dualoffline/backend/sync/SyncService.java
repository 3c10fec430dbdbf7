package org.dualoffline.backend.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dualoffline.backend.db.Database;
import org.dualoffline.backend.wallet.Wallet;
import org.dualoffline.backend.wallet.WalletRepository;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletId;

/**
 * Receives a wallet's uploaded log entries (spec 7, upload rules) and answers with the issuer's
 * acknowledgement of the wallet's accepted chain:
 *
 * <ol>
 *   <li>the checks that need no lock, before the transaction ({@link UploadVerifier});</li>
 *   <li>one transaction per upload, with the wallet's row locked ({@code SELECT ... FOR NO KEY
 *       UPDATE} on PostgreSQL) so uploads of one wallet run one after the other: the stored records
 *       the upload can meet are read, in one query and only when there can be any; the chain is
 *       worked out in memory ({@link ChainMerge}), and the balance of the accepted chain after it,
 *       entry by entry ({@link ChainBalance}: an overspend is a conflict); the accepted entries
 *       take effect ({@link EntryEffects}); the writes go together ({@link UploadWriter}: on
 *       PostgreSQL one statement, the chain's new balance with its head). An upload that extends
 *       a chain costs three round trips to the database (lock, write, commit), whatever its
 *       number of entries;</li>
 *   <li>double spends and other conflicts ({@link DoubleSpends}): a conflict in the uploading
 *       wallet's own log (a fork, an overspend, a repeated receive, ...) rolls the upload back, is
 *       recorded and blocklisted on its own, and is answered with 409; the honest payee of a
 *       double spend is covered;</li>
 *   <li>the acknowledgement, with the blocklist delta ({@link Acknowledgements}).</li>
 * </ol>
 */
public final class SyncService {
    private final Database db;
    private final UploadVerifier verifier;
    private final WalletRepository wallets;
    private final RecordRepository records;
    private final EntryEffects effects;
    private final UploadWriter writer;
    private final DoubleSpends doubleSpends;
    private final Acknowledgements acknowledgements;
    private final BeforeCommitListener beforeCommit;

    public SyncService(Database db, UploadVerifier verifier, WalletRepository wallets, RecordRepository records, EntryEffects effects,
                       UploadWriter writer, DoubleSpends doubleSpends, Acknowledgements acknowledgements,
                       BeforeCommitListener beforeCommit) {
        this.db = db;
        this.verifier = verifier;
        this.wallets = wallets;
        this.records = records;
        this.effects = effects;
        this.writer = writer;
        this.doubleSpends = doubleSpends;
        this.acknowledgements = acknowledgements;
        this.beforeCommit = beforeCommit;
    }

    /**
     * The answer to an upload: counts of this upload, the acknowledgement of the wallet's chain
     * after it, and the blocklist's current version (above the acknowledgement's when entries are
     * left for the next acknowledgement).
     */
    public record SyncResult(int accepted, int duplicates, int pending, SyncAck ack, long blocklistVersion) {}

    public int maxRecords() {
        return verifier.maxRecords();
    }

    public SyncResult upload(WalletId walletId, List<UploadedRecord> uploaded) {
        return upload(walletId, uploaded, null);
    }

    /**
     * @param walletBlocklistSeq the blocklist version in the wallet's status (spec 3.6), or null:
     *                           then the version of the last acknowledgement given to the wallet
     */
    public SyncResult upload(WalletId walletId, List<UploadedRecord> uploaded, Long walletBlocklistSeq) {
        verifier.verify(walletId, uploaded, walletBlocklistSeq);
        List<UploadedRecord> inCounterOrder = uploaded.stream().sorted(Comparator.comparingLong(r -> r.entry().counter())).toList();
        try {
            return db.inTransaction(c -> apply(c, walletId, inCounterOrder, walletBlocklistSeq));
        } catch (ConflictDetected e) {
            db.inTransaction(c -> {
                doubleSpends.recordAndBlocklist(c, e.conflict());
                return null;
            });
            throw e;
        }
    }

    private SyncResult apply(Connection c, WalletId walletId, List<UploadedRecord> inCounterOrder, Long walletBlocklistSeq)
            throws SQLException {
        Wallet wallet = wallets.requireLocked(c, walletId);
        ChainMerge.Head head = new ChainMerge.Head(wallet.lastCounter(), wallet.lastHash(), wallet.pendingRecords());
        Optional<ChainMerge.StoredRange> range = ChainMerge.storedRange(head, inCounterOrder);
        Map<Long, StoredRecord> stored = range.isPresent() ? records.findForUpload(c, walletId, range.get()) : Map.of();
        ChainMerge.Merged merged = ChainMerge.merge(walletId, head, wallet.closedBefore(), stored, inCounterOrder);
        long balance = ChainBalance.after(walletId, wallet.chainBalance(), wallet.lastHash(), merged.nowAccepted());
        EntryEffects.Reports reports = effects.apply(c, merged.nowAccepted());
        var outcomes = writer.write(c, walletId, merged, balance, reports.reports());
        long version = doubleSpends.settle(c, outcomes, reports.evidence(), merged.nowAccepted(), wallet.blocklistHead());
        if (merged.addsRecords()) {
            beforeCommit.beforeCommit(walletId, inCounterOrder.get(0).entry().counter(),
                    inCounterOrder.get(inCounterOrder.size() - 1).entry().counter());
        }
        Acknowledgements.Acknowledgement ack = acknowledgements.acknowledge(c, wallet, merged.head(), walletBlocklistSeq, version);
        return new SyncResult(merged.accepted(), merged.duplicates(), merged.head().pending(), ack.ack(), ack.blocklistVersion());
    }
}
