package org.dualoffline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dualoffline.backend.BackendConfig;
import org.dualoffline.backend.DatabaseSettings;
import org.dualoffline.backend.ReconciliationBackend;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.harness.Profile;
import org.junit.jupiter.api.Test;

/** Runs ./certify's main path for real: every feature against the reference wallet on the embedded backend. */
class CertifyEndToEndTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReferenceWalletIsCertifiedPassWithEvidenceAndReports() throws Exception {
        Path out = Path.of("target/e2e/reference").toAbsolutePath();

        int code = CertifyMain.run(ROOT, new String[] {"--out", out.toString()});

        JsonNode cert = new ObjectMapper().readTree(out.resolve("certification.json").toFile());
        assertThat(cert.get("verdict").asText()).as(cert.toPrettyString()).isEqualTo("PASS");
        assertThat(code).isZero();
        assertThat(cert.get("profile").asText()).isEqualTo("reference");
        assertThat(cert.get("backend").get("mode").asText()).isEqualTo("embedded");
        assertThat(cert.get("scenarios").get("failed").asInt()).isZero();
        assertThat(cert.get("scenarios").get("total").asInt()).isGreaterThanOrEqualTo(10);
        for (JsonNode r : cert.get("requirements")) {
            assertThat(r.get("verdict").asText()).as(r.get("id").asText()).isEqualTo("PASS");
        }
        for (String flow : new String[] {"pay", "receive", "load", "sync-ack", "unload"}) {
            assertThat(cert.get("tearing").get(flow).get("tearPoints").asInt()).as(flow + " tear points").isGreaterThan(5);
            assertThat(cert.get("tearing").get(flow).get("violations").asInt()).as(flow + " violations").isZero();
        }
        assertThat(cert.get("evidence").get("sha256").asText()).hasSize(64);
        assertThat(out.resolve("certification.html")).exists();
        assertThat(out.resolve("junit/cucumber-junit.xml")).exists();
        assertThat(out.resolve("cucumber/cucumber-report.html")).exists();
        assertThat(out.resolve("allure-report/index.html")).exists();
        Path cardPaysPos = out.resolve("evidence/interop-paying-by-touch-L9");
        assertThat(Files.readString(cardPaysPos.resolve("apdu-trace.txt"))).contains("nfc      PAY").contains("internal RECEIVE").contains("9000 OK");
        assertThat(Files.readString(cardPaysPos.resolve("http-trace.txt"))).contains("POST").contains("/v1/wallets").contains("201");
        assertThat(Files.readString(out.resolve("evidence/MANIFEST.sha256"))).contains("interop-paying-by-touch-L9/apdu-trace.txt");
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
                .isInstanceOf(CertifyMain.HarnessError.class).hasMessageContaining("cannot be reached");
    }

    @Test
    void theNonAtomicWalletFailsOnAtomicityAndTheReportSaysWhere() throws Exception {
        Path out = Path.of("target/e2e/non-atomic").toAbsolutePath();

        int code = CertifyMain.run(ROOT, new String[] {"--profile", "profiles/faulty/non-atomic-debit.properties", "--out", out.toString(),
                "--tags", "@ATOM-01 or @INTEROP-01"});

        JsonNode cert = new ObjectMapper().readTree(out.resolve("certification.json").toFile());
        assertThat(code).as(cert.toPrettyString()).isEqualTo(1);
        assertThat(cert.get("verdict").asText()).isEqualTo("FAIL");
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
        assertThat(cert.get("scenarios").get("skipped").asInt()).isEqualTo(2);
    }

    @Test
    void anUnknownProfileFileStopsTheHarnessWithTheReason() {
        assertThatThrownBy(() -> CertifyMain.run(ROOT, new String[] {"--profile", "profiles/no-such.properties", "--out", Path.of("target/e2e/bad").toAbsolutePath().toString()}))
                .isInstanceOf(Profile.ProfileException.class).hasMessageContaining("profile file not found");
    }

    @Test
    void aProfileWithATypoIsRefusedNamingTheKey() throws Exception {
        Path bad = Files.createDirectories(Path.of("target/e2e")).resolve("typo.properties");
        Files.writeString(bad, "profile.name=x\napplet.class=org.dualoffline.applet.WalletApplet\napplet.aid=f04455414c4f464601\nbackend.mod=embedded\n");
        assertThatThrownBy(() -> CertifyMain.run(ROOT, new String[] {"--profile", bad.toString(), "--out", Path.of("target/e2e/bad").toAbsolutePath().toString()}))
                .hasMessageContaining("unknown keys [backend.mod]");
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
    void aThreadCountOutsideOneToSixteenIsRefused() {
        assertThat(CertifyMain.threads(null)).isEqualTo(1);
        assertThat(CertifyMain.threads(" 4 ")).isEqualTo(4);
        for (String bad : new String[] {"0", "17", "two", "-1", ""}) {
            assertThatThrownBy(() -> CertifyMain.threads(bad)).as(bad).isInstanceOf(CertifyMain.HarnessError.class)
                    .hasMessageContaining("--threads needs a whole number from 1 to 16");
        }
    }
}
