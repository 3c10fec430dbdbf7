package org.dualoffline.fuzz;

/**
 * What the fuzzer compares before and after a refused request: the backend's state as far as
 * the probe can see it. In-process, every table's row count and the audit; against an external
 * backend, what its API shows ({@link HttpStateProbe}).
 */
@FunctionalInterface
public interface StateProbe {
    /** The state now, as text: two snapshots are equal exactly when nothing the probe sees changed. */
    String snapshot() throws Exception;

    /** Both probes' snapshots, one after the other. */
    default StateProbe and(StateProbe other) {
        return () -> snapshot() + "\n" + other.snapshot();
    }
}
