package org.dualoffline.backend.sync;

import org.dualoffline.protocol.WalletId;

/**
 * Signed evidence that contradicts what the backend holds: the wallet (at fault), the counter,
 * the offending entry and the hash the backend knew for that place.
 */
public record Conflict(Kind kind, WalletId walletId, long counter, WalletRecord offending, byte[] knownHash, String detail) {
    public enum Kind {
        /** A different entry at a counter the backend already holds: the log forked (cloned SE?). */
        FORK,
        /** The next entry does not chain to the last accepted one. */
        CHAIN_BREAK,
        /** Two PAY entries with the same (payer, counter) reached the backend. */
        DOUBLE_SPEND,
        /** A second LOAD entry for a load token already redeemed. */
        LOAD_TOKEN_REUSED,
        /** A PAY or UNLOAD entry beyond the balance of the wallet's accepted chain before it: its SE signed value it did not hold. */
        OVERSPEND,
        /** A second RECEIVE entry carrying a PAY entry the wallet's chain received already: its SE credited one payment twice. */
        REPEATED_RECEIVE;

        /**
         * True for the kinds that show the wallet's SE signs what it likes: nothing it signed from
         * the offending entry on is trusted, its chain is closed there (spec 7.1).
         */
        public boolean closesChain() {
            return this == OVERSPEND || this == REPEATED_RECEIVE;
        }
    }
}
