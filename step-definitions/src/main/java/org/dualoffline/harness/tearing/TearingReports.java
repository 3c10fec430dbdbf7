package org.dualoffline.harness.tearing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The tearing campaigns a scenario ran, and their evidence: {@code tearing.json} for the report, {@code tearing-log.txt} to read. */
public final class TearingReports {
    public static final String TEARING_FILE = "tearing.json";
    public static final String TEARING_LOG = "tearing-log.txt";

    private final List<CampaignReport> reports = new ArrayList<>();

    void add(CampaignReport report) {
        reports.add(report);
    }

    /** Every flow result of every campaign of the scenario, in the order run; throws when the scenario ran none. */
    public List<FlowResult> results() {
        if (reports.isEmpty()) {
            throw new IllegalStateException("no tearing campaign has run in this scenario");
        }
        return reports.stream().flatMap(r -> r.results().stream()).toList();
    }

    /** Writes the scenario's tearing evidence into {@code dir}; nothing when it ran no campaign. */
    public void writeTo(Path dir) {
        if (reports.isEmpty()) {
            return;
        }
        List<Map<String, Object>> json = results().stream().map(FlowResult::toJson).toList();
        StringBuilder log = new StringBuilder();
        for (FlowResult r : results()) {
            log.append("# ").append(r.flow()).append(": ").append(r.tearPoints()).append(" tear points, ")
                    .append(r.violations().size()).append(" violations\n");
            r.violations().forEach(v -> log.append("VIOLATION ").append(v).append('\n'));
        }
        log.append("\n# every tear point, with what the touch did and the verdict\n");
        for (CampaignReport r : reports) {
            r.log().forEach(l -> log.append(l).append('\n'));
        }
        try {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(TEARING_FILE).toFile(), json);
            Files.writeString(dir.resolve(TEARING_LOG), log.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tearing evidence to " + dir, e);
        }
    }
}
