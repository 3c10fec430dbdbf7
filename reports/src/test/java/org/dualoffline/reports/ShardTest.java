package org.dualoffline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.dualoffline.harness.FeatureRun;
import org.dualoffline.harness.ScenarioPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The split of ./certify --shard I/N: the same plan always splits the same way, every unit goes to
 * exactly one shard and whole (a Scenario Outline with all its rows), the shards are balanced by
 * their scenarios, and the split is of what --tags selects.
 */
class ShardTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static ScenarioPlan every;
    private static ScenarioPlan tagged;

    @BeforeAll
    static void planTheRepositorysFeatures() {
        every = new FeatureRun(ROOT.resolve("features"), ROOT.resolve("reports/target/plan")).plan();
        tagged = new FeatureRun(ROOT.resolve("features"), ROOT.resolve("reports/target/plan"), "@ROBUST-02 or @ATOM-01 or @SYNC-01", 1).plan();
    }

    /** A plan of units holding these numbers of scenarios, an outline wherever more than one. */
    private static ScenarioPlan planOf(int... sizes) {
        List<ScenarioPlan.Unit> units = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            int line = 10 * (i + 1);
            List<String> scenarios = sizes[i] == 1 ? List.of("f-L" + line) : IntStream.range(0, sizes[i]).mapToObj(r -> "f-L" + (line + 2 + r)).toList();
            units.add(new ScenarioPlan.Unit("f-L" + line, "f.feature", line, scenarios));
        }
        return new ScenarioPlan(units);
    }

    @Test
    void unitsAreDealtLargestFirstToTheShardWithFewestScenariosTheLowerOnATie() {
        ScenarioPlan plan = planOf(1, 5, 2, 2, 1, 3);

        // 5 -> 1 (5|0), 3 -> 2 (5|3), 2 -> 2 (5|5), 2 -> 1 (7|5), 1 -> 2 (7|6), 1 -> 2 (7|7)
        assertThat(Shard.assign(plan, 2)).containsExactly(2, 1, 2, 1, 2, 2);
        assertThat(new Shard(1, 2).units(plan)).extracting(ScenarioPlan.Unit::key).containsExactly("f-L20", "f-L40");
        assertThat(new Shard(2, 2).units(plan)).extracting(ScenarioPlan.Unit::key).containsExactly("f-L10", "f-L30", "f-L50", "f-L60");
        assertThat(Shard.assign(plan, 1)).containsOnly(1);
    }

    @Test
    void theSamePlanAlwaysSplitsTheSameWayWhoeverMakesIt() {
        ScenarioPlan again = new FeatureRun(ROOT.resolve("features"), ROOT.resolve("reports/target/plan-again")).plan();

        assertThat(again).isEqualTo(every);
        for (int n = 1; n <= 8; n++) {
            assertThat(Shard.assign(again, n)).as("%d shards", n).containsExactly(Shard.assign(every, n));
        }
    }

    @Test
    void everyUnitGoesWholeToExactlyOneShard() {
        for (ScenarioPlan plan : List.of(every, tagged, planOf(3, 1, 1, 7, 2))) {
            for (int n = 1; n <= 9; n++) {
                List<ScenarioPlan.Unit> dealt = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    dealt.addAll(new Shard(i, n).units(plan));
                }
                assertThat(dealt).as("the units of %d shards", n).hasSameSizeAs(plan.units()).containsExactlyInAnyOrderElementsOf(plan.units());
                List<String> scenarios = dealt.stream().flatMap(u -> u.scenarios().stream()).toList();
                assertThat(scenarios).as("the scenarios of %d shards", n).doesNotHaveDuplicates().hasSize(plan.scenarioCount());
            }
        }
    }

    @Test
    void anOutlinesRowsStayTogetherInOneShard() {
        ScenarioPlan.Unit matrix = every.units().stream().filter(u -> u.feature().equals("interop/form-factor-matrix.feature") && u.outline())
                .findFirst().orElseThrow();
        long rows = matrix.scenarios().size();
        assertThat(rows).as("the outline of every pair of form factors").isGreaterThan(20);

        for (int n = 2; n <= 8; n++) {
            for (int i = 1; i <= n; i++) {
                Set<String> mine = new HashSet<>(new Shard(i, n).units(every).stream().flatMap(u -> u.scenarios().stream()).toList());
                assertThat(matrix.scenarios().stream().filter(mine::contains).count()).as("rows of the outline in shard %d/%d", i, n)
                        .isIn(0L, rows);
            }
        }
    }

    @Test
    void noShardHasMoreScenariosThanAnotherByMoreThanTheLargestUnit() {
        for (ScenarioPlan plan : List.of(every, tagged, planOf(9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 4))) {
            int largest = plan.units().stream().mapToInt(u -> u.scenarios().size()).max().orElseThrow();
            for (int n = 2; n <= 8; n++) {
                int count = n;
                int[] loads = IntStream.rangeClosed(1, n).map(i -> new Shard(i, count).units(plan).stream().mapToInt(u -> u.scenarios().size()).sum())
                        .toArray();
                int spread = Arrays.stream(loads).max().orElseThrow() - Arrays.stream(loads).min().orElseThrow();
                assertThat(spread).as("scenarios per shard %s of %d", Arrays.toString(loads), n).isLessThanOrEqualTo(largest);
            }
        }
        // The repository's features in two (the largest unit, the refusal table's first outline, has 46 rows).
        int[] two = {new Shard(1, 2).units(every).stream().mapToInt(u -> u.scenarios().size()).sum(),
                new Shard(2, 2).units(every).stream().mapToInt(u -> u.scenarios().size()).sum()};
        assertThat(Math.abs(two[0] - two[1])).as("scenarios of shard 1/2 and 2/2: %s", Arrays.toString(two)).isLessThanOrEqualTo(1);
    }

    @Test
    void theSplitIsOfWhatTheTagsSelect() {
        List<String> selected = tagged.units().stream().flatMap(u -> u.scenarios().stream()).toList();
        assertThat(selected).as("the refusal table's rows, ATOM-01 and SYNC-01's scenario").hasSize(tagged.scenarioCount())
                .contains("atomicity-power-fails-mid-flow-L12", "sync-settlement-L13", "robustness-refusal-table-L22");
        assertThat(tagged.units()).extracting(ScenarioPlan.Unit::feature).doesNotContain("interop/paying-by-touch.feature");

        List<String> dealt = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            dealt.addAll(new Shard(i, 3).units(tagged).stream().flatMap(u -> u.scenarios().stream()).toList());
        }
        assertThat(dealt).containsExactlyInAnyOrderElementsOf(selected);
    }

    @Test
    void moreShardsThanUnitsLeaveSomeShardsEmpty() {
        ScenarioPlan three = planOf(2, 1, 1);

        assertThat(IntStream.rangeClosed(1, 5).map(i -> new Shard(i, 5).units(three).size()).toArray()).containsExactly(1, 1, 1, 0, 0);
    }

    @Test
    void aShardIsINumberSlashNWithinOneToSixtyFour() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse(" 64/64 ").label()).isEqualTo("64/64");
        assertThat(Shard.parse("1/2").fileLabel()).isEqualTo("1-of-2");
        assertThatThrownBy(() -> Shard.parse("3/2")).isInstanceOf(HarnessError.class).hasMessage("--shard I/N needs 1 <= I <= N <= 64, got 3/2");
        assertThatThrownBy(() -> Shard.parse("0/2")).hasMessage("--shard I/N needs 1 <= I <= N <= 64, got 0/2");
        assertThatThrownBy(() -> Shard.parse("1/65")).hasMessage("--shard I/N needs 1 <= I <= N <= 64, got 1/65");
        assertThatThrownBy(() -> Shard.parse("half")).hasMessage("--shard needs I/N, this shard's number and how many shards the run has (e.g. 1/2), "
                + "got \"half\"");
        assertThatThrownBy(() -> Shard.parse("99999999999/2")).hasMessageStartingWith("--shard needs I/N");
    }
}
