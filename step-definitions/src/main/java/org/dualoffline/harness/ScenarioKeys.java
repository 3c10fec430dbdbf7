package org.dualoffline.harness;

import java.net.URI;

/** A stable key per scenario ("interop-paying-by-touch-L12"), shared by the evidence folders and the report. */
public final class ScenarioKeys {
    private ScenarioKeys() {}

    public static String of(URI uri, int line) {
        String path = uri.getSchemeSpecificPart();
        int idx = path.lastIndexOf("features/");
        String rel = idx >= 0 ? path.substring(idx + "features/".length()) : path.substring(path.lastIndexOf('/') + 1);
        rel = rel.replaceAll("\\.feature$", "");
        return rel.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "").toLowerCase(java.util.Locale.ROOT) + "-L" + line;
    }
}
