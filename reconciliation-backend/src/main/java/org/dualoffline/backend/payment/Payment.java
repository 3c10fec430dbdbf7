package org.dualoffline.backend.payment;

import org.dualoffline.protocol.WalletId;

/** A settled payment, identified by (payer, payer counter), with which sides have reported it. */
public record Payment(WalletId payerId, long payerCounter, WalletId payeeId, long amount, byte[] nonce,
                      byte[] payEntryHash, Status status, boolean reportedByPayer, boolean reportedByPayee) {
    public enum Status { SETTLED }
}
