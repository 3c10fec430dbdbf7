package org.dualoffline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Allure shows beside the scenarios: Environment, Executor, Categories, and the Trend's history. */
class AllureExtrasTest {
    @TempDir
    Path dir;

    private static Certification.RunInfo info() {
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("name", "Purse 2");
        device.put("vendor", "Example\nCards");
        device.put("appletJarSha256", "ab12");
        return new Certification.RunInfo("vendor-purse", device, "container", "http://127.0.0.1:8080", "0.1.0", "abc1234", 42,
                Instant.parse("2026-11-30T10:00:00Z"), Instant.parse("2026-11-30T10:01:00Z"));
    }

    @Test
    void theEnvironmentNamesTheDeviceTheBackendTheSeedAndTheHarnessAndReadsBackAsWritten() throws Exception {
        AllureExtras.writeEnvironment(dir, info());
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("environment.properties"))) {
            p.load(r);
        }
        assertThat(p).containsEntry("profile", "vendor-purse").containsEntry("device.name", "Purse 2")
                .containsEntry("device.vendor", "Example\nCards").containsEntry("device.appletJarSha256", "ab12")
                .containsEntry("backend", "container http://127.0.0.1:8080").containsEntry("seed", "42")
                .containsEntry("harness.version", "0.1.0").containsEntry("harness.commit", "abc1234");
    }

    @Test
    void theExecutorIsTheJenkinsBuildWhenThereIsOneAndTheHarnessRunOtherwise() throws Exception {
        AllureExtras.writeExecutor(dir, info(), Map.of("BUILD_URL", "https://ci.lab/job/certify/17/", "BUILD_NUMBER", "17",
                "JOB_NAME", "certify", "JENKINS_URL", "https://ci.lab/"));
        JsonNode jenkins = new ObjectMapper().readTree(dir.resolve("executor.json").toFile());
        assertThat(jenkins.get("type").asText()).isEqualTo("jenkins");
        assertThat(jenkins.get("buildName").asText()).isEqualTo("certify #17");
        assertThat(jenkins.get("buildOrder").asLong()).isEqualTo(17);
        assertThat(jenkins.get("reportUrl").asText()).isEqualTo("https://ci.lab/job/certify/17/allure/");

        AllureExtras.writeExecutor(dir, info(), Map.of());
        JsonNode local = new ObjectMapper().readTree(dir.resolve("executor.json").toFile());
        assertThat(local.get("type").asText()).isEqualTo("local");
        assertThat(local.get("buildName").asText()).isEqualTo("./certify vendor-purse 2026-11-30T10:00:00Z");
    }

    @Test
    void categoriesTellNotApplicableFromADevicesFailureFromAHarnessErrorFirstMatchFirst() throws Exception {
        AllureExtras.writeCategories(dir);
        JsonNode c = new ObjectMapper().readTree(dir.resolve("categories.json").toFile());
        assertThat(c).hasSize(4);
        assertThat(category(c, "skipped", "NOT APPLICABLE: the harness cannot cut the power of a card in a reader", "")).isEqualTo(0);
        assertThat(category(c, "failed", "expected 0 but was 1", "java.lang.AssertionError")).isEqualTo(1);
        assertThat(category(c, "broken", "PAY refused", "org.dualoffline.se.SecureElementException: PAY refused\n\tat ...")).isEqualTo(2);
        assertThat(category(c, "broken", "payer never answered", "org.dualoffline.se.CardMuteException: never answered\n\tat x")).isEqualTo(2);
        assertThat(category(c, "broken", "boom", "java.lang.IllegalStateException: boom\n\tat org.dualoffline.harness.X")).isEqualTo(3);
        assertThat(category(c, "skipped", "skipped by --tags", "")).as("a plain skip is no verdict on the device").isEqualTo(-1);
    }

    /** The index of the first category that takes a result, as Allure matches them; -1 for none. */
    private static int category(JsonNode categories, String status, String message, String trace) {
        for (int i = 0; i < categories.size(); i++) {
            JsonNode c = categories.get(i);
            boolean statusMatches = false;
            for (JsonNode s : c.get("matchedStatuses")) {
                statusMatches |= s.asText().equals(status);
            }
            if (statusMatches && (!c.has("messageRegex") || Pattern.matches(c.get("messageRegex").asText(), message))
                    && (!c.has("traceRegex") || Pattern.matches(c.get("traceRegex").asText(), trace))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theHistoryOfTheLastRunIsGivenToTheNextAndKeptAfterIt() throws Exception {
        Path history = dir.resolve("history-folder");
        Path results = Files.createDirectories(dir.resolve("results"));
        AllureExtras.restoreHistory(history, results);
        assertThat(results.resolve("history")).as("nothing kept yet").doesNotExist();

        Path report = Files.createDirectories(dir.resolve("report/history"));
        Files.writeString(report.resolve("history-trend.json"), "[{\"data\":{\"passed\":215}}]");
        AllureExtras.keepHistory(dir.resolve("report"), history);
        AllureExtras.restoreHistory(history, results);
        assertThat(results.resolve("history/history-trend.json")).hasContent("[{\"data\":{\"passed\":215}}]");
        assertThat(List.of(Files.list(results.resolve("history")).toArray())).hasSize(1);
    }
}
