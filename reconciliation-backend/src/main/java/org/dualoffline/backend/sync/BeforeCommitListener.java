package org.dualoffline.backend.sync;

import org.dualoffline.protocol.WalletId;

/**
 * Hears each upload that adds records to its wallet's log, inside the upload's transaction, after
 * all its writes and before its commit. The service runs with {@link #NONE}; only tests pass in
 * another one (see {@code ReconciliationBackend#withBeforeCommit}) - the crash-safety test holds
 * an upload there until it kills the backend's process. What the listener throws rolls the upload
 * back.
 */
@FunctionalInterface
public interface BeforeCommitListener {
    /** Hears nothing. */
    BeforeCommitListener NONE = (wallet, firstCounter, lastCounter) -> { };

    /** The upload of {@code wallet}'s entries {@code firstCounter..lastCounter} (as uploaded, duplicates too) is about to commit. */
    void beforeCommit(WalletId wallet, long firstCounter, long lastCounter);
}
