package org.dualoffline.harness;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One run of the features through Cucumber on the JUnit Platform: the glue, the plugins and what
 * they write into the output folder. {@code ./certify} and the Maven build's
 * {@code RunFeaturesTest} both run the features through this class; it is the only place the
 * Cucumber configuration is written. The scenarios reach the profile, seed and backend through
 * {@link HarnessRun#current()}.
 *
 * @param features the folder of {@code .feature} files
 * @param out the folder the reports go into ({@link #CUCUMBER_REPORT}, {@link #JUNIT_REPORT},
 *     {@link #ALLURE_RESULTS}, {@link #SCENARIO_RESULTS}, relative to it)
 * @param tags a Cucumber tag expression selecting the scenarios to run, or null for all
 * @param threads how many scenarios run at once
 * @param units the keys of the {@link ScenarioPlan.Unit}s to run of those the tags select, or null
 *     for all of them: a shard of a certification ({@link #only})
 */
public record FeatureRun(Path features, Path out, String tags, int threads, Set<String> units) {
    public static final String GLUE = "org.dualoffline.steps";
    public static final String CUCUMBER_REPORT = "cucumber/cucumber-report.html";
    public static final String JUNIT_REPORT = "junit/cucumber-junit.xml";
    public static final String ALLURE_RESULTS = "allure-results";
    public static final String SCENARIO_RESULTS = "scenario-results.json";

    public FeatureRun {
        if (threads < 1) {
            throw new IllegalArgumentException("a feature run needs at least one thread, got " + threads);
        }
        units = units == null ? null : Set.copyOf(units);
    }

    /** Every scenario the tags select (null: every scenario), on this many threads. */
    public FeatureRun(Path features, Path out, String tags, int threads) {
        this(features, out, tags, threads, null);
    }

    /** Every scenario, one at a time. */
    public FeatureRun(Path features, Path out) {
        this(features, out, null, 1);
    }

    /**
     * This run cut down to the units named (keys of {@link #plan()}'s units): the others the tags
     * select do not run and are not reported, the chosen ones run as they would in the whole run,
     * in the same order. No unit named: nothing runs, and only an empty {@link #SCENARIO_RESULTS}
     * is written.
     */
    public FeatureRun only(Collection<String> unitKeys) {
        return new FeatureRun(features, out, tags, threads, Set.copyOf(unitKeys));
    }

    /** The Cucumber plugins, in order: progress on stderr, the HTML, JUnit and Allure reports, the results the certification reads. */
    public List<String> plugins() {
        return List.of(
                ProgressPlugin.class.getName(),
                "html:" + out.resolve(CUCUMBER_REPORT),
                "junit:" + out.resolve(JUNIT_REPORT),
                AllureResultsPlugin.class.getName() + ":" + out.resolve(ALLURE_RESULTS),
                CertificationPlugin.class.getName() + ":" + scenarioResults());
    }

    /** Where {@link CertificationPlugin} writes each scenario's requirement tags and result. */
    public Path scenarioResults() {
        return out.resolve(SCENARIO_RESULTS);
    }

    /**
     * Matches every step of the features to its step definition without running anything
     * (Cucumber's dry run) and writes, per scenario, its tags and the definition behind each step
     * into {@code output} ({@link StepUsePlugin}): what the conformance matrix is built from.
     */
    public static void dryRun(Path features, Path output) {
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(features.toFile()))
                .configurationParameter("cucumber.glue", GLUE)
                .configurationParameter("cucumber.publish.quiet", "true")
                .configurationParameter("cucumber.execution.dry-run", "true")
                .configurationParameter("cucumber.plugin", StepUsePlugin.class.getName() + ":" + output)
                .build());
    }

    /** Runs the features; the listeners hear of each scenario as the JUnit Platform reports it. */
    public void execute(TestExecutionListener... listeners) {
        if (units != null && units.isEmpty()) { // Cucumber starts no run for a test tree left empty: its plugins write nothing
            CertificationPlugin.write(scenarioResults(), List.of());
            return;
        }
        LauncherFactory.create().execute(request(), listeners);
    }

    /**
     * The scenarios this run would run, grouped into units (a Scenario, or a Scenario Outline with
     * its rows), in the order it would run them ({@link #units} aside: the plan is of everything
     * the tags select). Cucumber itself selects them, in a dry run of the same features, glue and
     * tag filter: no step runs and no report is written. A dry run still runs the glue's
     * {@code @AfterAll}, which finishes the {@link HarnessRun}: plan before the run starts.
     */
    public ScenarioPlan plan() {
        PlanListener selected = new PlanListener(features.toAbsolutePath().normalize());
        LauncherFactory.create().execute(selection().configurationParameter("cucumber.execution.dry-run", "true").build(), selected);
        return selected.plan();
    }

    /** The features, the glue and the tags: what decides which scenarios run, for the run and its {@link #plan()} alike. */
    private LauncherDiscoveryRequestBuilder selection() {
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(features.toFile()))
                .configurationParameter("cucumber.glue", GLUE)
                .configurationParameter("cucumber.publish.quiet", "true");
        if (tags != null) {
            builder.configurationParameter("cucumber.filter.tags", tags);
        }
        return builder;
    }

    LauncherDiscoveryRequest request() {
        LauncherDiscoveryRequestBuilder builder = selection()
                .configurationParameter("cucumber.plugin", String.join(", ", plugins()));
        if (units != null) {
            builder.filters(onlyUnits(units));
        }
        if (threads > 1) {
            builder.configurationParameter("cucumber.execution.parallel.enabled", "true")
                    .configurationParameter("cucumber.execution.parallel.config.strategy", "fixed")
                    .configurationParameter("cucumber.execution.parallel.config.fixed.parallelism", Integer.toString(threads))
                    .configurationParameter("cucumber.execution.parallel.config.fixed.max-pool-size", Integer.toString(threads));
        }
        return builder.build();
    }

    /**
     * Keeps the scenarios of these units: Cucumber's test tree loses every other scenario before
     * anything runs (a post-discovery filter sees the scenarios, the leaves of the tree; features
     * and rules left empty are pruned), so the plugins never hear of them.
     */
    private static PostDiscoveryFilter onlyUnits(Set<String> units) {
        return descriptor -> {
            Optional<String> unit = unitKey(descriptor.getUniqueId());
            return unit.isEmpty() || units.contains(unit.get()) ? FilterResult.included("its scenario unit runs here")
                    : FilterResult.excluded("its scenario unit runs in another shard");
        };
    }

    /** The unit of a scenario's test id in Cucumber's engine ({@link ScenarioId}); empty for an id above any scenario (the engine, a feature, a rule). */
    static Optional<String> unitKey(UniqueId id) {
        return ScenarioId.of(id).map(ScenarioId::unitKey);
    }

    /**
     * Where a scenario's test id in Cucumber's engine points, e.g.
     * {@code [engine:cucumber]/[feature:file:///.../features/robustness/refusal-table.feature]/[rule:14]/[scenario:17]/[examples:20]/[example:22]}:
     * its feature, the line of its {@code scenario} segment (a Scenario, or the Scenario Outline above
     * an example: its unit) and its own line (the last segment's).
     */
    private record ScenarioId(URI feature, int unitLine, int line) {
        static Optional<ScenarioId> of(UniqueId id) {
            URI feature = null;
            Integer unitLine = null;
            for (UniqueId.Segment segment : id.getSegments()) {
                if (segment.getType().equals("feature")) {
                    feature = URI.create(segment.getValue());
                } else if (segment.getType().equals("scenario") && feature != null) {
                    unitLine = Integer.valueOf(segment.getValue());
                }
            }
            if (unitLine == null) {
                return Optional.empty();
            }
            List<UniqueId.Segment> segments = id.getSegments();
            return Optional.of(new ScenarioId(feature, unitLine, Integer.parseInt(segments.get(segments.size() - 1).getValue())));
        }

        String unitKey() {
            return ScenarioKeys.of(feature, unitLine);
        }

        String key() {
            return ScenarioKeys.of(feature, line);
        }
    }

    /** The scenarios a dry run starts, grouped into units as they come: what Cucumber would run. */
    private static final class PlanListener implements TestExecutionListener {
        private final Path features;
        private final Map<String, ScenarioPlan.Unit> units = new LinkedHashMap<>();

        PlanListener(Path features) {
            this.features = features;
        }

        @Override
        public synchronized void executionStarted(TestIdentifier test) {
            if (!test.isTest()) {
                return;
            }
            ScenarioId id = ScenarioId.of(test.getUniqueIdObject()).orElseThrow(() -> new IllegalStateException("Cucumber's test id "
                    + test.getUniqueId() + " names no feature and scenario: its engine is not the one this harness knows"));
            ScenarioPlan.Unit unit = units.get(id.unitKey());
            List<String> scenarios = new ArrayList<>(unit == null ? List.of() : unit.scenarios());
            scenarios.add(id.key());
            units.put(id.unitKey(), new ScenarioPlan.Unit(id.unitKey(), relative(id.feature()), id.unitLine(), scenarios));
        }

        private String relative(URI feature) {
            Path file = Path.of(feature).toAbsolutePath().normalize();
            return (file.startsWith(features) ? features.relativize(file) : file.getFileName()).toString().replace('\\', '/');
        }

        synchronized ScenarioPlan plan() {
            return new ScenarioPlan(List.copyOf(units.values()));
        }
    }
}
