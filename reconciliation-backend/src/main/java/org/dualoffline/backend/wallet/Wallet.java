package org.dualoffline.backend.wallet;

import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.WalletId;

/**
 * An enrolled wallet as the backend knows it: its certified key, accounts, the head of its
 * accepted chain and how many of its uploaded entries wait beyond a gap.
 */
public record Wallet(WalletId id, Certificate certificate, String holder, Status status, long onlineBalance,
                     long loadedTotal, Limits limits, long lastCounter, byte[] lastHash, long loadSeq, int pendingRecords) {

    /** Standing of a wallet at the backend (blocklisting comes with clone handling). */
    public enum Status { ACTIVE, BLOCKED }

    public byte[] publicKey() {
        return certificate.publicKey();
    }

    public FormFactor formFactor() {
        return certificate.formFactor();
    }
}
