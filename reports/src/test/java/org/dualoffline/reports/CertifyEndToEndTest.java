package org.dualoffline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dualoffline.backend.BackendConfig;
import org.dualoffline.backend.DatabaseSettings;
import org.dualoffline.backend.ReconciliationBackend;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.harness.Profile;
import org.dualoffline.reports.rogue.HaltingApplet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs ./certify's main path for real: every feature against the reference wallet on the embedded backend. */
class CertifyEndToEndTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReferenceWalletIsCertifiedPassWithEvidenceAndReports() throws Exception {
        Path out = Path.of("target/e2e/reference").toAbsolutePath();
        Path result = Files.createDirectories(Path.of("target/e2e")).resolve("reference.result");

        int code = CertifyMain.exitCode(ROOT, new String[] {"--out", out.toString()}, result);

        JsonNode cert = new ObjectMapper().readTree(out.resolve("certification.json").toFile());
        assertThat(code).as(cert.toPrettyString()).isZero();
        assertThat(result).as("the result the launcher reads").hasContent("certify PASS " + out.resolve("certification.json"));
        assertThat(cert.get("profile").asText()).isEqualTo("reference");
        assertThat(cert.get("backend").get("mode").asText()).isEqualTo("embedded");
        int total = cert.get("scenarios").get("total").asInt();
        assertThat(cert.get("scenarios").get("passed").asInt()).as("every scenario passes, none is skipped").isEqualTo(total);
        for (JsonNode r : cert.get("requirements")) {
            assertThat(r.get("verdict").asText()).as(r.get("id").asText()).isEqualTo("PASS");
        }
        Map<String, List<Integer>> tearing = new LinkedHashMap<>();
        cert.get("tearing").fields().forEachRemaining(f -> tearing.put(f.getKey(),
                List.of(f.getValue().get("tearPoints").asInt(), f.getValue().get("violations").asInt())));
        assertThat(tearing).as("tear points and violations per flow").isEqualTo(Map.of("pay", List.of(16, 0), "receive", List.of(21, 0),
                "load", List.of(14, 0), "sync-ack", List.of(18, 0), "unload", List.of(14, 0), "personalize", List.of(10, 0),
                // DISP-02: the visual card's payment, its display's redraw (SELECT, GET STATUS, READ RECORD) included
                "visual card pays", List.of(21, 0), "receive from a visual card", List.of(21, 0)));
        Path evidence = out.resolve("evidence");
        assertThat(cert.get("evidence").get("sha256").asText()).isEqualTo(EvidenceBundle.sha256(Files.readAllBytes(evidence.resolve("MANIFEST.sha256"))));
        assertThat(out.resolve("certification.html")).exists();
        assertThat(out.resolve("junit/cucumber-junit.xml")).exists();
        assertThat(out.resolve("cucumber/cucumber-report.html")).exists();
        assertThat(allureResults(out)).as("Allure results, one per scenario").isEqualTo(total);
        assertThat(out.resolve("allure-report/index.html")).exists();
        Path cardPaysPos = evidence.resolve("interop-paying-by-touch-L9");
        assertThat(Files.readString(cardPaysPos.resolve("apdu-trace.txt"))).contains("nfc      PAY").contains("internal RECEIVE");
        assertThat(exchanges(cardPaysPos.resolve("http-trace.txt"))).containsExactly("GET /v1/issuer 200", "POST /v1/wallets 201",
                "POST /v1/wallets/{id}/deposits 201", "POST /v1/wallets/{id}/load-tokens 201", "GET /v1/issuer 200", "POST /v1/wallets 201");
        assertThat(Files.readAllLines(evidence.resolve("MANIFEST.sha256"))).contains(
                EvidenceBundle.sha256(Files.readAllBytes(cardPaysPos.resolve("apdu-trace.txt"))) + "  interop-paying-by-touch-L9/apdu-trace.txt");
    }

    /** The HTTP exchanges of an http-trace.txt as "METHOD /path status", wallet ids as {id}. */
    private static List<String> exchanges(Path httpTrace) throws IOException {
        List<String> exchanges = new ArrayList<>();
        String request = null;
        for (String line : Files.readAllLines(httpTrace)) {
            Matcher call = Pattern.compile("^\\s+\\d+ (GET|POST|PUT|DELETE) https?://[^/]+(\\S+)").matcher(line);
            Matcher answer = Pattern.compile("^\\s+< (\\d{3})\\b").matcher(line);
            if (call.find()) {
                request = call.group(1) + " " + call.group(2).replaceAll("/[0-9a-f]{16}(/|$)", "/{id}$1");
            } else if (answer.find() && request != null) {
                exchanges.add(request + " " + answer.group(1));
                request = null;
            }
        }
        return exchanges;
    }

    @Test
    void aProfileNamingABackendAtAUrlSyncsThereWithoutCodeChanges() throws Exception {
        try (ReconciliationBackend vendor = ReconciliationBackend.create(BackendConfig.of(
                DatabaseSettings.jdbc("jdbc:h2:mem:vendor-e2e;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", ""),
                "vendor-secret", IssuerKeySource.seeded(99))).start()) {
            Path profile = Files.createDirectories(Path.of("target/e2e")).resolve("external.properties");
            Files.writeString(profile, String.join("\n", "profile.name=external-e2e", "applet.class=org.dualoffline.applet.WalletApplet",
                    "applet.aid=f04455414c4f464601", "backend.mode=external", "backend.url=" + vendor.baseUrl(),
                    "backend.operatorToken=vendor-secret", ""));
            Path out = Path.of("target/e2e/external").toAbsolutePath();

            int code = CertifyMain.run(ROOT, new String[] {"--profile", profile.toString(), "--out", out.toString(), "--no-allure",
                    "--tags", "@SYNC-01 or @SYNC-02 or @INTEROP-01"});

            JsonNode cert = new ObjectMapper().readTree(out.resolve("certification.json").toFile());
            assertThat(code).as(cert.toPrettyString()).isZero();
            assertThat(cert.get("backend").get("mode").asText()).isEqualTo("external");
            assertThat(cert.get("backend").get("url").asText()).isEqualTo(vendor.baseUrl());
            assertThat(Files.readString(out.resolve("evidence/sync-settlement-L13/http-trace.txt"))).contains(vendor.baseUrl());
        }
    }

    @Test
    void anUnreachableBackendStopsTheHarnessInsteadOfFailingTheDevice() throws Exception {
        Path profile = Files.createDirectories(Path.of("target/e2e")).resolve("unreachable.properties");
        Files.writeString(profile, String.join("\n", "profile.name=unreachable", "applet.class=org.dualoffline.applet.WalletApplet",
                "applet.aid=f04455414c4f464601", "backend.mode=external", "backend.url=http://127.0.0.1:9", ""));
        assertThatThrownBy(() -> CertifyMain.run(ROOT, new String[] {"--profile", profile.toString(), "--out", Path.of("target/e2e/unreachable").toAbsolutePath().toString()}))
                .isInstanceOf(HarnessError.class)
                .hasMessageStartingWith("the backend could not be reached or started: the backend at http://127.0.0.1:9 cannot be reached: ");
    }

    @Test
    void aVendorJarThatHaltsTheJvmIsRefusedWithExitTwoBeforeAnyScenarioRuns() throws Exception {
        Path jar = jarOf(HaltingApplet.class, Files.createDirectories(Path.of("target/e2e")).resolve("halting.jar"));
        Path profile = Files.writeString(Path.of("target/e2e/halting.properties"), String.join("\n", "profile.name=halting",
                "applet.jar=" + jar.toAbsolutePath(), "applet.class=" + HaltingApplet.class.getName(), "applet.aid=f04455414c4f464601", ""));
        Path out = Path.of("target/e2e/halting").toAbsolutePath();
        Path result = Path.of("target/e2e/halting.result");
        String[] args = {"--profile", profile.toString(), "--out", out.toString(), "--no-allure"};
        String process = HaltingApplet.class.getName() + ".process(Ljavacard/framework/APDU;)V";
        Files.createDirectories(out);
        Files.writeString(out.resolve("certification.json"), "{\"the\": \"last report\"}");

        assertThatThrownBy(() -> CertifyMain.run(ROOT, args)).isInstanceOf(HarnessError.class).hasMessage("the profile's applet cannot be "
                + "loaded: " + HaltingApplet.class.getName() + " from halting.jar is not Java Card code, a Java Card converter would refuse it "
                + "(2 findings):\n  " + process + " calls java.lang.Runtime.getRuntime()Ljava/lang/Runtime;\n  " + process
                + " calls java.lang.Runtime.halt(I)V");
        assertThat(CertifyMain.exitCode(ROOT, args, result)).isEqualTo(2);
        assertThat(result).hasContent("certify ERROR -");
        assertThat(out.resolve("certification.json")).as("no new report: the last one stays where it was").hasContent("{\"the\": \"last report\"}");
        assertThat(out.resolve("junit")).as("no scenario ran").doesNotExist();
    }

    /** A jar of {@code applet}'s compiled class alone, as its vendor would ship it. */
    private static Path jarOf(Class<?> applet, Path jar) throws IOException {
        String entry = applet.getName().replace('.', '/') + ".class";
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             var in = applet.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new java.util.jar.JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void theNonAtomicWalletFailsOnAtomicityAndTheReportSaysWhere() throws Exception {
        Path out = Path.of("target/e2e/non-atomic").toAbsolutePath();

        int code = CertifyMain.run(ROOT, new String[] {"--profile", "profiles/faulty/non-atomic-debit.properties", "--out", out.toString(),
                "--tags", "@ATOM-01 or @INTEROP-01"});

        JsonNode cert = new ObjectMapper().readTree(out.resolve("certification.json").toFile());
        assertThat(code).as(cert.toPrettyString()).isEqualTo(1);
        assertThat(verdictOf(cert, "ATOM-01")).isEqualTo("FAIL");
        assertThat(verdictOf(cert, "INTEROP-01")).as("an untorn payment still works").isEqualTo("PASS");
        assertThat(verdictOf(cert, "SYNC-01")).isEqualTo("NOT TESTED");
        assertThat(cert.get("tearing").get("pay").get("violations").asInt()).isPositive();
        assertThat(cert.get("tearing").get("receive").get("violations").asInt()).as("the payee side is the reference code").isZero();
    }

    private static String verdictOf(JsonNode cert, String id) {
        for (JsonNode r : cert.get("requirements")) {
            if (r.get("id").asText().equals(id)) {
                return r.get("verdict").asText();
            }
        }
        throw new AssertionError("no requirement " + id);
    }

    @Test
    void aDeviceWithoutPinEntryGetsNotApplicableForThePinRequirementAndStillPasses() throws Exception {
        Path profile = Files.createDirectories(Path.of("target/e2e")).resolve("no-pin.properties");
        Files.writeString(profile, String.join("\n", "profile.name=no-pin", "applet.class=org.dualoffline.applet.WalletApplet",
                "applet.aid=f04455414c4f464601", "capabilities.pin=false", ""));
        Path out = Path.of("target/e2e/no-pin").toAbsolutePath();

        int code = CertifyMain.run(ROOT, new String[] {"--profile", profile.toString(), "--out", out.toString(), "--no-allure",
                "--tags", "@SEC-03 or @LIMIT-01"});

        JsonNode cert = new ObjectMapper().readTree(out.resolve("certification.json").toFile());
        assertThat(code).as(cert.toPrettyString()).isZero();
        assertThat(verdictOf(cert, "SEC-03")).isEqualTo("NOT APPLICABLE");
        assertThat(verdictOf(cert, "LIMIT-01")).isEqualTo("PASS");
        assertThat(cert.get("scenarios").get("skipped").asInt()).as("the eight SEC-03 scenarios, all @needs-pin").isEqualTo(8);
    }

    @Test
    void aDeviceWithoutDisplayOrBluetoothGetsNotApplicableForTheirRequirementsWithTheReason() throws Exception {
        Path profile = Files.createDirectories(Path.of("target/e2e")).resolve("no-display.properties");
        Files.writeString(profile, String.join("\n", "profile.name=no-display", "applet.class=org.dualoffline.applet.WalletApplet",
                "applet.aid=f04455414c4f464601", "capabilities.display=false", "capabilities.bluetooth=false", ""));
        Path out = Path.of("target/e2e/no-display").toAbsolutePath();

        int code = CertifyMain.run(ROOT, new String[] {"--profile", profile.toString(), "--out", out.toString(), "--no-allure",
                "--tags", "@DISP-01 or @DISP-03 or @BLE-02 or @BLE-03 or @INTEROP-06"});

        JsonNode cert = new ObjectMapper().readTree(out.resolve("certification.json").toFile());
        assertThat(code).as(cert.toPrettyString()).isZero();
        for (String id : java.util.List.of("DISP-01", "DISP-03", "BLE-02", "BLE-03")) {
            assertThat(verdictOf(cert, id)).as(id).isEqualTo("NOT APPLICABLE");
        }
        assertThat(verdictOf(cert, "INTEROP-06")).as("the app wallet's pairs with the other kinds still run").isEqualTo("PASS");
        assertThat(cert.toString()).contains("the device has no display (capabilities.display=false in the profile)")
                .contains("the device has no Bluetooth link to its holder's phone");
    }

    @Test
    void tagsThatSelectNoScenarioStopTheHarnessInsteadOfFailingTheDevice() {
        Path out = Path.of("target/e2e/no-scenario").toAbsolutePath();
        assertThatThrownBy(() -> CertifyMain.run(ROOT, new String[] {"--tags", "@NO-SUCH-01", "--out", out.toString(), "--no-allure"}))
                .isInstanceOf(HarnessError.class)
                .hasMessage("no scenario matches --tags \"@NO-SUCH-01\"; the requirement tags are the catalogue's IDs, e.g. @ATOM-01");
        assertThat(out.resolve("certification.json")).as("no report of a run that certified nothing").doesNotExist();
    }

    @Test
    void anUnknownProfileFileStopsTheHarnessWithTheReason() {
        assertThatThrownBy(() -> CertifyMain.run(ROOT, new String[] {"--profile", "profiles/no-such.properties", "--out", Path.of("target/e2e/bad").toAbsolutePath().toString()}))
                .isInstanceOf(Profile.ProfileException.class).hasMessage("profile file not found: " + ROOT.resolve("profiles/no-such.properties"));
    }

    @Test
    void aProfileWithATypoIsRefusedNamingTheKey() throws Exception {
        Path bad = Files.createDirectories(Path.of("target/e2e")).resolve("typo.properties");
        Files.writeString(bad, "profile.name=x\napplet.class=org.dualoffline.applet.WalletApplet\napplet.aid=f04455414c4f464601\nbackend.mod=embedded\n");
        assertThatThrownBy(() -> CertifyMain.run(ROOT, new String[] {"--profile", bad.toString(), "--out", Path.of("target/e2e/bad").toAbsolutePath().toString()}))
                .hasMessageContaining("unknown keys [backend.mod]");
    }

    @Test
    void aReportFolderHoldingTheRepositoryIsRefusedBeforeAnythingIsDeleted(@TempDir Path repository) throws Exception {
        Files.createDirectories(repository.resolve("features"));
        Files.createDirectories(repository.resolve("docs"));
        Files.copy(ROOT.resolve("docs/requirements.md"), repository.resolve("docs/requirements.md"));
        Path readme = Files.writeString(repository.resolve("README.md"), "a lab's own notes");

        assertThatThrownBy(() -> CertifyMain.run(repository, new String[] {"--out", ".", "--profile", "no-such.properties"}))
                .isInstanceOf(HarnessError.class).hasMessageStartingWith("--out \".\" is the repository or a folder above it");
        assertThat(readme).hasContent("a lab's own notes");
    }

    @Test
    void scenariosOnTwoThreadsShareTheBackendAndGiveTheSameVerdicts() throws Exception {
        Path out = Path.of("target/e2e/threads").toAbsolutePath();
        String tags = "@SYNC-02 or @DS-02 or @DS-03 or @FUND-03 or @INTEROP-01";

        int code = CertifyMain.run(ROOT, new String[] {"--out", out.toString(), "--tags", tags, "--threads", "2", "--no-allure"});

        JsonNode cert = new ObjectMapper().readTree(out.resolve("certification.json").toFile());
        assertThat(code).as(cert.toPrettyString()).isZero();
        for (String id : new String[] {"SYNC-02", "DS-02", "DS-03", "FUND-03", "INTEROP-01"}) {
            assertThat(verdictOf(cert, id)).as(id).isEqualTo("PASS");
        }
        assertThat(verdictOf(cert, "ATOM-01")).isEqualTo("NOT TESTED");
    }

    @Test
    void twoCertificationsInOneJvmEachFileTheirOwnAllureResults() throws Exception {
        Path first = Path.of("target/e2e/allure-first").toAbsolutePath();
        Path second = Path.of("target/e2e/allure-second").toAbsolutePath();

        for (Path out : new Path[] {first, second}) {
            CertifyMain.run(ROOT, new String[] {"--out", out.toString(), "--no-allure", "--tags", "@SYNC-01"});
        }

        for (Path out : new Path[] {first, second}) {
            JsonNode cert = new ObjectMapper().readTree(out.resolve("certification.json").toFile());
            assertThat(allureResults(out)).as(out + " Allure results").isEqualTo(cert.get("scenarios").get("total").asLong());
        }
    }

    private static long allureResults(Path out) throws IOException {
        Path results = out.resolve("allure-results");
        if (!Files.isDirectory(results)) {
            return 0;
        }
        try (var files = Files.list(results)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-result.json")).count();
        }
    }
}
