package org.dualoffline.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dualoffline.se.ApduTrace;

/**
 * Writes a scenario's evidence (APDU traces of every touch, HTTP exchanges, a picture of each touch
 * and of each face a visual card showed) into its folder.
 */
public final class Evidence {
    public static final String APDU_FILE = "apdu-trace.txt";
    public static final String HTTP_FILE = "http-trace.txt";

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
                if ((t.title().contains(" pays ") || t.title().contains(" replays ")) && !t.title().contains(VisualCards.REDRAW)) {
                    Files.writeString(dir.resolve(String.format("flow-%02d.svg", ++touch)), org.dualoffline.se.FlowDiagram.svg(t),
                            StandardCharsets.UTF_8);
                }
            }
            int face = 0;
            for (VisualCards.Shown shown : context.faces()) {
                String caption = "after: " + shown.after() + context.fieldTimes().stream()
                        .filter(t -> t.holder().equals(shown.holder()) && t.touch().equals(shown.after()))
                        .map(t -> "; " + t.describe()).reduce((a, b) -> b).orElse("");
                Files.writeString(dir.resolve(String.format("face-%02d.svg", ++face)),
                        org.dualoffline.devices.display.CardFaceSvg.render(shown.holder(), shown.face(), caption), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evidence to " + dir, e);
        }
        return dir;
    }
}
