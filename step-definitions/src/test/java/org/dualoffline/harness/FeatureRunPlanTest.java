package org.dualoffline.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.UniqueId;

/**
 * The plan of a feature run is what Cucumber itself would run: its tag filter, its order, each
 * Scenario Outline one unit with the rows the tags select; and a run cut down to some units runs
 * those and no other.
 */
class FeatureRunPlanTest {
    @TempDir
    Path dir;
    private Path features;

    @BeforeEach
    void twoFeatureFiles() throws IOException {
        features = Files.createDirectories(dir.resolve("features"));
        Files.createDirectories(features.resolve("b-area"));
        Files.createDirectories(features.resolve("a-area"));
        Files.writeString(features.resolve("b-area/later.feature"), """
                Feature: the later feature

                  Scenario: alone
                    Given nothing in particular

                  @X
                  Scenario Outline: row <n>
                    Given the number <n>

                    Examples: plain
                      | n |
                      | 1 |
                      | 2 |

                    @Y
                    Examples: tagged
                      | n |
                      | 3 |

                  Rule: a rule

                    @Y
                    Scenario: under the rule
                      Given nothing in particular
                """);
        Files.writeString(features.resolve("a-area/first.feature"), """
                @Z
                Feature: the first feature

                  Scenario: first of all
                    Given nothing in particular
                """);
    }

    @Test
    void everyScenarioIsPlannedInCucumbersOrderWithEachOutlineOneUnit() {
        ScenarioPlan plan = new FeatureRun(features, dir.resolve("out")).plan();

        assertThat(plan.units()).containsExactly(
                new ScenarioPlan.Unit("a-area-first-L4", "a-area/first.feature", 4, List.of("a-area-first-L4")),
                new ScenarioPlan.Unit("b-area-later-L3", "b-area/later.feature", 3, List.of("b-area-later-L3")),
                new ScenarioPlan.Unit("b-area-later-L7", "b-area/later.feature", 7, List.of("b-area-later-L12", "b-area-later-L13", "b-area-later-L18")),
                new ScenarioPlan.Unit("b-area-later-L23", "b-area/later.feature", 23, List.of("b-area-later-L23")));
        assertThat(plan.scenarioCount()).isEqualTo(6);
        assertThat(plan.units().stream().map(ScenarioPlan.Unit::outline)).containsExactly(false, false, true, false);
        assertThat(dir.resolve("out")).as("a plan writes no report").doesNotExist();
    }

    @Test
    void theTagsSelectAsCucumberDoesAnOutlineKeepingOnlyItsSelectedRows() {
        assertThat(new FeatureRun(features, dir.resolve("out"), "@Y", 1).plan().units()).containsExactly(
                new ScenarioPlan.Unit("b-area-later-L7", "b-area/later.feature", 7, List.of("b-area-later-L18")),
                new ScenarioPlan.Unit("b-area-later-L23", "b-area/later.feature", 23, List.of("b-area-later-L23")));
        assertThat(new FeatureRun(features, dir.resolve("out"), "@X and not @Y", 1).plan().units()).containsExactly(
                new ScenarioPlan.Unit("b-area-later-L7", "b-area/later.feature", 7, List.of("b-area-later-L12", "b-area-later-L13")));
        assertThat(new FeatureRun(features, dir.resolve("out"), "@Z or @NONE", 1).plan().units()).extracting(ScenarioPlan.Unit::key)
                .containsExactly("a-area-first-L4");
        assertThat(new FeatureRun(features, dir.resolve("out"), "@NONE", 1).plan().isEmpty()).isTrue();
    }

    @Test
    void theRepositorysFeaturesArePlannedWithTheKeysTheirEvidenceIsFiledUnder() {
        ScenarioPlan plan = new FeatureRun(Path.of("../features"), dir.resolve("out")).plan();

        List<String> keys = plan.units().stream().flatMap(u -> u.scenarios().stream()).toList();
        assertThat(keys).doesNotHaveDuplicates().contains("interop-paying-by-touch-L9", "robustness-refusal-table-L22");
        assertThat(plan.units()).extracting(ScenarioPlan.Unit::feature).first().isEqualTo("atomicity/power-fails-mid-flow.feature");
        ScenarioPlan.Unit pairs = plan.units().stream().filter(u -> u.feature().equals("interop/form-factor-matrix.feature") && u.outline())
                .findFirst().orElseThrow();
        assertThat(pairs.scenarios()).as("the outline of every pair of form factors: one unit, a scenario per row, each below the outline")
                .hasSizeGreaterThan(20).allSatisfy(k -> assertThat(Integer.parseInt(k.substring(k.lastIndexOf("-L") + 2))).isGreaterThan(pairs.line()));
    }

    @Test
    void aRunCutDownToSomeUnitsRunsTheirScenariosAndNoOther() throws IOException {
        Path out = dir.resolve("out");
        FeatureRun run = new FeatureRun(features, out).only(List.of("b-area-later-L7", "b-area-later-L23"));

        run.execute();

        List<String> ran = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.scenarioResults().toFile()).findValuesAsText("key");
        assertThat(ran).containsExactly("b-area-later-L12", "b-area-later-L13", "b-area-later-L18", "b-area-later-L23");
        assertThat(out.resolve(FeatureRun.JUNIT_REPORT)).content().contains("tests=\"4\"");
    }

    @Test
    void aRunOfNoUnitRunsNothingAndWritesEmptyScenarioResults() throws IOException {
        FeatureRun run = new FeatureRun(features, dir.resolve("out")).only(List.of());

        run.execute();

        assertThat(Files.readString(run.scenarioResults())).isEqualToIgnoringWhitespace("{\"scenarios\": []}");
        assertThat(dir.resolve("out").resolve(FeatureRun.JUNIT_REPORT)).doesNotExist();
    }

    @Test
    void onlyATestIdBelowAScenarioHasAUnit() {
        UniqueId feature = UniqueId.forEngine("cucumber").append("feature", "file:///lab/features/sync/settlement.feature");
        UniqueId outline = feature.append("rule", "8").append("scenario", "17");

        assertThat(FeatureRun.unitKey(feature)).isEmpty();
        assertThat(FeatureRun.unitKey(feature.append("rule", "8"))).isEmpty();
        assertThat(FeatureRun.unitKey(outline)).contains("sync-settlement-L17");
        assertThat(FeatureRun.unitKey(outline.append("examples", "20").append("example", "22"))).contains("sync-settlement-L17");
    }
}
