package org.dualoffline.harness.tearing;

import java.util.List;

/**
 * A flow the {@link TearingCampaign} cuts the power in, given by its parts: how its parties are
 * issued, the flow itself, how the wallets recover and which invariants must hold afterwards.
 * One implementation per flow (a payment, a load, an unload, a sync's acknowledgement, a personalization).
 *
 * @param <A> one run of the flow, with what its recovery needs to know
 */
public interface TornFlow<A extends TornFlow.Attempt> {
    /** What the report calls this flow's tear points, in order: one name ("load"), or one per side ("pay", "receive"). */
    List<String> results();

    /**
     * Issues the flow's parties afresh, their SEs reached through {@code plan}, and brings them to
     * where the flow starts; what the recovery compares with is read here, before the flow runs.
     */
    A issue(TearPlan plan);

    /** Which of {@link #results} a tear point the dry run {@code mapping} found counts for. */
    default String resultOf(TearPlan.TearPoint point, A mapping) {
        return results().get(0);
    }

    /** The width of the log's column that says what each torn run did; 0 for a flow whose log has none. */
    default int outcomeWidth() {
        return 0;
    }

    /** One run of the flow on freshly issued wallets. */
    interface Attempt {
        /** The flow itself, with the plan armed; a power cut ends it with a {@link org.dualoffline.se.PowerLostException}. */
        void run();

        /** After the dry run: throws when the flow did not complete without a tear, as its map of tear points would be wrong. */
        default void requireCompleted() {}

        /** Power is back: the wallets recover and every invariant that applies is checked, each one broken noted in {@code findings}. */
        void recover(Findings findings);

        /** What the run did, for the log's outcome column. */
        default String outcome() {
            return "";
        }
    }
}
