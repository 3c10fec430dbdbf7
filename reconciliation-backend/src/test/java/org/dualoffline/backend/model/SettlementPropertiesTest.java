package org.dualoffline.backend.model;

import java.util.List;
import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.statistics.Statistics;

/**
 * Model-based property tests of settlement (issue 11): random histories over 3 to 6 wallets -
 * funding, payments, unloads, uploads by payer and payee in any order, repeated, overlapping,
 * with gaps, concurrent uploads of one wallet, and in the adversarial property clones and broken
 * SEs - played against the backend and the reference {@link Ledger}; every answer, the tables and
 * the audit must be the model's, and the {@link Invariants} must hold. Fixed seeds: every run tries
 * the same histories, and a failure shrinks to a minimal history printed as steps. Runs on H2 and
 * on PostgreSQL (the two surefire passes). Longer or other runs: {@code -Ddualoffline.model.tries},
 * {@code -Ddualoffline.model.seed} ({@link ModelRuns}), {@code -Ddualoffline.model.leaveOut}
 * ({@link Histories}).
 */
@AddLifecycleHook(value = ModelRuns.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class SettlementPropertiesTest {
    private static final String ANSWERS = "answers (tries with one)";
    private static final String BLOCKLISTED = "blocklisted for (tries with one)";
    private static final String COVERED = "issuer cover (tries with one)";
    private static final ModelBackend backend = new ModelBackend("SettlementPropertiesTest", 1111);

    @AfterContainer
    static void stopBackend() {
        backend.close();
    }

    @Property(tries = 1000, seed = "20261201", shrinking = ShrinkingMode.FULL)
    void honestHistoriesSettleEveryPaymentOnceRefuseNothingAndConserveValue(@ForAll("honest") History history) {
        ModelBackend.Summary s = backend.check(history);
        collect(s);
        requireReached(ANSWERS, "accepted with duplicates", "accepted, entries pending", "concurrent");
    }

    @Property(tries = 1000, seed = "20261202", shrinking = ShrinkingMode.FULL)
    void adversarialHistoriesCreateNoValueAndEveryFraudIsDetectedAndAttributed(@ForAll("adversarial") History history) {
        ModelBackend.Summary s = backend.check(history);
        collect(s);
        requireReached(ANSWERS, "accepted with duplicates", "accepted, entries pending", "concurrent", "409", "409 closed chain");
        // CHAIN_BREAK too is reached, in a few tries per thousand: too rare to demand of any seed
        requireReached(BLOCKLISTED, "FORK", "DOUBLE_SPEND", "LOAD_TOKEN_REUSED", "OVERSPEND", "REPEATED_RECEIVE");
        requireReached(COVERED, "double spend", "beyond a closed chain");
    }

    /** What the histories reached, in the report. */
    private static void collect(ModelBackend.Summary s) {
        s.answers().stream().distinct().forEach(a -> Statistics.label(ANSWERS).collect(a));
        s.blocklisted().stream().distinct().forEach(r -> Statistics.label(BLOCKLISTED).collect(r));
        if (s.claims() > 0) {
            Statistics.label(COVERED).collect("double spend");
        }
        if (s.coveredBeyondClosedChains() > 0) {
            Statistics.label(COVERED).collect("beyond a closed chain");
        }
    }

    /**
     * In a run of the property's own seed and 1,000 tries or more, with no kind of action left out,
     * each of {@code values} must have been reached in at least one try: else the generator has
     * stopped making the histories that matter, and the property proves little.
     */
    private static void requireReached(String label, String... values) {
        if (Integer.getInteger(ModelRuns.TRIES, 1000) >= 1000 && System.getProperty(Histories.LEAVE_OUT, "").isBlank()
                && System.getProperty(ModelRuns.SEED, "").isBlank()) {
            Predicate<Integer> reached = n -> n > 0;
            Statistics.label(label).coverage(c -> List.of(values).forEach(v -> c.check(v).count(reached)));
        }
    }

    @Provide
    Arbitrary<History> honest() {
        return Histories.honest();
    }

    @Provide
    Arbitrary<History> adversarial() {
        return Histories.adversarial();
    }
}
