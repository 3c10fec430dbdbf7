package org.dualoffline.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.backend.testing.Problems.assertProblem;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.OfflinePayment;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.protocol.WalletId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The before-commit listener that a test passes in where the backend is assembled (the crash-safety
 * test holds an upload there): it hears each upload that adds records, with the upload's counters,
 * inside the upload's transaction - what it throws rolls the upload back.
 */
class BeforeCommitListenerTest {
    private static final Recording listener = new Recording();

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(5151).withBeforeCommit(listener);

    private BackendApi api;
    private TestWallet alice;
    private TestWallet bob;

    @BeforeEach
    void aFundedWalletAndAPayee() {
        api = backend.api();
        alice = api.enrol("Alice");
        bob = api.enrol("Bob");
        api.fund(alice, 1_000);
        listener.reset();
    }

    @Test
    void anUploadThatAddsRecordsIsHeardWithItsCountersAndOneThatAddsNoneIsNot() {
        OfflinePayment p1 = OfflinePayment.between(alice, bob, 100);
        OfflinePayment p2 = OfflinePayment.between(alice, bob, 200);

        api.syncOk(alice, p2.payerRecord(), p1.payerRecord());
        api.syncOk(alice, p1.payerRecord());
        api.syncOk(bob);

        assertThat(listener.heard).containsExactly(alice.id() + " " + p1.payerCounter() + ".." + p2.payerCounter());
    }

    @Test
    void whatTheListenerThrowsRollsTheUploadBack() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 300);
        listener.refuse = true;

        assertProblem(api.sync(alice, p.payerRecord()), 500, Failure.INTERNAL_ERROR);

        assertThat(api.wallet(alice).getLong("lastCounter")).isEqualTo(p.payerCounter() - 1);
        assertThat(api.wallet(bob).getLong("settledIncoming")).isZero();
        listener.refuse = false;
        assertThat(api.syncOk(alice, p.payerRecord()).accepted()).isEqualTo(1);
    }

    /** Remembers what it heard; throws while {@code refuse} is set. */
    private static final class Recording implements BeforeCommitListener {
        final List<String> heard = new CopyOnWriteArrayList<>();
        volatile boolean refuse;

        void reset() {
            heard.clear();
            refuse = false;
        }

        @Override
        public void beforeCommit(WalletId wallet, long firstCounter, long lastCounter) {
            heard.add(wallet + " " + firstCounter + ".." + lastCounter);
            if (refuse) {
                throw new IllegalStateException("refused by the test's listener");
            }
        }
    }
}
