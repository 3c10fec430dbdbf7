package org.dualoffline.se.campaign;

import java.util.List;

/**
 * What a tear campaign found: the two reference states (the command never ran, the command ran
 * whole) and, for each of the command's persistent writes, the state after the power was cut
 * there.
 *
 * @param campaign the campaign as its file gave it
 * @param seed the seed every SE of the campaign was installed with
 * @param jarSha256 the applet jar's SHA-256, or null for a classpath applet
 * @param setupAnswers the setup commands' answers in the dry run
 * @param tearAnswer the torn command's answer when it ran whole (the dry run)
 * @param tearPoints its persistent writes in the dry run: the campaign's tear points
 * @param committedWrites how many of them stood once it had run (the rest were rolled back)
 * @param before the state with the setup only, power cycled: as if the command had never run
 * @param completed the state after the command ran whole, power cycled
 * @param runs one per tear point, in order
 * @param warnings what makes the outcomes less telling ("the read-backs cannot tell ...")
 */
public record TearCampaignResult(TearCampaign campaign, long seed, String jarSha256, List<Answer> setupAnswers, Answer tearAnswer,
                                 int tearPoints, int committedWrites, Observation before, Observation completed, List<TornRun> runs,
                                 List<String> warnings) {
    public TearCampaignResult {
        setupAnswers = List.copyOf(setupAnswers);
        runs = List.copyOf(runs);
        warnings = List.copyOf(warnings);
    }

    /** How many tear points had {@code outcome}. */
    public int count(TearOutcome outcome) {
        return (int) runs.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** The outcome at each tear point, in order (index 0 is tear point 1). */
    public List<TearOutcome> outcomes() {
        return runs.stream().map(TornRun::outcome).toList();
    }

    /** "56 tear points: 20 as before, 36 as completed, 0 other" (and how many were not reached, if any). */
    public String summary() {
        String s = tearPoints + (tearPoints == 1 ? " tear point: " : " tear points: ") + count(TearOutcome.AS_BEFORE) + " as before, "
                + count(TearOutcome.AS_COMPLETED) + " as completed, " + count(TearOutcome.OTHER) + " other";
        int notReached = count(TearOutcome.NOT_REACHED);
        return notReached == 0 ? s : s + ", " + notReached + " not reached";
    }
}
