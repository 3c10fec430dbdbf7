package org.dualoffline.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What Allure's users expect beside the scenario results, written into the results folder before
 * the HTML is generated: the Environment (who and what was certified), the Executor (Jenkins'
 * build when run there), Categories that tell a device's failure from a harness error and from
 * NOT APPLICABLE, and the history that draws a device's Trend across runs.
 */
final class AllureExtras {
    /** Where a run's Allure history is kept between runs, per profile, unless a history folder is given. */
    static final String HISTORY_ROOT = "reports/allure-history";

    private AllureExtras() {}

    /** environment.properties: the device, the applet, the backend, the seed, the harness. */
    static void writeEnvironment(Path results, Certification.RunInfo info) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("profile", info.profile());
        info.device().forEach((k, v) -> env.put("device." + k, String.valueOf(v)));
        env.put("backend", info.backendMode() + (info.backendUrl() == null ? "" : " " + info.backendUrl()));
        env.put("seed", Long.toString(info.seed()));
        env.put("harness.version", info.harnessVersion());
        env.put("harness.commit", info.harnessCommit());
        StringBuilder b = new StringBuilder();
        env.forEach((k, v) -> b.append(k).append('=').append(escape(v)).append('\n'));
        Files.writeString(results.resolve("environment.properties"), b, StandardCharsets.UTF_8);
    }

    /**
     * executor.json: Jenkins' job, build number and URL when the run is a Jenkins build (its
     * environment variables), otherwise the harness run on its own, named by profile and start.
     */
    static void writeExecutor(Path results, Certification.RunInfo info, Map<String, String> environment) throws IOException {
        Map<String, Object> executor = new LinkedHashMap<>();
        String buildUrl = environment.get("BUILD_URL");
        if (buildUrl != null && !buildUrl.isBlank()) {
            executor.put("name", "Jenkins");
            executor.put("type", "jenkins");
            executor.put("url", environment.getOrDefault("JENKINS_URL", ""));
            executor.put("buildOrder", parseOrder(environment.get("BUILD_NUMBER")));
            executor.put("buildName", environment.getOrDefault("JOB_NAME", "build") + " #" + environment.getOrDefault("BUILD_NUMBER", "?"));
            executor.put("buildUrl", buildUrl);
            executor.put("reportUrl", buildUrl + "allure/");
        } else {
            executor.put("name", "dual-offline-harness");
            executor.put("type", "local");
            executor.put("buildName", "./certify " + info.profile() + " " + info.startedAt());
        }
        json(results.resolve("executor.json"), executor);
    }

    /**
     * categories.json, first match wins: a scenario that could not run here (NOT APPLICABLE); a
     * device that answered what the scenario does not allow (a refusal, silence, a lost power
     * it should have survived, checked or not); a failed check; and, last, anything else broken,
     * which is the harness's own error and says nothing about the device.
     */
    static void writeCategories(Path results) throws IOException {
        List<Map<String, Object>> categories = new ArrayList<>();
        categories.add(category("Not applicable to this device", List.of("skipped"), "(?s)NOT APPLICABLE: .*", null));
        categories.add(category("Device failed a requirement", List.of("failed"), null, null));
        categories.add(category("Device answered what the scenario does not allow", List.of("broken"), null,
                "(?s).*org\\.dualoffline\\.se\\.(SecureElementException|CardMuteException|PowerLostException).*"));
        categories.add(category("Harness error (no verdict on the device)", List.of("broken"), null, null));
        json(results.resolve("categories.json"), categories);
    }

    /** Copies the history the last run of this profile kept into the results, so the report draws the Trend. */
    static void restoreHistory(Path historyFolder, Path results) throws IOException {
        copyTree(historyFolder.resolve("history"), results.resolve("history"));
    }

    /** Keeps the history the report just generated for the next run. */
    static void keepHistory(Path report, Path historyFolder) throws IOException {
        copyTree(report.resolve("history"), historyFolder.resolve("history"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Map<String, Object> category(String name, List<String> statuses, String messageRegex, String traceRegex) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("matchedStatuses", statuses);
        if (messageRegex != null) {
            c.put("messageRegex", messageRegex);
        }
        if (traceRegex != null) {
            c.put("traceRegex", traceRegex);
        }
        return c;
    }

    private static void json(Path file, Object value) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), value);
    }

    private static long parseOrder(String buildNumber) {
        try {
            return buildNumber == null ? 0 : Long.parseLong(buildNumber.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A value as java.util.Properties reads it back: backslashes, line breaks and leading blanks escaped. */
    private static String escape(String v) {
        String s = v == null ? "" : v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        return s.startsWith(" ") ? "\\" + s : s;
    }
}
