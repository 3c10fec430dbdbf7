package org.dualoffline.harness.tearing;

import java.util.List;

/** What one tearing campaign found: a result per flow it counts, and one log line per tear point, in the order tried. */
public record CampaignReport(List<FlowResult> results, List<String> log) {
    public CampaignReport {
        results = List.copyOf(results);
        log = List.copyOf(log);
    }
}
