package org.dualoffline.backend.model;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The minimal histories that {@link SettlementPropertiesTest} shrank its failures to, kept as
 * plain examples: each is played against the backend and the model and held to the
 * {@link Invariants}, as in the properties. Beside each: the property, its seed, the kinds of
 * action left out ({@code -Ddualoffline.model.leaveOut}, to look past the defects found before)
 * and the try that failed first.
 */
class SettlementRegressionTest {
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;
    /** The first clone in a history of three wallets. */
    private static final int A_CLONE = 3;

    private static final ModelBackend backend = new ModelBackend("SettlementRegressionTest", 2222);

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    /** Adversarial property, seed 20261202, try 10. Issue 11, defect 3: the overspend was accepted and the audit said conserved. */
    @Test
    void aBrokenSeThatPaysBeyondItsBalanceCreatesNoValue() {
        backend.check(HistoryBuilder.wallets(3)
                .pay(A, B, 1)
                .upload(A, 1)
                .upload(B, 1)
                .build());
    }

    /** Adversarial property, seed 20261202, leaving out OVERSPEND_PAY, try 3. Issue 11, defect 3: the UNLOAD was credited. */
    @Test
    void aBrokenSeThatUnloadsBeyondItsBalanceIsNeverCredited() {
        backend.check(HistoryBuilder.wallets(3)
                .unload(A, 1)
                .upload(A, 1)
                .build());
    }

    /** Adversarial property, seed 20261202, leaving out OVERSPEND_PAY and OVERSPEND_UNLOAD, try 55. Issue 11, defect 2. */
    @Test
    void aSecondReceiveOfOnePayEntryIsNotCreditedTwice() {
        backend.check(HistoryBuilder.wallets(3)
                .fund(A, 100)
                .pay(A, B, 1)
                .receiveAgain(B, 0)
                .upload(A, 1, 2)
                .upload(B, 1, 2)
                .build());
    }

    /**
     * Adversarial property, seed 20261202, leaving out OVERSPEND_PAY, OVERSPEND_UNLOAD and
     * RECEIVE_AGAIN, try 237; not in the issue. C received, at payer counter 2, first A's PAY
     * entry and then its clone's; the clone's was settled first (A' synced), so A's is the double
     * spend that the issuer covers. The backend covered the clone's, the settled one, as well (a
     * second claim: the payment credited twice, the issuer's cover overstated) and never recorded
     * that C confirmed it.
     */
    @Test
    void aPayeeHoldingTheSettledPayEntryAndTheOtherOfADoubleSpendIsCoveredForTheOtherOnly() {
        backend.check(cReceivesFromAThenFromItsCloneWhoseOneSettles()
                .upload(A, 1, 2)
                .upload(C, 1, 2)
                .build());
    }

    /**
     * Adversarial property with the reference ledger made to copy the defect above (a local
     * experiment, not kept), seed 20261202, 3,000 tries, try 377, shrunk and then cut by hand to
     * what it needs; not in the issue. The same defect, worse: C's confirmation of the settled PAY
     * entry was never recorded, so when C's broken SE receives that PAY entry a second time, the
     * backend takes the second RECEIVE as C's first report of it and accepts it - the repeated
     * receive goes undetected and the payment is in C's chain twice.
     */
    @Test
    void aPayeeWhoseConfirmationWasLostCannotReceiveTheSettledPayEntryAgainUndetected() {
        backend.check(cReceivesFromAThenFromItsCloneWhoseOneSettles()
                .upload(C, 1, 2)
                .receiveAgain(C, 1)
                .upload(C, 3)
                .build());
    }

    /** A is cloned; A pays C, then A' pays C with the same counter; A' syncs, so its PAY entry is the settled one. */
    private static HistoryBuilder cReceivesFromAThenFromItsCloneWhoseOneSettles() {
        return HistoryBuilder.wallets(3)
                .fund(A, 100)
                .cloneSe(A)
                .pay(A, C, 1)
                .pay(A_CLONE, C, 1)
                .upload(A_CLONE, 1, 2);
    }
}
