package org.dualoffline.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dualoffline.se.ApduTrace;

/** Writes a scenario's evidence (APDU traces of every touch, HTTP exchanges) into its folder. */
public final class Evidence {
    public static final String APDU_FILE = "apdu-trace.txt";
    public static final String HTTP_FILE = "http-trace.txt";
    public static final String TEARING_FILE = "tearing.json";
    public static final String TEARING_LOG = "tearing-log.txt";

    private Evidence() {}

    public static String apduText(ScenarioContext context) {
        StringBuilder sb = new StringBuilder();
        for (ApduTrace t : context.traces()) {
            sb.append(t.render()).append('\n');
        }
        return sb.toString();
    }

    public static Path write(ScenarioContext context, String apdu, String http) {
        Path dir = context.run().evidenceDir().resolve(context.scenarioKey());
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(APDU_FILE), apdu, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(HTTP_FILE), http, StandardCharsets.UTF_8);
            int touch = 0;
            for (ApduTrace t : context.traces()) {
                // Pictures of the touches only (two SEs or a refused touch), not of issuance or syncs.
                if (t.title().contains(" pays ") || t.title().contains(" replays ")) {
                    Files.writeString(dir.resolve(String.format("flow-%02d.svg", ++touch)), org.dualoffline.se.FlowDiagram.svg(t),
                            StandardCharsets.UTF_8);
                }
            }
            if (!context.tearing().isEmpty()) {
                java.util.List<java.util.Map<String, Object>> json = new java.util.ArrayList<>();
                StringBuilder log = new StringBuilder();
                for (TearingCampaign.Result r : context.tearing()) {
                    json.add(r.toJson());
                    log.append("# ").append(r.flow()).append(": ").append(r.tearPoints()).append(" tear points, ")
                            .append(r.violations().size()).append(" violations\n");
                    r.violations().forEach(v -> log.append("VIOLATION ").append(v).append('\n'));
                }
                TearingCampaign.Result any = context.tearing().get(0);
                log.append("\n# every tear point, with what the touch did and the verdict\n");
                for (TearingCampaign.Result r : context.tearing()) {
                    if (r.log() != any.log() || r == any) {
                        r.log().forEach(l -> log.append(l).append('\n'));
                    }
                }
                new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(TEARING_FILE).toFile(), json);
                Files.writeString(dir.resolve(TEARING_LOG), log.toString(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evidence to " + dir, e);
        }
        return dir;
    }
}
