package org.dualoffline.harness;

import org.opentest4j.TestAbortedException;

/**
 * A scenario that cannot run against this device, and so says nothing about it: the profile says
 * the device lacks what the scenario needs (a PIN pad, a display), or the way the harness reaches
 * the device cannot do what the scenario does (tear at a persistent write through PC/SC, clone a
 * hardware SE). The scenario is skipped and its requirement is NOT APPLICABLE, never failed and
 * never passed. The certification plugin records the reason from this type, not from the message.
 */
public final class NotApplicable extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    /** {@code reason}: why the scenario cannot run here, in words a lab engineer reads in the report. */
    public NotApplicable(String reason) {
        super("NOT APPLICABLE: " + requireReason(reason));
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a scenario that is not applicable says why");
        }
        return reason;
    }
}
