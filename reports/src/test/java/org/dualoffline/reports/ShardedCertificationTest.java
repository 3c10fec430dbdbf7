package org.dualoffline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dualoffline.harness.FeatureRun;
import org.junit.jupiter.api.Test;

/**
 * ./certify --shard 1/2 and 2/2, each in a JVM of its own as on two Jenkins agents, then
 * ./certify merge: the same requirement verdicts, scenario counts, scenarios with their statuses
 * and tearing totals as one run of the same scenarios with the same seed - for a device that
 * passes and for one that fails.
 */
class ShardedCertificationTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final long SEED = 4242;
    /**
     * Ten requirements in eight feature files, 76 scenarios: four Scenario Outlines (30, 16, 3 and 2
     * rows), the tearing of a load and of a personalization, syncs, clones, PINs, issuance.
     */
    private static final String TAGS = "@ATOM-02 or @ATOM-04 or @INTEROP-04 or @SYNC-01 or @SYNC-02 or @DS-02 or @ROBUST-01 or @LIMIT-04 "
            + "or @SEC-03 or @ISSUE-01";

    @Test
    void twoShardsInJvmsOfTheirOwnMergedGiveTheVerdictsCountsScenariosAndTearingOfOneRun() throws Exception {
        Path base = Files.createDirectories(Path.of("target/sharding/reference").toAbsolutePath());
        Path whole = base.resolve("whole");
        Path merged = base.resolve("merged");
        List<Path> shards = List.of(base.resolve("shard-1"), base.resolve("shard-2"));
        List<Process> running = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            running.add(shardJvm(i, shards.get(i - 1), base.resolve("shard-" + i + ".result"), base.resolve("shard-" + i + ".log")));
        }
        for (int i = 1; i <= 2; i++) {
            Process p = running.get(i - 1);
            boolean ended = p.waitFor(5, TimeUnit.MINUTES);
            if (!ended) {
                p.destroyForcibly();
            }
            assertThat(ended && p.exitValue() == 0).as("shard %d/2 ends with exit 0, see %s", i, base.resolve("shard-" + i + ".log")).isTrue();
            assertThat(base.resolve("shard-" + i + ".result")).as("the result line the launcher reads")
                    .hasContent("shard PASS " + shards.get(i - 1).resolve(ShardDescriptor.FILE));
            assertThat(shards.get(i - 1).resolve("certification.json")).as("a shard certifies nothing alone").doesNotExist();
        }

        int wholeCode = CertifyMain.run(ROOT, new String[] {"--tags", TAGS, "--seed", Long.toString(SEED), "--out", whole.toString(), "--no-allure"});
        Path mergeResult = base.resolve("merge.result");
        int mergeCode = CertifyMain.exitCode(ROOT, new String[] {"merge", "--out", merged.toString(), "--no-allure", shards.get(1).toString(),
                shards.get(0).toString()}, mergeResult);

        assertThat(wholeCode).isZero();
        assertThat(mergeCode).isZero();
        assertThat(mergeResult).hasContent("merge PASS " + merged.resolve("certification.json"));
        notVacuous(shards, whole);
        assertSameCertification(merged, whole);
        JsonNode cert = json(merged.resolve("certification.json"));
        assertThat(cert.get("verdict").asText()).isEqualTo("PASS");
        assertThat(cert.get("mergedFrom").get("count").asInt()).isEqualTo(2);
        assertThat(cert.get("seed").asLong()).isEqualTo(SEED);
        assertThat(Files.readString(merged.resolve(FeatureRun.JUNIT_REPORT)))
                .contains("tests=\"" + cert.get("scenarios").get("total").asInt() + "\"", "failures=\"0\"");
    }

    @Test
    void aShardWithAFailedScenarioExitsOneAndTheMergedCertificationFailsAsOneRunDoes() throws Exception {
        Path base = Files.createDirectories(Path.of("target/sharding/non-atomic").toAbsolutePath());
        String tags = "@ATOM-01 or @INTEROP-01 or @SYNC-01";
        List<Path> shards = List.of(base.resolve("shard-1"), base.resolve("shard-2"));
        String[] common = {"--profile", "profiles/faulty/non-atomic-debit.properties", "--tags", tags, "--seed", Long.toString(SEED), "--no-allure"};
        List<String> results = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Path result = base.resolve("shard-" + i + ".result");
            codes.add(CertifyMain.exitCode(ROOT, concat(common, "--shard", i + "/2", "--out", shards.get(i - 1).toString()), result));
            results.add(Files.readString(result).strip());
        }
        int wholeCode = CertifyMain.run(ROOT, concat(common, "--out", base.resolve("whole").toString()));
        int mergeCode = CertifyMain.run(ROOT, new String[] {"merge", "--out", base.resolve("merged").toString(), "--no-allure",
                shards.get(0).toString(), shards.get(1).toString()});

        // Four units of one scenario each, dealt in the plan's order: ATOM-01's torn payment, the first, falls to shard 1/2.
        assertThat(codes).containsExactly(CertifyMain.FAIL, CertifyMain.PASS);
        assertThat(results).containsExactly("shard FAIL " + shards.get(0).resolve(ShardDescriptor.FILE),
                "shard PASS " + shards.get(1).resolve(ShardDescriptor.FILE));
        assertThat(wholeCode).isEqualTo(CertifyMain.FAIL);
        assertThat(mergeCode).isEqualTo(CertifyMain.FAIL);
        assertSameCertification(base.resolve("merged"), base.resolve("whole"));
        JsonNode cert = json(base.resolve("merged").resolve("certification.json"));
        assertThat(cert.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(cert.get("tearing").get("pay").get("violations").asInt()).isPositive();
    }

    @Test
    void aShardThatGetsNoScenarioWritesAnEmptyShardAndTheMergeIsTheOtherShardsScenarios() throws Exception {
        Path base = Files.createDirectories(Path.of("target/sharding/empty").toAbsolutePath());
        List<Path> shards = List.of(base.resolve("shard-1"), base.resolve("shard-2"));
        Path result = base.resolve("shard-2.result");

        int empty = CertifyMain.exitCode(ROOT, new String[] {"--shard", "2/2", "--tags", "@SYNC-01", "--out", shards.get(1).toString(),
                "--no-allure"}, result);
        int full = CertifyMain.run(ROOT, new String[] {"--shard", "1/2", "--tags", "@SYNC-01", "--out", shards.get(0).toString(), "--no-allure"});
        int merged = CertifyMain.run(ROOT, new String[] {"merge", "--out", base.resolve("merged").toString(), "--no-allure", shards.get(0).toString(),
                shards.get(1).toString()});

        assertThat(empty).isZero();
        assertThat(result).hasContent("shard PASS " + shards.get(1).resolve(ShardDescriptor.FILE));
        JsonNode descriptor = json(shards.get(1).resolve(ShardDescriptor.FILE));
        assertThat(descriptor.get("units").size()).isZero();
        assertThat(descriptor.get("scenarios").get("total").asInt()).isZero();
        assertThat(descriptor.get("plan").findValuesAsText("unit")).containsExactly("sync-settlement-L13");
        assertThat(json(shards.get(1).resolve(FeatureRun.SCENARIO_RESULTS)).get("scenarios").size()).isZero();
        assertThat(full).isZero();
        assertThat(merged).isZero();
        JsonNode cert = json(base.resolve("merged").resolve("certification.json"));
        assertThat(cert.get("scenarios").get("total").asInt()).isEqualTo(1);
        assertThat(verdicts(cert)).containsEntry("SYNC-01", "PASS").containsEntry("SYNC-02", "NOT TESTED");
    }

    @Test
    void tagsThatSelectNoScenarioAtAllStopAShardBeforeItTouchesItsFolder() throws IOException {
        Path out = Files.createDirectories(Path.of("target/sharding/nothing").toAbsolutePath());
        Files.writeString(out.resolve(ShardDescriptor.FILE), "the last shard");
        Path result = out.resolveSibling("nothing.result");

        int code = CertifyMain.exitCode(ROOT, new String[] {"--shard", "1/2", "--tags", "@NO-SUCH-01", "--out", out.toString()}, result);

        assertThat(code).isEqualTo(2);
        assertThat(result).hasContent("shard ERROR -");
        assertThat(out.resolve(ShardDescriptor.FILE)).hasContent("the last shard");
    }

    /** The merged certification has the verdicts, counts, scenarios with their statuses and tearing totals of the whole run. */
    private static void assertSameCertification(Path merged, Path whole) throws IOException {
        JsonNode m = json(merged.resolve("certification.json"));
        JsonNode w = json(whole.resolve("certification.json"));
        assertThat(m.get("verdict")).isEqualTo(w.get("verdict"));
        assertThat(m.get("scenarios")).as("total, passed, failed, skipped").isEqualTo(w.get("scenarios"));
        assertThat(verdicts(m)).as("every requirement's verdict").isEqualTo(verdicts(w));
        assertThat(m.get("requirements")).as("the requirement table: verdicts, scenarios, statuses, locations, evidence, errors")
                .isEqualTo(w.get("requirements"));
        assertThat(statuses(merged)).as("each scenario's status, in the order of the run").containsExactlyEntriesOf(statuses(whole));
        assertThat(m.get("tearing")).as("tear points and violations per flow").isEqualTo(w.get("tearing"));
        for (String field : List.of("profile", "device", "backend", "harnessVersion", "harnessCommit", "seed")) {
            assertThat(m.get(field)).as(field).isEqualTo(w.get(field));
        }
        assertThat(w.has("mergedFrom")).isFalse();
    }

    /** The test would prove nothing if a shard ran (almost) nothing, or the subset had no outline or tearing, or one shard ran a block of the plan. */
    private static void notVacuous(List<Path> shards, Path whole) throws IOException {
        Set<String> all = new HashSet<>();
        for (Path shard : shards) {
            JsonNode d = json(shard.resolve(ShardDescriptor.FILE));
            assertThat(d.get("scenarios").get("total").asInt()).as("scenarios of %s", shard).isGreaterThan(1);
            assertThat(d.get("units").size()).as("units of %s", shard).isGreaterThan(1);
            List<String> keys = json(shard.resolve(FeatureRun.SCENARIO_RESULTS)).findValuesAsText("key");
            assertThat(keys).as("no scenario in two shards").noneMatch(all::contains);
            all.addAll(keys);
        }
        assertThat(all).as("the shards ran every scenario of the whole run").isEqualTo(statuses(whole).keySet());
        JsonNode plan = json(shards.get(0).resolve(ShardDescriptor.FILE)).get("plan");
        assertThat(plan.findValuesAsText("feature").stream().distinct().count()).as("feature files").isGreaterThanOrEqualTo(5);
        int outlines = 0;
        int owners = 0;
        String last = "";
        for (JsonNode u : plan) {
            outlines += u.get("scenarios").size() > 1 ? 1 : 0;
            owners += u.get("shard").asText().equals(last) ? 0 : 1;
            last = u.get("shard").asText();
        }
        assertThat(outlines).as("Scenario Outlines in the subset").isGreaterThanOrEqualTo(1);
        assertThat(owners).as("runs of one shard's units in the plan's order: the shards interleave").isGreaterThanOrEqualTo(3);
        JsonNode cert = json(whole.resolve("certification.json"));
        assertThat(cert.get("tearing").size()).as("flows torn").isGreaterThanOrEqualTo(2);
        long tested = 0;
        for (JsonNode r : cert.get("requirements")) {
            tested += r.get("verdict").asText().equals("PASS") ? 1 : 0;
        }
        assertThat(tested).as("requirements with a verdict").isGreaterThanOrEqualTo(8);
    }

    private static Map<String, String> verdicts(JsonNode cert) {
        Map<String, String> m = new LinkedHashMap<>();
        cert.get("requirements").forEach(r -> m.put(r.get("id").asText(), r.get("verdict").asText()));
        return m;
    }

    private static Map<String, String> statuses(Path report) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        json(report.resolve(FeatureRun.SCENARIO_RESULTS)).get("scenarios").forEach(s -> m.put(s.get("key").asText(), s.get("status").asText()));
        return m;
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    /** Shard {@code index} of two, in a JVM of its own (this one's class path) as the launcher starts it, writing its result line. */
    private static Process shardJvm(int index, Path out, Path result, Path log) throws IOException {
        Files.deleteIfExists(result);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Ddualoffline.root=" + ROOT,
                "-D" + CertifyResult.FILE_PROPERTY + "=" + result, "-cp", System.getProperty("java.class.path"), CertifyMain.class.getName(),
                "--shard", index + "/2", "--tags", TAGS, "--seed", Long.toString(SEED), "--out", out.toString(), "--no-allure");
        return new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
