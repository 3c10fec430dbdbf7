package org.dualoffline.se.campaign;

/** What the read-backs showed after the power was cut at one tear point. */
public enum TearOutcome {
    /** Every read-back answered as if the torn command had never run. */
    AS_BEFORE("as before"),
    /** Every read-back answered as after the command ran whole. */
    AS_COMPLETED("as completed"),
    /** A state that is neither: part of the command stands. The finding a campaign looks for. */
    OTHER("other"),
    /** The torn run made fewer writes than the dry run and completed: the applet did not run the same way twice. */
    NOT_REACHED("tear point not reached");

    private final String label;

    TearOutcome(String label) {
        this.label = label;
    }

    /** As the report writes it: "as before", "as completed", "other", "tear point not reached". */
    public String label() {
        return label;
    }

    /** The outcome of read-backs {@code observed}, given those of the command never run and run whole. */
    static TearOutcome classify(Observation observed, Observation before, Observation completed) {
        if (observed.reads().equals(before.reads())) {
            return AS_BEFORE;
        }
        if (observed.reads().equals(completed.reads())) {
            return AS_COMPLETED;
        }
        return OTHER;
    }
}
