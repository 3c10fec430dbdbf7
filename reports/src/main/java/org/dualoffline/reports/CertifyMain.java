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
import org.dualoffline.harness.HarnessRun;
import org.dualoffline.harness.Profile;
import org.dualoffline.harness.RunSettings;

/**
 * {@code ./certify}: runs every feature against the device a profile names and writes the
 * certification into {@code reports/latest/}. Exit code 0 for PASS, 1 for FAIL, 2 when the
 * harness itself could not run (the message says why).
 */
public final class CertifyMain {
    static final int PASS = 0;
    static final int FAIL = 1;
    static final int HARNESS_ERROR = 2;

    private static final String USAGE = """
            usage: ./certify [--profile FILE] [--backend embedded|container|external] [--seed N] [--out DIR] [--tags EXPR]
                             [--threads N] [--no-allure]
                   ./certify qualify [--seed N] [--out DIR]
              --profile FILE   device profile (default: the reference wallet, step-definitions/src/main/resources/profiles/reference.properties)
              --backend MODE   override the profile's backend mode
              --seed N         seed for every SE's randomness and the backend's issuer key (default %d)
              --out DIR        where the reports go (default reports/latest)
              --tags EXPR      run only the scenarios a Cucumber tag expression selects, e.g. "@ATOM-01 or @LIMIT-01";
                               requirements without a selected scenario are reported NOT TESTED
              --threads N      run scenarios on N threads (1..16, default 1). Each scenario has its own devices, so
                               verdicts do not change, but scenarios share the backend: wallet ids, blocklist
                               deltas in acknowledgements and so the evidence differ from run to run; keep 1 for a
                               run to be reproduced byte for byte from its seed
              --no-allure      skip generating the Allure HTML report (the results are still written)
              qualify          harness qualification: certifies the reference wallet and every known-bad wallet in
                               profiles/faulty/, writes qualification.json; exit 0 only if the reference PASSes and each
                               known-bad wallet FAILs on the requirement it breaks
            exit code: 0 PASS, 1 FAIL, 2 the harness could not run""".formatted(RunSettings.DEFAULT_SEED);

