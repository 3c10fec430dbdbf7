package org.dualoffline.reports;

import java.util.List;

/** One scenario's outcome as the certification plugin recorded it. */
public record ScenarioResult(String key, String name, String uri, int line, List<String> tags, String status, long durationMillis, String error,
                             boolean harnessError) {
    public ScenarioResult(String key, String name, String uri, int line, List<String> tags, String status, long durationMillis, String error) {
        this(key, name, uri, line, tags, status, durationMillis, error, false);
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

    /** Skipped because the device lacks a capability the scenario needs (its profile says so). */
    public boolean notApplicable() {
        return skipped() && error != null && error.startsWith("NOT APPLICABLE");
    }

    public boolean failed() {
        return !passed() && !skipped();
    }

    public List<String> requirementIds() {
        return tags.stream().filter(RequirementCatalogue::isRequirementTag).map(t -> t.startsWith("@") ? t.substring(1) : t).toList();
    }
}
