package org.dualoffline.harness;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.nio.file.Path;
import java.util.List;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
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
 */
public record FeatureRun(Path features, Path out, String tags, int threads) {
    public static final String GLUE = "org.dualoffline.steps";
    public static final String CUCUMBER_REPORT = "cucumber/cucumber-report.html";
    public static final String JUNIT_REPORT = "junit/cucumber-junit.xml";
    public static final String ALLURE_RESULTS = "allure-results";
    public static final String SCENARIO_RESULTS = "scenario-results.json";

    public FeatureRun {
        if (threads < 1) {
            throw new IllegalArgumentException("a feature run needs at least one thread, got " + threads);
        }
    }

    /** Every scenario, one at a time. */
    public FeatureRun(Path features, Path out) {
        this(features, out, null, 1);
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
        LauncherFactory.create().execute(request(), listeners);
    }

    LauncherDiscoveryRequest request() {
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(features.toFile()))
                .configurationParameter("cucumber.glue", GLUE)
                .configurationParameter("cucumber.publish.quiet", "true")
                .configurationParameter("cucumber.plugin", String.join(", ", plugins()));
        if (tags != null) {
            builder.configurationParameter("cucumber.filter.tags", tags);
        }
        if (threads > 1) {
            builder.configurationParameter("cucumber.execution.parallel.enabled", "true")
                    .configurationParameter("cucumber.execution.parallel.config.strategy", "fixed")
                    .configurationParameter("cucumber.execution.parallel.config.fixed.parallelism", Integer.toString(threads))
                    .configurationParameter("cucumber.execution.parallel.config.fixed.max-pool-size", Integer.toString(threads));
        }
        return builder.build();
    }
}