    private CertifyMain() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(Path.of(System.getProperty("dualoffline.root", ".")), args);
        } catch (HarnessError e) {
            System.err.println("certify: " + e.getMessage());
            code = HARNESS_ERROR;
        } catch (Profile.ProfileException e) {
            System.err.println("certify: " + e.getMessage());
            code = HARNESS_ERROR;
        } catch (RuntimeException | LinkageError e) {
            System.err.println("certify: the harness failed: " + e);
            e.printStackTrace();
            code = HARNESS_ERROR;
        }
        System.exit(code);
    }

    /** Runs a certification from the repository at {@code root}; returns the exit code (a harness error is thrown). */
    static int run(Path repositoryRoot, String[] args) {
        Path root = repositoryRoot.toAbsolutePath().normalize();
        if (args.length > 0 && args[0].equals("qualify")) {
            return Qualification.run(root, parse(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        Map<String, String> opts = parse(args);
        if (opts.containsKey("help")) {
            System.out.println(USAGE);
            return PASS;
        }
        Path out = root.resolve(opts.getOrDefault("out", "reports/latest")).normalize();
        Path features = root.resolve("features");
        Path catalogueFile = root.resolve("docs/requirements.md");
        if (!Files.isDirectory(features)) {
            throw new HarnessError("no features folder at " + features);
        }
        RequirementCatalogue catalogue;
        try {
            catalogue = RequirementCatalogue.load(catalogueFile);
        } catch (IllegalStateException e) {
            throw new HarnessError(e.getMessage());
        }

        Path profileFile = opts.containsKey("profile") ? Path.of(opts.get("profile")) : null;
        if (profileFile != null && !profileFile.isAbsolute()) {
            Path fromCwd = profileFile.toAbsolutePath();
            profileFile = Files.exists(fromCwd) ? fromCwd : root.resolve(profileFile);
        }
        RunSettings settings = new RunSettings(profileFile, RunSettings.backendModeOf(opts.getOrDefault("backend", "")),
                opts.containsKey("seed") ? RunSettings.seedOf(opts.get("seed")) : RunSettings.DEFAULT_SEED, out.resolve("evidence"), root);
        int threads = threads(opts.get("threads"));
        prepare(out);
        try {
            return certify(HarnessRun.start(settings), root, out, features, catalogue, opts.get("tags"), !opts.containsKey("no-allure"), threads);
        } finally {
            HarnessRun.finish();
        }
    }

    /** Most scenario threads --threads accepts. */
    static final int MAX_THREADS = 16;

    static int threads(String value) {
        if (value == null) {
            return 1;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= MAX_THREADS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HarnessError("--threads needs a whole number from 1 to " + MAX_THREADS + ", got \"" + value + "\"");
    }

    private static int certify(HarnessRun run, Path root, Path out, Path features, RequirementCatalogue catalogue, String tags,
                               boolean allureHtml, int threads) {
        Profile profile = run.profile();
        System.err.printf("certify: profile %s - %s (%s), backend %s, seed %d%n", profile.name(), profile.deviceName(),
                profile.applet().describe(), profile.backendMode().name().toLowerCase(), run.seed());
        try {
            profile.applet().load();
        } catch (IllegalArgumentException e) {
            throw new HarnessError("the profile's applet cannot be loaded: " + e.getMessage());
        }
        String backendUrl;
        try {
            backendUrl = run.backend().baseUrl();
        } catch (RuntimeException e) {
            throw new HarnessError("the backend could not be reached or started: " + e.getMessage());
        }
        System.err.println("certify: backend ready at " + backendUrl);

        Instant started = Instant.now();
        Path results = out.resolve(FeatureRun.SCENARIO_RESULTS);
        runFeatures(features, out, results, tags, threads);
        Instant finished = Instant.now();

        List<ScenarioResult> scenarios = readResults(results);
        List<ScenarioResult> broken = scenarios.stream().filter(ScenarioResult::suiteBroken).toList();
        if (!broken.isEmpty()) {
            ScenarioResult first = broken.get(0);
            throw new HarnessError(broken.size() + " scenario(s) could not be run by the harness itself (not a verdict on the device); first: \""
                    + first.name() + "\" " + first.status() + (first.error() == null ? "" : ": " + first.error()));
        }
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("name", profile.deviceName());
        device.put("vendor", profile.deviceVendor());
        device.put("version", profile.deviceVersion());
        device.put("se", profile.seKind().name().toLowerCase());
        device.put("applet", profile.applet().describe());
        device.put("aid", org.dualoffline.protocol.Hex.of(profile.aid()));
        if (profile.applet().jar() != null) {
            device.put("appletJarSha256", sha256Of(profile.applet().jar()));
        }
        Properties harness = harnessProperties();
        Certification.RunInfo info = new Certification.RunInfo(profile.name(), device, profile.backendMode().name().toLowerCase(),
                profile.backendMode() == Profile.BackendMode.EMBEDDED ? null : backendUrl, harness.getProperty("harness.version"),
                gitCommit(root), run.seed(), started, finished);
        Certification cert = new Certification(info, scenarios, catalogue);
        addTearing(cert, out.resolve("evidence"));
        addFlows(cert, out.resolve("evidence"));
        cert.addArtifact("Cucumber report", FeatureRun.CUCUMBER_REPORT);
        cert.addArtifact("JUnit XML", FeatureRun.JUNIT_REPORT);
        String allure = allureHtml ? AllureCli.generate(root, out.resolve(FeatureRun.ALLURE_RESULTS), out.resolve("allure-report"))
                : "skipped (--no-allure)";
        if (allure == null) {
            cert.addArtifact("Allure report", "allure-report/index.html");
        } else {
            System.err.println("certify: warning: the Allure HTML report was not generated: " + allure);
        }
        cert.addArtifact("Scenario results (JSON)", FeatureRun.SCENARIO_RESULTS);
        cert.setEvidenceSha256(EvidenceBundle.seal(out.resolve("evidence"), List.of(results)));
        write(out, cert);

        System.err.printf("certify: %s - %d scenarios, %d failed; %d requirements%n", cert.verdict(), scenarios.size(),
                scenarios.stream().filter(ScenarioResult::failed).count(), cert.requirements().size());
        for (Certification.RequirementVerdict rv : cert.requirements()) {
            System.err.printf("  %-11s %-10s %s%n", rv.verdict().name().replace('_', ' '), rv.requirement().id(), rv.requirement().statement());
        }
        System.err.println("certify: report at " + out.resolve("certification.html"));
        return cert.verdict() == Certification.Verdict.PASS ? PASS : FAIL;
    }

    private static void runFeatures(Path features, Path out, Path results, String tags, int threads) {
        new FeatureRun(features, out, tags, threads).execute();
        if (!Files.isRegularFile(results)) {
            throw new HarnessError("the features ran but produced no results (" + results + ")");
        }
    }

    private static List<ScenarioResult> readResults(Path results) {
        try {
            JsonNode root = new ObjectMapper().readTree(results.toFile());
            List<ScenarioResult> list = new ArrayList<>();
            for (JsonNode s : root.get("scenarios")) {
                List<String> tags = new ArrayList<>();
                s.get("tags").forEach(t -> tags.add(t.asText()));
                list.add(new ScenarioResult(s.get("key").asText(), s.get("name").asText(), s.get("uri").asText(), s.get("line").asInt(),
                        tags, s.get("status").asText(), s.get("durationMillis").asLong(), s.hasNonNull("error") ? s.get("error").asText() : null,
                        s.path("harnessError").asBoolean(false), s.hasNonNull("notApplicable") ? s.get("notApplicable").asText() : null));
            }
            return list;
        } catch (IOException e) {
            throw new HarnessError("cannot read scenario results " + results + ": " + e.getMessage());
        }
    }

    /** Finds the touch pictures each scenario filed in its evidence folder. */
    private static void addFlows(Certification cert, Path evidence) {
        for (ScenarioResult s : cert.scenarios()) {
            Path dir = evidence.resolve(s.key());
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    cert.addFlows(s.key(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("flow-") && n.endsWith(".svg"))
                            .sorted().toList());
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

    private static void write(Path out, Certification cert) {
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("certification.json").toFile(), cert.toJson());
            Files.writeString(out.resolve("certification.html"), HtmlReport.render(cert), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HarnessError("cannot write the certification to " + out + ": " + e.getMessage());
        }
    }

    private static void prepare(Path out) {
        try {
            if (Files.exists(out)) {
                try (var s = Files.walk(out)) {
                    for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new HarnessError("cannot prepare the report folder " + out + ": " + e.getMessage());
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> m.put("help", "");
                case "--no-allure" -> m.put("no-allure", "");
                case "--profile", "--backend", "--seed", "--out", "--tags", "--threads" -> {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new HarnessError(a + " needs a value\n" + USAGE);
                    }
                    m.put(a.substring(2), args[++i]);
                }
                default -> throw new HarnessError("unknown argument \"" + a + "\"\n" + USAGE);
            }
        }
        return m;
    }

    private static Properties harnessProperties() {
        Properties p = new Properties();
        try (InputStream in = CertifyMain.class.getResourceAsStream("/harness.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // The version is then reported as unknown.
        }
        p.putIfAbsent("harness.version", "unknown");
        return p;
    }

    static String gitCommit(Path root) {
        try {
            Process p = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
            String head = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "unknown (not a git checkout)";
            }
            Process d = new ProcessBuilder("git", "-C", root.toString(), "status", "--porcelain", "--untracked-files=no").redirectErrorStream(true).start();
            String dirty = new String(d.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            d.waitFor(10, TimeUnit.SECONDS);
            return dirty.isEmpty() ? head : head + "+modified";
        } catch (IOException e) {
            return "unknown (git not available)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String sha256Of(Path file) {
        try {
            return EvidenceBundle.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** The harness cannot run: bad arguments, unusable profile, unreachable backend. Exit code 2. */
    static final class HarnessError extends RuntimeException {
        HarnessError(String message) {
            super(message);
        }
    }
}
