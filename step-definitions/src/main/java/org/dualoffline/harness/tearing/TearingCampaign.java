package org.dualoffline.harness.tearing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.se.PowerLostException;

/**
 * Exhaustive tearing of any {@link TornFlow}: runs the flow once to map its tear points (before
 * every APDU, at every persistent write), then, for each point, issues the flow's wallets afresh,
 * cuts the power there, lets the wallets recover and checks the invariants the flow names (see
 * {@link org.dualoffline.harness.PurseInvariants}). Every campaign is filed in the scenario's
 * {@link TearingReports}.
 */
public final class TearingCampaign {
    private final TearingReports reports;

    public TearingCampaign(TearingReports reports) {
        this.reports = reports;
    }

    /** Tears {@code flow} at every point its dry run maps; the report is also filed for the scenario's evidence. */
    public <A extends TornFlow.Attempt> CampaignReport run(TornFlow<A> flow) {
        TearPlan dry = TearPlan.dryRun();
        A mapping = flow.issue(dry);
        dry.start();
        try {
            mapping.run();
        } finally {
            dry.stop();
        }
        mapping.requireCompleted();

        Map<String, Tally> tallies = new LinkedHashMap<>();
        flow.results().forEach(name -> tallies.put(name, new Tally()));
        List<String> log = new ArrayList<>();
        for (TearPlan.TearPoint point : dry.tearPoints()) {
            Tally tally = tallies.get(flow.resultOf(point, mapping));
            tally.points++;
            TearPlan plan = TearPlan.tearAt(point);
            Findings findings = new Findings(point.describe());
            TornFlow.Attempt attempt = tearAt(flow, plan, findings);
            if (!plan.fired()) {
                tally.untried.add(point);
            }
            List<String> violations = findings.all();
            tally.violations.addAll(violations);
            log.add(logLine(flow, findings.where(), attempt.outcome(), violations.isEmpty()));
        }
        List<FlowResult> results = new ArrayList<>();
        tallies.forEach((name, t) -> results.add(new FlowResult(name, t.points, t.untried, t.violations)));
        CampaignReport report = new CampaignReport(results, log);
        reports.add(report);
        return report;
    }

    /** One torn run: fresh wallets, the flow with the power cut at the plan's point, then recovery and the checks. */
    private static TornFlow.Attempt tearAt(TornFlow<?> flow, TearPlan plan, Findings findings) {
        TornFlow.Attempt attempt = flow.issue(plan);
        plan.start();
        try {
            attempt.run();
        } catch (PowerLostException e) {
            // expected: the recovery decides what the flow did
        } finally {
            plan.stop();
        }
        if (!plan.fired()) {
            findings.violation("the tear point was never reached (the flow changed between runs)");
        }
        try {
            attempt.recover(findings);
        } catch (RuntimeException e) {
            findings.violation("recovery failed: " + e.getMessage());
        }
        return attempt;
    }

    private static String logLine(TornFlow<?> flow, String where, String outcome, boolean ok) {
        String verdict = ok ? "ok" : "VIOLATION";
        return flow.outcomeWidth() == 0 ? String.format("%-70s %s", where, verdict)
                : String.format("%-70s %-" + flow.outcomeWidth() + "s %s", where, outcome, verdict);
    }

    private static final class Tally {
        int points;
        final List<TearPlan.TearPoint> untried = new ArrayList<>();
        final List<String> violations = new ArrayList<>();
    }
}
