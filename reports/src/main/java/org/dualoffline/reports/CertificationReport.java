package org.dualoffline.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.dualoffline.harness.FeatureRun;
import org.dualoffline.harness.Profile;
import org.dualoffline.protocol.Hex;

/**
 * Builds the certification of a run from what its features left in the report folder (scenario
 * results, tearing campaigns and touch pictures in the evidence, the Cucumber and Allure reports),
 * seals the evidence and writes {@code certification.json} and {@code certification.html}.
 */
final class CertificationReport {
    private final Path root;
    private final Path out;
    private final ConsoleSummary console;

    CertificationReport(Path root, Path out, ConsoleSummary console) {
        this.root = root;
        this.out = out;
        this.console = console;
    }

    /** The scenarios' results; a scenario the harness itself could not run stops the certification (not a verdict on the device). */
    List<ScenarioResult> scenarios() {
        Path results = out.resolve(FeatureRun.SCENARIO_RESULTS);
        List<ScenarioResult> list = new ArrayList<>();
        for (JsonNode s : scenarioNodes(results)) {
            list.add(scenarioOf(s));
        }
        List<ScenarioResult> broken = list.stream().filter(ScenarioResult::suiteBroken).toList();
        if (!broken.isEmpty()) {
            ScenarioResult first = broken.get(0);
            throw new HarnessError(broken.size() + " scenario(s) could not be run by the harness itself (not a verdict on the device); first: \""
                    + first.name() + "\" " + first.status() + (first.error() == null ? "" : ": " + first.error()));
        }
        return list;
    }

    /** The scenarios of a {@value FeatureRun#SCENARIO_RESULTS} as {@link org.dualoffline.harness.CertificationPlugin} wrote them. */
    static List<JsonNode> scenarioNodes(Path results) {
        try {
            List<JsonNode> list = new ArrayList<>();
            new ObjectMapper().readTree(results.toFile()).get("scenarios").forEach(list::add);
            return list;
        } catch (IOException | RuntimeException e) {
            throw new HarnessError("cannot read scenario results " + results + ": " + e.getMessage());
        }
    }

    /** One scenario of the results. */
    static ScenarioResult scenarioOf(JsonNode s) {
        List<String> tags = new ArrayList<>();
        s.get("tags").forEach(t -> tags.add(t.asText()));
        return new ScenarioResult(s.get("key").asText(), s.get("name").asText(), s.get("uri").asText(), s.get("line").asInt(),
                tags, s.get("status").asText(), s.get("durationMillis").asLong(), s.hasNonNull("error") ? s.get("error").asText() : null,
                s.path("harnessError").asBoolean(false), s.hasNonNull("notApplicable") ? s.get("notApplicable").asText() : null);
    }

    /** Who and what was certified: the profile's device, the backend, the harness's version and commit, the seed, when. */
    Certification.RunInfo runInfo(Profile profile, long seed, String backendUrl, Instant started, Instant finished) {
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("name", profile.deviceName());
        device.put("vendor", profile.deviceVendor());
        device.put("version", profile.deviceVersion());
        device.put("se", profile.seKind().name().toLowerCase());
        device.put("applet", profile.applet().describe());
        device.put("aid", Hex.of(profile.aid()));
        if (profile.applet().jar() != null) {
            device.put("appletJarSha256", sha256Of(profile.applet().jar()));
        }
        return new Certification.RunInfo(profile.name(), device, profile.backendMode().name().toLowerCase(),
                profile.backendMode() == Profile.BackendMode.EMBEDDED ? null : backendUrl, harnessVersion(), gitCommit(root), seed, started, finished);
    }

    /** Judges the scenarios of one run, adds the tearing totals, touch pictures and reports, seals the evidence and writes the certification. */
    Certification write(Certification.RunInfo info, List<ScenarioResult> scenarios, RequirementCatalogue catalogue, boolean allureHtml) {
        Certification cert = new Certification(info, scenarios, catalogue);
        cert.addArtifact("Cucumber report", FeatureRun.CUCUMBER_REPORT);
        return complete(cert, allureHtml, List.of());
    }

