package org.dualoffline.reports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's outcome as the certification plugin recorded it. {@code notApplicableReason} is
 * set only when the harness itself declared the scenario not applicable to the device (its
 * {@code NotApplicable} outcome); a skip for any other reason leaves it null.
 */
public record ScenarioResult(String key, String name, String uri, int line, List<String> tags, String status, long durationMillis, String error,
                             boolean harnessError, String notApplicableReason) {
    public ScenarioResult(String key, String name, String uri, int line, List<String> tags, String status, long durationMillis, String error) {
        this(key, name, uri, line, tags, status, durationMillis, error, false, null);
    }

    /** Steps the glue does not define, or define twice: the suite itself is broken, not the device. */
    public boolean suiteBroken() {
        return harnessError || status.equals("UNDEFINED") || status.equals("AMBIGUOUS");
    }

    public boolean passed() {
        return status.equals("PASSED");
    }

    /** Skipped by the suite itself (a capability the device lacks); undefined or pending steps count as failures. */
    public boolean skipped() {
        return status.equals("SKIPPED");
    }

    /** Skipped because the scenario cannot run against this device (the reason is in {@link #notApplicableReason()}). */
    public boolean notApplicable() {
        return skipped() && notApplicableReason != null;
    }

    public boolean failed() {
        return !passed() && !skipped();
    }

    public List<String> requirementIds() {
        return tags.stream().filter(RequirementCatalogue::isRequirementTag).map(t -> t.startsWith("@") ? t.substring(1) : t).toList();
    }

    /** How many of {@code scenarios} there are, and passed, failed and were skipped: the "scenarios" of a report's JSON. */
    static Map<String, Object> counts(List<ScenarioResult> scenarios) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", scenarios.size());
        counts.put("passed", scenarios.stream().filter(ScenarioResult::passed).count());
        counts.put("failed", scenarios.stream().filter(ScenarioResult::failed).count());
        counts.put("skipped", scenarios.stream().filter(ScenarioResult::skipped).count());
        return counts;
    }
}
