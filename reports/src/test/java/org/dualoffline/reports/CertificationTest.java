package org.dualoffline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificationTest {
    private static final RequirementCatalogue CATALOGUE = RequirementCatalogue.parse(List.of(
            "| ID | Area | Requirement | Rationale | Source |",
            "|---|---|---|---|---|",
            "| LIMIT-01 | LIMIT | over the limit is refused | exposure | spec |",
            "| SYNC-01 | SYNC | payee settled | finality | spec |",
            "| SYNC-02 | SYNC | settled once | idempotence | Mondex |"), "test");
    private static final Certification.RunInfo RUN = new Certification.RunInfo("reference", Map.of("name", "wallet"), "embedded", null,
            "0.1.0", "abc", 7, Instant.EPOCH, Instant.EPOCH);

    private static ScenarioResult scenario(String name, String status, String... tags) {
        return new ScenarioResult(name.replace(' ', '-'), name, "file:///x/features/a.feature", 3, List.of(tags), status, 5, null);
    }

    @Test
    void allScenariosPassingGivePassAndUntestedRequirementsAreNotTested() {
        Certification c = new Certification(RUN, List.of(scenario("a", "PASSED", "@LIMIT-01"), scenario("b", "PASSED", "@SYNC-01")), CATALOGUE);

        assertThat(c.verdict()).isEqualTo(Certification.Verdict.PASS);
        assertThat(c.requirements()).extracting(r -> r.verdict().name()).containsExactly("PASS", "PASS", "NOT_TESTED");
        assertThat(c.toJson().keySet()).containsExactly("profile", "device", "backend", "harnessVersion", "harnessCommit", "seed",
                "startedAt", "finishedAt", "verdict", "scenarios", "requirements", "tearing", "evidence", "reports");
        assertThat(c.toJson()).containsEntry("verdict", "PASS").containsEntry("scenarios", Map.of("total", 2, "passed", 2L, "failed", 0L, "skipped", 0L));
    }

    @Test
    void oneFailingScenarioFailsItsRequirementAndTheRun() {
        Certification c = new Certification(RUN, List.of(scenario("a", "PASSED", "@SYNC-02"), scenario("b", "FAILED", "@SYNC-02")), CATALOGUE);

        assertThat(c.verdict()).isEqualTo(Certification.Verdict.FAIL);
        assertThat(c.requirements()).extracting(r -> r.verdict().name()).containsExactly("NOT_TESTED", "NOT_TESTED", "FAIL");
    }

    @Test
    void undefinedStepsCountAsFailuresNotAsSkips() {
        Certification c = new Certification(RUN, List.of(scenario("a", "UNDEFINED", "@LIMIT-01")), CATALOGUE);
        assertThat(c.verdict()).isEqualTo(Certification.Verdict.FAIL);
    }

    @Test
    void aTagNamingAnUnknownRequirementFailsTheRun() {
        Certification c = new Certification(RUN, List.of(scenario("a", "PASSED", "@LIMIT-01", "@NOPE-99")), CATALOGUE);
        assertThat(c.verdict()).isEqualTo(Certification.Verdict.FAIL);
        assertThat(c.unknownRequirementTags()).containsExactly("NOPE-99");
    }

    @Test
    void aRequirementWhoseScenariosNeedWhatTheDeviceLacksIsNotApplicableAndTheRunStillPasses() {
        ScenarioResult noPin = new ScenarioResult("k", "PIN above threshold", "file:///features/a.feature", 1, List.of("@LIMIT-01"),
                "SKIPPED", 1, "NOT APPLICABLE: the device has no PIN entry (capabilities.pin=false in the profile)", false,
                "the device has no PIN entry (capabilities.pin=false in the profile)");
        Certification c = new Certification(RUN, List.of(noPin, scenario("b", "PASSED", "@SYNC-01")), RequirementCatalogue.parse(List.of(
                "| LIMIT-01 | LIMIT | x | y | z |", "| SYNC-01 | SYNC | x | y | z |"), "t"));
        assertThat(c.requirements()).extracting(r -> r.verdict().name()).containsExactly("NOT_APPLICABLE", "PASS");
        assertThat(c.verdict()).isEqualTo(Certification.Verdict.PASS);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> requirements = (List<Map<String, Object>>) c.toJson().get("requirements");
        assertThat(requirements.get(0)).containsEntry("id", "LIMIT-01").containsEntry("verdict", "NOT APPLICABLE");
    }

    @Test
    void aScenarioSkippedForAnotherReasonLeavesItsRequirementNotTested() {
        ScenarioResult skipped = new ScenarioResult("k", "x", "file:///features/a.feature", 1, List.of("@LIMIT-01"), "SKIPPED", 1, "something else");
        Certification c = new Certification(RUN, List.of(skipped, scenario("b", "PASSED", "@SYNC-01")), CATALOGUE);
        assertThat(c.requirements().get(0).verdict()).isEqualTo(Certification.Verdict.NOT_TESTED);
    }

    @Test
    void aSkipWhoseMessageOnlyReadsLikeNotApplicableLeavesItsRequirementNotTested() {
        // Only the harness's typed outcome makes a requirement NOT APPLICABLE; a message with the same words does not.
        ScenarioResult lookalike = new ScenarioResult("k", "x", "file:///features/a.feature", 1, List.of("@LIMIT-01"), "SKIPPED", 1,
                "NOT APPLICABLE: says who?");
        Certification c = new Certification(RUN, List.of(lookalike, scenario("b", "PASSED", "@SYNC-01")), CATALOGUE);
        assertThat(c.requirements().get(0).verdict()).isEqualTo(Certification.Verdict.NOT_TESTED);
    }

    @Test
    void aRunWithoutScenariosIsNotAPass() {
        assertThat(new Certification(RUN, List.of(), CATALOGUE).verdict()).isEqualTo(Certification.Verdict.FAIL);
    }

    @Test
    void theCatalogueRefusesDuplicatesAndShortRows() {
        assertThatThrownBy(() -> RequirementCatalogue.parse(List.of("| A-01 | x | y | z | w |", "| A-01 | x | y | z | w |"), "t"))
                .hasMessage("t: requirement A-01 is listed twice");
        assertThatThrownBy(() -> RequirementCatalogue.parse(List.of("| A-01 | x |"), "t"))
                .hasMessage("t: requirement A-01 needs 5 columns (ID, area, requirement, rationale, source)");
        assertThatThrownBy(() -> RequirementCatalogue.parse(List.of("no table"), "t")).hasMessage("t lists no requirements");
    }

    @Test
    void theEvidenceSealChangesWhenAnyEvidenceChanges(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("s1"));
        Files.writeString(dir.resolve("s1/apdu-trace.txt"), "80 40 00 00", StandardCharsets.UTF_8);
        String first = EvidenceBundle.seal(dir, List.of());
        String again = EvidenceBundle.seal(dir, List.of());
        Files.writeString(dir.resolve("s1/apdu-trace.txt"), "80 40 00 01", StandardCharsets.UTF_8);
        String changed = EvidenceBundle.seal(dir, List.of());

        assertThat(again).isEqualTo(first);
        assertThat(changed).isNotEqualTo(first);
        String manifest = EvidenceBundle.sha256("80 40 00 01".getBytes(StandardCharsets.UTF_8)) + "  s1/apdu-trace.txt\n";
        assertThat(Files.readString(dir.resolve(EvidenceBundle.MANIFEST))).isEqualTo(manifest);
        assertThat(changed).isEqualTo(EvidenceBundle.sha256(manifest.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theHtmlReportEscapesWhatItShows() {
        Certification c = new Certification(RUN, List.of(new ScenarioResult("k", "<script>", "file:///features/a.feature", 1,
                List.of("@LIMIT-01"), "FAILED", 1, "expected <1>")), CATALOGUE);
        String html = HtmlReport.render(c);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;").contains("Verdict: <b>FAIL</b>");
    }
}
