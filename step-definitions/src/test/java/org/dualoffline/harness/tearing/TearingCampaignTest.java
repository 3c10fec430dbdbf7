package org.dualoffline.harness.tearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.harness.Profile;
import org.dualoffline.se.JcardsimSecureElement;
import org.junit.jupiter.api.Test;

/** The campaign's loop on small flows over the reference wallet: what it maps, tears, counts and files. */
class TearingCampaignTest {
    private static final Profile REFERENCE = Profile.reference();

    private final TearingReports reports = new TearingReports();
    private final TearingCampaign campaign = new TearingCampaign(reports);

    @Test
    void everyPointTheDryRunMapsIsTornOnceAndReachedInItsRun() {
        List<TearPlan.TearPoint> mapped = dryRun(new StatusRead(false));
        StatusRead flow = new StatusRead(false);

        CampaignReport report = campaign.run(flow);

        assertThat(report.results()).extracting(FlowResult::flow, FlowResult::tearPoints, FlowResult::untried, FlowResult::violations)
                .containsExactly(tuple("read", mapped.size(), List.of(), List.of()));
        assertThat(report.log()).containsExactlyElementsOf(mapped.stream().map(p -> String.format("%-70s ok", p.describe())).toList());
        assertThat(flow.issues).as("the dry run, then one issue per tear point").isEqualTo(mapped.size() + 1);
    }

    @Test
    void aPointTheTornRunsNeverReachIsReportedUntriedAndAsAViolation() {
        List<String> getStatusPoints = dryRun(new StatusRead(false)).stream().map(TearPlan.TearPoint::describe)
                .filter(p -> p.contains("GET STATUS")).toList();

        FlowResult read = campaign.run(new StatusRead(true)).results().get(0);

        assertThat(read.untried()).extracting(TearPlan.TearPoint::describe).containsExactlyElementsOf(getStatusPoints)
                .contains("before GET STATUS to Wei SE (APDU 2)");
        assertThat(read.violations()).containsExactlyElementsOf(getStatusPoints.stream()
                .map(p -> p + ": the tear point was never reached (the flow changed between runs)").toList());
    }

    @Test
    void eachTearPointCountsForTheSeItRanOnKnownByObjectNotByName() {
        TearPlan dry = TearPlan.dryRun();
        TwoSes.Run mapping = new TwoSes().issue(dry);
        dry.start();
        mapping.run();
        dry.stop();
        long onFirst = dry.tearPoints().stream().filter(p -> p.se() == mapping.first()).count();

        CampaignReport report = campaign.run(new TwoSes());

        assertThat(report.results()).extracting(FlowResult::flow, r -> (long) r.tearPoints())
                .containsExactly(tuple("first", onFirst), tuple("second", dry.tearPoints().size() - onFirst));
        assertThat(onFirst).as("tear points on the first SE").isPositive().isLessThan(dry.tearPoints().size());
    }

    @Test
    void theCampaignIsFiledForTheScenario() {
        assertThatThrownBy(reports::results).isInstanceOf(IllegalStateException.class)
                .hasMessage("no tearing campaign has run in this scenario");

        CampaignReport report = campaign.run(new StatusRead(false));

        assertThat(reports.results()).isEqualTo(report.results());
    }

    @Test
    void aFlowThatDoesNotCompleteWithoutATearIsRefusedBeforeAnyTear() {
        StatusRead flow = new StatusRead(false) {
            @Override
            public void requireCompleted() {
                throw new IllegalStateException("the read did not complete");
            }
        };

        assertThatThrownBy(() -> campaign.run(flow)).isInstanceOf(IllegalStateException.class).hasMessage("the read did not complete");
        assertThat(flow.issues).as("only the dry run").isEqualTo(1);
    }

    /** The tear points a dry run of {@code flow} maps, without the campaign. */
    private static List<TearPlan.TearPoint> dryRun(StatusRead flow) {
        TearPlan dry = TearPlan.dryRun();
        TornFlow.Attempt attempt = flow.issue(dry);
        dry.start();
        attempt.run();
        dry.stop();
        return dry.tearPoints();
    }

    private static JcardsimSecureElement freshWallet(String name) {
        return new JcardsimSecureElement(name, REFERENCE.applet(), REFERENCE.aid(), REFERENCE.installParameters(), 1);
    }

    private static void select(TearPlan.FlowSe se) {
        new WalletClient(se, REFERENCE.aid()).select();
    }

    /** SELECT, then GET STATUS on a fresh wallet; {@code changes}: after the dry run the flow leaves its GET STATUS out. */
    private static class StatusRead implements TornFlow<TornFlow.Attempt> {
        private final boolean changes;
        int issues;

        StatusRead(boolean changes) {
            this.changes = changes;
        }

        @Override
        public List<String> results() {
            return List.of("read");
        }

        /** Overridden by a flow that does not complete. */
        public void requireCompleted() {}

        @Override
        public TornFlow.Attempt issue(TearPlan plan) {
            issues++;
            TearPlan.FlowSe se = plan.wrap(freshWallet("campaign-test/Wei/" + issues), "Wei SE", true);
            boolean readsStatus = issues == 1 || !changes;
            return new TornFlow.Attempt() {
                @Override
                public void run() {
                    WalletClient wallet = new WalletClient(se, REFERENCE.aid());
                    wallet.select();
                    if (readsStatus) {
                        wallet.status();
                    }
                }

                @Override
                public void requireCompleted() {
                    StatusRead.this.requireCompleted();
                }

                @Override
                public void recover(Findings findings) {
                    select(se);
                }
            };
        }
    }

    /** Two wallets under one name, each selected once: the first's tear points count as "first", the second's as "second". */
    private static final class TwoSes implements TornFlow<TwoSes.Run> {
        private int issues;

        @Override
        public List<String> results() {
            return List.of("first", "second");
        }

        @Override
        public Run issue(TearPlan plan) {
            issues++;
            return new Run(plan.wrap(freshWallet("campaign-test/a/" + issues), "Twin SE", true),
                    plan.wrap(freshWallet("campaign-test/b/" + issues), "Twin SE", true));
        }

        @Override
        public String resultOf(TearPlan.TearPoint point, Run mapping) {
            return point.se() == mapping.first() ? "first" : "second";
        }

        record Run(TearPlan.FlowSe first, TearPlan.FlowSe second) implements TornFlow.Attempt {
            @Override
            public void run() {
                select(first);
                select(second);
            }

            @Override
            public void recover(Findings findings) {}
        }
    }
}
