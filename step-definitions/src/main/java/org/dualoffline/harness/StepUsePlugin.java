package org.dualoffline.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Cucumber plugin that records, per scenario, its tags and the step definition behind each of
 * its steps (Cucumber's code location, e.g. {@code org.dualoffline.steps.WalletSteps.walletHolds(java.lang.String,java.lang.Long)}),
 * for the conformance matrix; a dry run gives it without running anything ({@link FeatureRun#dryRun}).
 */
public final class StepUsePlugin implements ConcurrentEventListener {
    private final Path out;
    private final List<Map<String, Object>> scenarios = new ArrayList<>();

    public StepUsePlugin(String out) {
        this.out = Path.of(out);
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseStarted.class, this::started);
        publisher.registerHandlerFor(TestRunFinished.class, e -> write());
    }

    private synchronized void started(TestCaseStarted event) {
        TestCase tc = event.getTestCase();
        List<Map<String, String>> steps = new ArrayList<>();
        for (TestStep step : tc.getTestSteps()) {
            if (step instanceof PickleStepTestStep s) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("text", s.getStep().getKeyword() + s.getStep().getText());
                m.put("definition", s.getCodeLocation());
                steps.add(m);
            }
        }
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("key", ScenarioKeys.of(tc.getUri(), tc.getLocation().getLine()));
        sc.put("name", tc.getName());
        sc.put("tags", tc.getTags());
        sc.put("steps", steps);
        scenarios.add(sc);
    }

    private synchronized void write() {
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), scenarios);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }
}
