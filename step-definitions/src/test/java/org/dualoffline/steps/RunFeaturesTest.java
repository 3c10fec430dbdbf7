package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dualoffline.harness.FeatureRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Runs every feature under the top-level features/ folder as {@code ./certify} does (through
 * {@link FeatureRun}, so with the same glue and plugins, writing into {@code target/}) and reports
 * each scenario as a test. No run is started here: the scenarios get the run the system
 * properties describe (the reference profile unless {@code -Ddualoffline.profile=...}).
 */
class RunFeaturesTest {

    @TestFactory
    Stream<DynamicTest> everyScenarioPassesAgainstTheProfile() {
        ScenarioOutcomes outcomes = new ScenarioOutcomes();

        new FeatureRun(Path.of("../features"), Path.of("target")).execute(outcomes);

        assertThat(outcomes.all).as("scenarios run from ../features").isNotEmpty();
        return outcomes.all.stream().map(o -> dynamicTest(o.scenario(), o::replay));
    }

    /** A scenario's name and how it ended: a failure or skip is replayed as this test's own. */
    private record Outcome(String scenario, TestExecutionResult result, String skipReason) {
        void replay() throws Throwable {
            Assumptions.assumeTrue(skipReason == null, () -> "skipped: " + skipReason);
            if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                Assumptions.abort(result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
            }
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                throw result.getThrowable().orElseGet(() -> new AssertionError(scenario + " failed"));
            }
        }
    }

    private static final class ScenarioOutcomes implements TestExecutionListener {
        final List<Outcome> all = new ArrayList<>();

        @Override
        public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest()) {
                all.add(new Outcome(test.getDisplayName(), result, null));
            }
        }

        @Override
        public synchronized void executionSkipped(TestIdentifier test, String reason) {
            if (test.isTest()) {
                all.add(new Outcome(test.getDisplayName(), TestExecutionResult.successful(), reason));
            }
        }
    }
}
