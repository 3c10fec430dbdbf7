package org.dualoffline.backend.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.sync.BeforeCommitListener;
import org.dualoffline.protocol.WalletId;

/**
 * For the crash-safety test: the n-th upload that adds records stops inside its transaction,
 * after all its writes and before its commit, and stays there until the process is killed - so
 * that the test can kill the backend with an upload in flight, deterministically, without
 * guessing at timing. It announces itself on standard output: {@code reconciliation-backend:
 * holding upload #n (wallet W, entries a..b) before its commit}.
 */
public final class UploadHold implements BeforeCommitListener {
    private final int holdAt;
    private final AtomicInteger uploads = new AtomicInteger();

    public UploadHold(int holdAt) {
        if (holdAt < 1) {
            throw new IllegalArgumentException("the upload to hold is counted from 1, got " + holdAt);
        }
        this.holdAt = holdAt;
    }

    /** Returns at once unless this is the upload to hold. */
    @Override
    public void beforeCommit(WalletId wallet, long firstCounter, long lastCounter) {
        if (uploads.incrementAndGet() != holdAt) {
            return;
        }
        System.out.println("reconciliation-backend: holding upload #" + holdAt + " (wallet " + wallet + ", entries " + firstCounter
                + ".." + lastCounter + ") before its commit");
        System.out.flush();
        try {
            new CountDownLatch(1).await(); // released by nothing: the process is killed here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(Failure.INTERNAL_ERROR, "upload #" + holdAt + " was held for a crash test and is rolled back");
        }
    }
}
