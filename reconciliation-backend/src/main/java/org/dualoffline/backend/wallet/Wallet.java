package org.dualoffline.backend.wallet;

import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.WalletId;

/**
 * An enrolled wallet as the backend knows it: its certified key, accounts, the head of its
 * accepted chain, the chain's balance, how many of its uploaded entries wait beyond a gap, and
 * the counter its chain is closed before ({@link #OPEN} when it is not: spec 7.1).
 */
public record Wallet(WalletId id, Certificate certificate, String holder, Status status, long onlineBalance,
                     long loadedTotal, Limits limits, long lastCounter, byte[] lastHash, long chainBalance, long loadSeq,
                     int pendingRecords, long closedBefore, long blocklistSeqAcked, long blocklistHead) {

    /** {@link #closedBefore} of a wallet whose chain is open: no counter reaches it. */
    public static final long OPEN = Long.MAX_VALUE;

    /** Standing of a wallet at the backend: BLOCKED once it is on the issuer's blocklist. */
    public enum Status { ACTIVE, BLOCKED }

    /** A wallet as enrolment creates it, before the database has read it back. */
    public static Wallet enrolled(WalletId id, Certificate certificate, String holder, Limits limits) {
        return new Wallet(id, certificate, holder, Status.ACTIVE, 0, 0, limits, 0, certificate.chainGenesis(), 0, 0, 0, OPEN, 0, 0);
    }

    public byte[] publicKey() {
        return certificate.publicKey();
    }

    public FormFactor formFactor() {
        return certificate.formFactor();
    }
}
