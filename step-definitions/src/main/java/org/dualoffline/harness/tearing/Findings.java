package org.dualoffline.harness.tearing;

import java.util.ArrayList;
import java.util.List;

/** What the recovery after one tear found broken, each violation prefixed with where the power was cut. */
public final class Findings {
    private final String where;
    private final List<String> violations = new ArrayList<>();

    Findings(String where) {
        this.where = where;
    }

    /** Notes {@code violation} ("value created: ...") at this tear point. */
    public void violation(String violation) {
        violations.add(where + ": " + violation);
    }

    /** Notes every one of {@code found}, as {@link #violation}. */
    public void violations(List<String> found) {
        found.forEach(this::violation);
    }

    String where() {
        return where;
    }

    List<String> all() {
        return List.copyOf(violations);
    }
}
