package org.dualoffline.backend.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.dualoffline.backend.blocklist.BlocklistRepository;
import org.dualoffline.backend.wallet.Wallet;
import org.dualoffline.backend.wallet.WalletRepository;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletId;

/**
 * The issuer's acknowledgement an upload is answered with: the wallet's accepted chain up to its
 * head, its limits, and the blocklist delta - the entries above the version the wallet holds
 * (the one it reports, {@code blocklistSeq} of its status, or else the one of its last
 * acknowledgement), at most {@link SyncAck#MAX_BLOCKLIST_ENTRIES} at a time: the rest come with
 * the next acknowledgement. The version acknowledged is remembered on the wallet's row.
 */
public final class Acknowledgements {
    private final Issuer issuer;
    private final BlocklistRepository blocklist;
    private final WalletRepository wallets;

    public Acknowledgements(Issuer issuer, BlocklistRepository blocklist, WalletRepository wallets) {
        this.issuer = issuer;
        this.blocklist = blocklist;
        this.wallets = wallets;
    }

    /** The signed acknowledgement, and the blocklist's current version (above the acknowledgement's when entries are left). */
    public record Acknowledgement(SyncAck ack, long blocklistVersion) {}

    /**
     * @param wallet             the wallet's row as locked at the start of the upload
     * @param head               the head of its accepted chain after the upload
     * @param walletBlocklistSeq the blocklist version in the wallet's status, or null
     * @param version            the blocklist's current version as this transaction knows it
     */
    public Acknowledgement acknowledge(Connection c, Wallet wallet, ChainMerge.Head head, Long walletBlocklistSeq, long version)
            throws SQLException {
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
            wallets.setBlocklistSeqAcked(c, wallet.id(), ackSeq);
        }
        SyncAck ack = issuer.acknowledge(wallet.id(), head.lastCounter(), head.lastHash(), wallet.limits(), ackSeq, delta);
        return new Acknowledgement(ack, Math.max(version, ackSeq));
    }
}
