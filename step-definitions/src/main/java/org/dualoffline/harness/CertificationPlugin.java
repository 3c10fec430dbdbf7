package org.dualoffline.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Cucumber plugin that records, per scenario, its requirement tags and its result, and writes
 * them as JSON at the end of the run for the certification report. Its argument is the output
 * file: {@code org.dualoffline.harness.CertificationPlugin:target/scenario-results.json}.
 */
public final class CertificationPlugin implements ConcurrentEventListener {
    private final Path out;
    private final List<Map<String, Object>> scenarios = new ArrayList<>();

    public CertificationPlugin(String out) {
        this.out = Path.of(out);
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
        publisher.registerHandlerFor(TestRunFinished.class, e -> write());
    }

    private synchronized void finished(TestCaseFinished event) {
        TestCase tc = event.getTestCase();
        Result r = event.getResult();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("key", ScenarioKeys.of(tc.getUri(), tc.getLocation().getLine()));
        s.put("name", tc.getName());
        s.put("uri", tc.getUri().toString());
        s.put("line", tc.getLocation().getLine());
        s.put("tags", tc.getTags());
        s.put("status", r.getStatus().name());
        s.put("durationMillis", r.getDuration().toMillis());
        if (r.getError() != null) {
            s.put("error", String.valueOf(r.getError().getMessage()));
            s.put("errorType", r.getError().getClass().getName());
            s.put("harnessError", isHarnessError(r.getError()));
            if (r.getError() instanceof NotApplicable na) {
                s.put("notApplicable", na.reason());
            }
        }
        scenarios.add(s);
    }

    /**
     * True when the failure is the harness's own (a class missing from its classpath, a profile or
     * backend it cannot use), not a verdict on the device: those must stop the run with exit 2,
     * never be reported as the device failing.
     */
    static boolean isHarnessError(Throwable t) {
        if (t instanceof AssertionError) {
            return false;
        }
        return t instanceof Error || t instanceof Profile.ProfileException || t instanceof BackendConnection.BackendUnavailableException;
    }

    private synchronized void write() {
        write(out, scenarios);
    }

    /** Writes the results file as the plugin does at the end of a run: {@code {"scenarios": [...]}}. */
    static void write(Path out, List<Map<String, Object>> scenarios) {
        try {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), Map.of("scenarios", scenarios));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write scenario results to " + out, e);
        }
    }
}
