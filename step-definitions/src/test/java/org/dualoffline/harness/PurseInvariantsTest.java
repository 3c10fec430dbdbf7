package org.dualoffline.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.dualoffline.harness.PurseInvariants.ValueMoved;
import org.junit.jupiter.api.Test;

/** The purse invariants that need no answer from the bank, as the tearing log and the power-loss steps word them. */
class PurseInvariantsTest {
    /** These checks read nothing from the scenario. */
    private final PurseInvariants invariants = new PurseInvariants(null);

    @Test
    void aPayeeGainingMoreThanThePayerLostIsValueCreated() {
        assertThat(invariants.noValueCreated(new ValueMoved(2_500, 2_501)))
                .containsExactly("value created: the payee gained ¥25.01 but the payer lost ¥25.00");
    }

    @Test
    void valueInFlightOrLostOnTheWayIsNotValueCreated() {
        assertThat(invariants.noValueCreated(new ValueMoved(2_500, 2_500))).isEmpty();
        assertThat(invariants.noValueCreated(new ValueMoved(2_500, 0))).isEmpty();
    }

    @Test
    void aCounterMayStayOrMoveOnButNeverGoBack() {
        assertThat(invariants.counterNotBack("the payer's", 7, 7)).isEmpty();
        assertThat(invariants.counterNotBack("the payer's", 7, 8)).isEmpty();
        assertThat(invariants.counterNotBack("the payer's", 7, 6)).containsExactly("the payer's counter went back from 7 to 6");
    }

    @Test
    void theNextRecordMustTakeACounterAboveTheLastOneUsed() {
        assertThat(invariants.counterNotReused(7, 8)).isEmpty();
        assertThat(invariants.counterNotReused(7, 7)).containsExactly("counter reused: the next payment took counter 7");
    }
}
