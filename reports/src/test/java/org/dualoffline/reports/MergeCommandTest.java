package org.dualoffline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.harness.FeatureRun;
import org.dualoffline.harness.ScenarioPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./certify merge on shard folders made here as a shard run leaves them (shard.json, scenario
 * results, evidence, JUnit XML): shards that make one run are merged in the plan's order; shards
 * that do not - one missing or given twice, of another split, run with another seed, commit or
 * tags, a scenario unit run twice, a shard that did not finish - are refused with the reason, and
 * the report folder is left as it was.
 */
class MergeCommandTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final String TAGS = "@SYNC-01 or @ATOM-01 or @INTEROP-01";
    /** Five units, nine scenarios: dealt to two shards as 1/2: the outline at 20 and the unit at 40; 2/2: 10, 30 and the outline at 50. */
    private static final ScenarioPlan PLAN = new ScenarioPlan(List.of(
            unit("sync-settlement-L10", "sync/settlement.feature", 10),
            unit("atomicity-power-L20", "atomicity/power.feature", 20, "atomicity-power-L23", "atomicity-power-L24", "atomicity-power-L25",
                    "atomicity-power-L26"),
            unit("sync-settlement-L30", "sync/settlement.feature", 30),
            unit("sync-settlement-L40", "sync/settlement.feature", 40),
            unit("interop-touch-L50", "interop/touch.feature", 50, "interop-touch-L53", "interop-touch-L54")));

    @TempDir
    Path dir;
    private Path out;

    @BeforeEach
    void aLastReport() throws IOException {
        out = Files.createDirectories(dir.resolve("latest"));
        Files.writeString(out.resolve("certification.json"), "{\"the\": \"last report\"}");
    }

    private static ScenarioPlan.Unit unit(String key, String feature, int line, String... rows) {
        return new ScenarioPlan.Unit(key, feature, line, rows.length == 0 ? List.of(key) : List.of(rows));
    }

    private static Certification.RunInfo run(long seed, String commit, int startMinute, int endMinute) {
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("name", "a wallet");
        device.put("applet", "org.dualoffline.applet.WalletApplet");
        return new Certification.RunInfo("reference", device, "embedded", null, "0.1.0-SNAPSHOT", commit, seed, T0.plusSeconds(60L * startMinute),
                T0.plusSeconds(60L * endMinute));
    }

    /** A finished shard's folder: its descriptor, a result, evidence and a JUnit test case for each of its scenarios. */
    private Path shard(String name, ShardDescriptor descriptor, String failing) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        List<ScenarioResult> results = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        StringBuilder junit = new StringBuilder();
        for (String key : descriptor.scenarioKeys()) {
            String area = key.substring(0, key.indexOf('-'));
            String tag = area.equals("sync") ? "@SYNC-01" : area.equals("atomicity") ? "@ATOM-01" : "@INTEROP-01";
            String status = key.equals(failing) ? "FAILED" : "PASSED";
            int line = Integer.parseInt(key.substring(key.lastIndexOf("-L") + 2));
            results.add(new ScenarioResult(key, "scenario " + key, "file:///agent/features/" + area + ".feature", line, List.of(tag), status, 5,
                    status.equals("FAILED") ? "it failed" : null));
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("key", key);
            s.put("name", "scenario " + key);
            s.put("uri", "file:///agent/features/" + area + ".feature");
            s.put("line", line);
            s.put("tags", List.of(tag));
            s.put("status", status);
            s.put("durationMillis", 5);
            if (status.equals("FAILED")) {
                s.put("error", "it failed");
            }
            json.add(s);
            Files.writeString(Files.createDirectories(folder.resolve("evidence").resolve(key)).resolve("apdu-trace.txt"), "the APDUs of " + key);
            junit.append("<testcase classname=\"f\" name=\"").append(key).append("\" time=\"0.5\"/>\n");
        }
        new ObjectMapper().writeValue(folder.resolve(FeatureRun.SCENARIO_RESULTS).toFile(), Map.of("scenarios", json));
        Files.createDirectories(folder.resolve("junit"));
        Files.writeString(folder.resolve(FeatureRun.JUNIT_REPORT), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"Cucumber\" time=\""
                + (0.5 * results.size()) + "\" tests=\"" + results.size() + "\" skipped=\"0\" failures=\"" + (failing == null ? 0 : 1)
                + "\" errors=\"0\" timestamp=\"2026-11-30T08:0" + descriptor.shard().index() + ":00Z\">\n" + junit + "</testsuite>\n");
        descriptor.write(folder, results);
        return folder;
    }

    private Path shard(String name, Shard shard, long seed, String commit, int startMinute, int endMinute) throws IOException {
        return shard(name, ShardDescriptor.of(shard, run(seed, commit, startMinute, endMinute), TAGS, PLAN), null);
    }

    private CertifyResult merge(Path... shards) {
        List<String> args = new ArrayList<>(List.of("--out", out.toString(), "--no-allure"));
        for (Path s : shards) {
            args.add(s.toString());
        }
        return MergeCommand.run(ROOT, MergeCommand.Options.parse(args.toArray(String[]::new)));
    }

    private void assertTheLastReportIsLeft() {
        assertThat(out.resolve("certification.json")).as("the last report stays where it was").hasContent("{\"the\": \"last report\"}");
    }

    @Test
    void theShardsOfOneRunMergeIntoOneCertificationInThePlansOrder() throws IOException {
        Path second = shard("s2", new Shard(2, 2), 7, "abc", 0, 9);
        Path first = shard("s1", new Shard(1, 2), 7, "abc", 1, 5);

        CertifyResult result = merge(second, first);

        assertThat(result).isEqualTo(new CertifyResult("merge", CertifyMain.PASS, out.resolve("certification.json")));
        JsonNode cert = new ObjectMapper().readTree(out.resolve("certification.json").toFile());
        assertThat(cert.get("verdict").asText()).isEqualTo("PASS");
        assertThat(cert.get("seed").asLong()).isEqualTo(7);
        assertThat(cert.get("harnessCommit").asText()).isEqualTo("abc");
        assertThat(cert.get("startedAt").asText()).as("the first shard's start").isEqualTo("2026-11-30T08:00:00Z");
        assertThat(cert.get("finishedAt").asText()).as("the last shard's end").isEqualTo("2026-11-30T08:09:00Z");
        assertThat(cert.get("scenarios").toString()).isEqualTo("{\"total\":9,\"passed\":9,\"failed\":0,\"skipped\":0}");
        assertThat(cert.get("mergedFrom").get("count").asInt()).isEqualTo(2);
        assertThat(cert.get("mergedFrom").get("shards").findValuesAsText("shard")).containsExactly("1/2", "2/2");
        assertThat(cert.get("mergedFrom").get("shards").findValuesAsText("scenarios")).containsExactly("5", "4");
        assertThat(new ObjectMapper().readTree(out.resolve(FeatureRun.SCENARIO_RESULTS).toFile()).findValuesAsText("key"))
                .as("the scenarios in the order one run would have run them").containsExactlyElementsOf(
                        PLAN.units().stream().flatMap(u -> u.scenarios().stream()).toList());
        assertThat(out.resolve("evidence/atomicity-power-L24/apdu-trace.txt")).hasContent("the APDUs of atomicity-power-L24");
        assertThat(out.resolve("evidence/interop-touch-L53/apdu-trace.txt")).hasContent("the APDUs of interop-touch-L53");
        assertThat(Files.readAllLines(out.resolve("evidence/MANIFEST.sha256"))).hasSize(9 + 3)
                .anyMatch(l -> l.endsWith("  ../shards/shard-1-of-2.json")).anyMatch(l -> l.endsWith("  ../scenario-results.json"));
        String junit = Files.readString(out.resolve(FeatureRun.JUNIT_REPORT));
        assertThat(junit).contains("tests=\"9\"", "failures=\"0\"", "time=\"4.5\"", "timestamp=\"2026-11-30T08:01:00Z\"", "name=\"interop-touch-L54\"",
                "name=\"atomicity-power-L26\"");
        assertThat(out.resolve("shards/shard-2-of-2.json")).hasSameTextualContentAs(second.resolve(ShardDescriptor.FILE));
        assertThat(out.resolve("certification.html")).content().contains("<th>Shards</th><td>2 shards merged: 1/2 on ", " (5 scenarios, "
                + "2026-11-30T08:01:00Z to 2026-11-30T08:05:00Z); 2/2 on ");
        assertThat(first.resolve("certification.json")).as("a shard's folder is left as it is").doesNotExist();
    }

    @Test
    void aFailedScenarioInOneShardFailsTheMergedCertificationOnItsRequirement() throws IOException {
        Path first = shard("s1", ShardDescriptor.of(new Shard(1, 2), run(7, "abc", 0, 5), TAGS, PLAN), "atomicity-power-L25");
        Path second = shard("s2", new Shard(2, 2), 7, "abc", 0, 5);

        CertifyResult result = merge(first, second);

        assertThat(result.exitCode()).isEqualTo(CertifyMain.FAIL);
        JsonNode cert = new ObjectMapper().readTree(out.resolve("certification.json").toFile());
        assertThat(cert.get("verdict").asText()).isEqualTo("FAIL");
        for (JsonNode r : cert.get("requirements")) {
            String expected = switch (r.get("id").asText()) {
                case "ATOM-01" -> "FAIL";
                case "SYNC-01", "INTEROP-01" -> "PASS";
                default -> "NOT TESTED";
            };
            assertThat(r.get("verdict").asText()).as(r.get("id").asText()).isEqualTo(expected);
        }
        assertThat(Files.readString(out.resolve(FeatureRun.JUNIT_REPORT))).contains("failures=\"1\"");
    }

    @Test
    void aMissingShardIsRefusedAndTheLastReportStays() throws IOException {
        Path first = shard("s1", new Shard(1, 3), 7, "abc", 0, 5);
        Path third = shard("s3", new Shard(3, 3), 7, "abc", 0, 5);

        assertThatThrownBy(() -> merge(first, third)).isInstanceOf(HarnessError.class).hasMessage("shard 2/3 is missing: merge needs every one "
                + "of the run's 3 shards, each once (given: shard 1/3 (" + first + "), shard 3/3 (" + third + "))");
        assertThatThrownBy(() -> merge(third)).hasMessageStartingWith("shards 1/3, 2/3 are missing");
        assertTheLastReportIsLeft();
    }

    @Test
    void aShardGivenTwiceIsRefused() throws IOException {
        Path first = shard("s1", new Shard(1, 2), 7, "abc", 0, 5);
        Path again = shard("s1-again", new Shard(1, 2), 7, "abc", 0, 5);
        Path second = shard("s2", new Shard(2, 2), 7, "abc", 0, 5);

        assertThatThrownBy(() -> merge(first, again, second)).isInstanceOf(HarnessError.class)
                .hasMessage("shard 1/2 is given twice: " + first + " and " + again);
        assertThatThrownBy(() -> merge(first, second, first)).hasMessage("the shard folder " + first + " is given twice");
        assertTheLastReportIsLeft();
    }

    @Test
    void shardsOfSplitsIntoDifferentNumbersAreRefused() throws IOException {
        Path first = shard("s1", new Shard(1, 2), 7, "abc", 0, 5);
        Path other = shard("t2", new Shard(2, 3), 7, "abc", 0, 5);

        assertThatThrownBy(() -> merge(first, other)).isInstanceOf(HarnessError.class).hasMessage("shard 1/2 (" + first + ") and shard 2/3 ("
                + other + ") are shards of splits into 2 and 3: merge the shards of one run, all of them");
    }

    @Test
    void shardsRunWithAnotherSeedCommitOrTagsAreRefusedNamingWhatDiffers() throws IOException {
        Path first = shard("s1", new Shard(1, 2), 7, "abc", 0, 5);
        Path otherSeed = shard("seed", new Shard(2, 2), 8, "abc", 0, 5);
        Path otherCommit = shard("commit", new Shard(2, 2), 7, "abd", 0, 5);
        Path otherTags = shard("tags", ShardDescriptor.of(new Shard(2, 2), run(7, "abc", 0, 5), "@SYNC-01", PLAN), null);

        assertThatThrownBy(() -> merge(first, otherSeed)).isInstanceOf(HarnessError.class).hasMessage("shard 1/2 (" + first + ") and shard 2/2 ("
                + otherSeed + ") are not shards of one run: the seed differs (7 and 8); run every shard with the same options on the same commit");
        assertThatThrownBy(() -> merge(first, otherCommit)).hasMessageContaining("the harness commit differs (abc and abd)");
        assertThatThrownBy(() -> merge(first, otherTags)).hasMessageContaining("the --tags differs (@SYNC-01 or @ATOM-01 or @INTEROP-01 and @SYNC-01)");
        assertTheLastReportIsLeft();
    }

    @Test
    void aScenarioUnitRunByTwoShardsIsRefused() throws IOException {
        // Shard 2/2 planned the outline as its own: both ran it.
        List<ShardDescriptor.Planned> overlapping = new ArrayList<>();
        int[] owners = {2, 2, 2, 2, 1};
        for (int i = 0; i < owners.length; i++) {
            overlapping.add(new ShardDescriptor.Planned(PLAN.units().get(i), owners[i]));
        }
        Path first = shard("s1", new Shard(1, 2), 7, "abc", 0, 5);
        Path second = shard("s2", new ShardDescriptor(new Shard(2, 2), run(7, "abc", 0, 5), TAGS, "agent-2",
                overlapping), null);

        assertThatThrownBy(() -> merge(first, second)).isInstanceOf(HarnessError.class).hasMessage("the scenario unit atomicity-power-L20 "
                + "(atomicity/power.feature:20) was run by both shard 1/2 (" + first + ") and shard 2/2 (" + second + "): a scenario is run by one shard only");
    }

    @Test
    void shardsThatPlannedDifferentScenariosAreRefused() throws IOException {
        ScenarioPlan more = new ScenarioPlan(new ArrayList<>(PLAN.units()) {
            {
                add(unit("sync-settlement-L60", "sync/settlement.feature", 60));
            }
        });
        Path first = shard("s1", new Shard(1, 2), 7, "abc", 0, 5);
        Path second = shard("s2", ShardDescriptor.of(new Shard(2, 2), run(7, "abc", 0, 5), TAGS, more), null);

        assertThatThrownBy(() -> merge(first, second)).isInstanceOf(HarnessError.class).hasMessage("shard 1/2 (" + first + ") and shard 2/2 ("
                + second + ") planned different scenarios (5 and 6 units): the features they ran differ");
    }

    @Test
    void aShardThatDidNotFinishIsRefused() throws IOException {
        Path first = shard("s1", new Shard(1, 2), 7, "abc", 0, 5);
        Path unfinished = Files.createDirectories(dir.resolve("s2").resolve("evidence"));

        assertThatThrownBy(() -> merge(first, unfinished.getParent())).isInstanceOf(HarnessError.class).hasMessage(unfinished.getParent()
                + " holds no shard.json: it is not the folder of a shard (./certify --shard I/N --out DIR), or its shard did not finish "
                + "(a shard that stopped with exit code 2 writes none)");
        assertThatThrownBy(() -> merge(first, dir.resolve("nowhere"))).hasMessage("the shard folder " + dir.resolve("nowhere") + " does not exist");
        assertTheLastReportIsLeft();
    }

    @Test
    void aShardWhoseResultsOrEvidenceAreNotExactlyItsScenariosIsRefused() throws IOException {
        Path first = shard("s1", new Shard(1, 2), 7, "abc", 0, 5);
        Path second = shard("s2", new Shard(2, 2), 7, "abc", 0, 5);
        Path results = second.resolve(FeatureRun.SCENARIO_RESULTS);
        String complete = Files.readString(results);
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(complete);
        ArrayNode scenarios = (ArrayNode) json.get("scenarios");
        JsonNode l30 = scenarios.remove(1);
        new ObjectMapper().writeValue(results.toFile(), json);

        assertThatThrownBy(() -> merge(first, second)).isInstanceOf(HarnessError.class).hasMessage("shard 2/2 (" + second
                + ") has no result for its scenarios [sync-settlement-L30]: its folder is incomplete");

        scenarios.insert(1, l30);
        scenarios.add(((ObjectNode) l30.deepCopy()).put("key", "sync-settlement-L40"));
        new ObjectMapper().writeValue(results.toFile(), json);
        assertThatThrownBy(() -> merge(first, second)).hasMessage("shard 2/2 (" + second + ") has results of scenarios that are not its own: "
                + "[sync-settlement-L40]");

        scenarios.remove(scenarios.size() - 1);
        scenarios.add(l30);
        new ObjectMapper().writeValue(results.toFile(), json);
        assertThatThrownBy(() -> merge(first, second)).hasMessageStartingWith("shard 2/2 (" + second + ") has more than one result for a scenario: ");

        Files.writeString(results, complete);
        Files.delete(second.resolve("evidence/sync-settlement-L30/apdu-trace.txt"));
        Files.delete(second.resolve("evidence/sync-settlement-L30"));
        assertThatThrownBy(() -> merge(first, second)).hasMessage("shard 2/2 (" + second + ") has no evidence for its scenario sync-settlement-L30 "
                + "(evidence/sync-settlement-L30): its folder is incomplete");
        assertTheLastReportIsLeft();
    }

    @Test
    void aShardJsonChangedAfterItsShardRanIsRefused() throws IOException {
        Path first = shard("s1", new Shard(1, 2), 7, "abc", 0, 5);
        Path second = shard("s2", new Shard(2, 2), 7, "abc", 0, 5);
        Path descriptor = second.resolve(ShardDescriptor.FILE);
        Files.writeString(descriptor, Files.readString(descriptor).replace("\"units\" : [ \"sync-settlement-L10\", ", "\"units\" : [ "));

        assertThatThrownBy(() -> merge(first, second)).isInstanceOf(HarnessError.class).hasMessage(descriptor + " lists the units "
                + "[sync-settlement-L30, interop-touch-L50] as shard 2/2's, but its plan gives it [sync-settlement-L10, sync-settlement-L30, "
                + "interop-touch-L50]: the file was changed after the shard ran");
        Files.writeString(descriptor, "{\"format\": 1, \"shard\": {\"index\": 2, \"count\": 2}}");
        assertThatThrownBy(() -> merge(first, second)).hasMessage(descriptor + " is not a shard descriptor this harness can read: it has no \"profile\"");
        Files.writeString(descriptor, "{\"format\": 2}");
        assertThatThrownBy(() -> merge(first, second)).hasMessage(descriptor + " is of format 2, this harness reads format 1: merge shards with the "
                + "harness that ran them");
    }

    @Test
    void theCertificationsFolderIsNeitherAShardsFolderNorAroundOrInsideOne() throws IOException {
        Path first = shard("s1", new Shard(1, 1), 7, "abc", 0, 5);
        for (Path bad : List.of(first, dir, first.resolve("merged"))) {
            assertThatThrownBy(() -> MergeCommand.Options.parse("--out", bad.toString(), first.toString()).out(ROOT)).isInstanceOf(HarnessError.class)
                    .hasMessage("--out \"" + bad + "\" is, holds or lies inside the shard folder " + first + ": merge empties its report folder "
                            + "first, and a shard's folder is left as it is; give another --out");
        }
        assertThatThrownBy(() -> MergeCommand.Options.parse("--out", "..", first.toString()).out(ROOT))
                .hasMessage("--out \"..\" is the repository or a folder above it; merge empties its report folder first");
        assertThat(MergeCommand.Options.parse(first.toString()).out(ROOT)).isEqualTo(ROOT.resolve("reports/latest"));
        assertThat(first.resolve(ShardDescriptor.FILE)).exists();
    }

    @Test
    void aCommandLineWithoutShardFoldersOrWithAnUnknownOptionIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> MergeCommand.Options.parse("--no-allure")).isInstanceOf(HarnessError.class).hasMessage("merge needs the folders "
                + "of the shards to merge, every one of the run's N (./certify --shard I/N --out DIR)\n" + MergeCommand.USAGE);
        assertThatThrownBy(() -> MergeCommand.Options.parse("a", "--seed", "5")).hasMessage("unknown argument \"--seed\"\n" + MergeCommand.USAGE);
        assertThatThrownBy(() -> MergeCommand.Options.parse("a", "--out")).hasMessage("--out needs a value\n" + MergeCommand.USAGE);
        assertThat(MergeCommand.Options.parse("a", "--no-allure", "b", "--out", "o"))
                .isEqualTo(new MergeCommand.Options(List.of(Path.of("a"), Path.of("b")), Path.of("o"), false, false));
        assertThat(MergeCommand.Options.parse("a", "--help").help()).isTrue();
    }

    @Test
    void aRefusedMergeIsExitTwoWithItsResultLine() throws IOException {
        Path first = shard("s1", new Shard(1, 2), 7, "abc", 0, 5);
        Path result = dir.resolve("result");

        int code = CertifyMain.exitCode(ROOT, new String[] {"merge", "--out", out.toString(), first.toString()}, result);

        assertThat(code).isEqualTo(2);
        assertThat(result).hasContent("merge ERROR -");
        assertTheLastReportIsLeft();
    }
}
