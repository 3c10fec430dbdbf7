package org.dualoffline.reports;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.dualoffline.harness.Profile;
import org.dualoffline.harness.ScenarioPlan;

/** What {@code ./certify} tells its user on the console while it runs and at the end. */
final class ConsoleSummary {
    private final PrintStream console;

    ConsoleSummary(PrintStream console) {
        this.console = console;
    }

    void started(Profile profile, long seed) {
        console.printf("certify: profile %s - %s (%s), backend %s, seed %d%n", profile.name(), profile.deviceName(),
                profile.applet().describe(), profile.backendMode().name().toLowerCase(), seed);
    }

    void backendReady(String baseUrl) {
        console.println("certify: backend ready at " + baseUrl);
    }

    void allureNotGenerated(String reason) {
        console.println("certify: warning: the Allure HTML report was not generated: " + reason);
    }

    /** The verdict, the scenario counts and every requirement's verdict, then where the report is. */
    void finished(Certification cert, Path out) {
        console.printf("certify: %s - %d scenarios, %d failed; %d requirements%n", cert.verdict(), cert.scenarios().size(),
                cert.scenarios().stream().filter(ScenarioResult::failed).count(), cert.requirements().size());
        for (Certification.RequirementVerdict rv : cert.requirements()) {
            console.printf("  %-11s %-10s %s%n", rv.verdict().name().replace('_', ' '), rv.requirement().id(), rv.requirement().statement());
        }
        console.println("certify: report at " + out.resolve("certification.html"));
    }

    /** Which share of the plan a shard runs. */
    void shardPlanned(Shard shard, List<ScenarioPlan.Unit> units, ScenarioPlan plan) {
        console.printf("certify: shard %s runs %d of the %d scenario units (%d of %d scenarios)%s%n", shard.label(), units.size(),
                plan.units().size(), units.stream().mapToInt(u -> u.scenarios().size()).sum(), plan.scenarioCount(),
                units.isEmpty() ? ": none falls to it, it writes an empty shard" : "");
    }

    /** A shard's counts, and that it certifies nothing alone. */
    void shardFinished(Shard shard, List<ScenarioResult> scenarios, Path descriptor) {
        console.printf("certify: shard %s - %d scenarios, %d passed, %d failed, %d skipped; not a certification: ./certify merge the "
                        + "folders of all %d shards%n", shard.label(), scenarios.size(), scenarios.stream().filter(ScenarioResult::passed).count(),
                scenarios.stream().filter(ScenarioResult::failed).count(), scenarios.stream().filter(ScenarioResult::skipped).count(), shard.count());
        console.println("certify: shard written to " + descriptor);
    }

    /** The shards a merge puts together. */
    void merging(List<ShardDescriptor> shards) {
        ShardDescriptor first = shards.get(0);
        console.printf("certify: merging %d shards of profile %s, seed %d%n", shards.size(), first.run().profile(), first.run().seed());
        for (ShardDescriptor s : shards) {
            console.printf("  shard %-5s %3d scenarios, ran on %s from %s to %s%n", s.shard().label(), s.scenarioKeys().size(), s.agent(),
                    s.run().startedAt(), s.run().finishedAt());
        }
    }
}