    /**
     * Completes a judged certification from what the report folder holds - the tearing totals and
     * touch pictures in the evidence, the JUnit XML, the Allure results - seals the evidence (with
     * the scenario results and {@code alsoSealed}) and writes certification.json and .html: the
     * same for one run and for shards merged ({@link MergeCommand}).
     */
    Certification complete(Certification cert, boolean allureHtml, List<Path> alsoSealed) {
        Certification.RunInfo info = cert.run();
        Path evidence = out.resolve("evidence");
        addTearing(cert, evidence);
        addFlows(cert, evidence);
        cert.addArtifact("JUnit XML", FeatureRun.JUNIT_REPORT);
        Path allureResults = out.resolve(FeatureRun.ALLURE_RESULTS);
        Path history = root.resolve(AllureExtras.HISTORY_ROOT).resolve(info.profile().replaceAll("[^A-Za-z0-9._-]", "_"));
        String allure = writeAllureExtras(allureResults, info, allureHtml ? history : null);
        if (allure == null && !allureHtml) {
            allure = ""; // --no-allure: nothing to warn about
        } else if (allure == null) {
            allure = AllureCli.generate(root, allureResults, out.resolve("allure-report"));
        }
        if (allure == null) {
            try {
                AllureExtras.keepHistory(out.resolve("allure-report"), history);
            } catch (IOException e) {
                console.allureNotGenerated("generated, but its history could not be kept in " + history + ": " + e.getMessage());
            }
        }
        if (allure == null) {
            cert.addArtifact("Allure report", "allure-report/index.html");
        } else if (!allure.isEmpty()) {
            console.allureNotGenerated(allure);
        }
        cert.addArtifact("Scenario results (JSON)", FeatureRun.SCENARIO_RESULTS);
        if (HarnessLog.current() != null) {
            cert.addArtifact("Harness log", HarnessLog.FILE); // copied in when the run ends
        }
        List<Path> sealed = new ArrayList<>(List.of(out.resolve(FeatureRun.SCENARIO_RESULTS)));
        sealed.addAll(alsoSealed);
        cert.setEvidenceSha256(EvidenceBundle.seal(evidence, sealed));
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("certification.json").toFile(), cert.toJson());
            Files.writeString(out.resolve("certification.html"), HtmlReport.render(cert), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HarnessError("cannot write the certification to " + out + ": " + e.getMessage());
        }
        return cert;
    }

    /**
     * Writes Allure's Environment, Executor and Categories into the results and, when
     * {@code history} is given, the Trend history of this profile's last run; returns why it
     * could not, or null.
     */
    private static String writeAllureExtras(Path results, Certification.RunInfo info, Path history) {
        if (!Files.isDirectory(results)) {
            return "no Allure results at " + results;
        }
        try {
            AllureExtras.writeEnvironment(results, info);
            AllureExtras.writeExecutor(results, info, System.getenv());
            AllureExtras.writeCategories(results);
            if (history != null) {
                AllureExtras.restoreHistory(history, results);
            }
            return null;
        } catch (IOException e) {
            return "cannot write Allure's environment, executor, categories or history into " + results + ": " + e.getMessage();
        }
    }

    /** Finds the touch pictures and visual card faces each scenario filed in its evidence folder. */
    private static void addFlows(Certification cert, Path evidence) {
        for (ScenarioResult s : cert.scenarios()) {
            Path dir = evidence.resolve(s.key());
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    // each touch's picture, then the visual card faces drawn (face-NN.svg): in the order of their numbers
                    cert.addFlows(s.key(), files.map(p -> p.getFileName().toString())
                            .filter(n -> (n.startsWith("flow-") || n.startsWith("face-")) && n.endsWith(".svg"))
                            .sorted(java.util.Comparator.comparing((String n) -> n.substring(5)).thenComparing(n -> n.startsWith("face-")))
                            .toList());
                } catch (IOException e) {
                    throw new HarnessError("cannot list the evidence of " + s.key() + ": " + e.getMessage());
                }
            }
        }
    }

    /** Sums the tearing campaigns the scenarios filed in their evidence, per flow. */
    private static void addTearing(Certification cert, Path evidence) {
        if (!Files.isDirectory(evidence)) {
            return;
        }
        try (var dirs = Files.list(evidence)) {
            for (Path dir : dirs.sorted().toList()) {
                Path file = dir.resolve("tearing.json");
                if (Files.isRegularFile(file)) {
                    for (JsonNode r : new ObjectMapper().readTree(file.toFile())) {
                        cert.addTearing(r.get("flow").asText(), r.get("tearPoints").asInt(), r.get("violations").asInt(),
                                "evidence/" + dir.getFileName() + "/tearing-log.txt");
                    }
                }
            }
        } catch (IOException e) {
            throw new HarnessError("cannot read the tearing results under " + evidence + ": " + e.getMessage());
        }
    }

    private static String harnessVersion() {
        Properties p = new Properties();
        try (InputStream in = CertificationReport.class.getResourceAsStream("/harness.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // The version is then reported as unknown.
        }
        return p.getProperty("harness.version", "unknown");
    }

    static String gitCommit(Path root) {
        return org.dualoffline.harness.HarnessIdentity.gitCommit(root);
    }

    private static String sha256Of(Path file) {
        try {
            return EvidenceBundle.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
