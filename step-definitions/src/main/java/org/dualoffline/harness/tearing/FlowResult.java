package org.dualoffline.harness.tearing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One flow's tear points as the report counts them: how many the dry run mapped, which of them
 * the torn runs never reached, and the violations found after recovery.
 */
public record FlowResult(String flow, int tearPoints, List<TearPlan.TearPoint> untried, List<String> violations) {
    public FlowResult {
        untried = List.copyOf(untried);
        violations = List.copyOf(violations);
    }

    /** What {@code tearing.json} holds for this flow. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flow", flow);
        m.put("tearPoints", tearPoints);
        m.put("violations", violations.size());
        m.put("violationDetails", violations);
        return m;
    }
}
