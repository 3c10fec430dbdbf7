package org.dualoffline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ./bench suite}: the wall time of the full reference certification, measured as a lab
 * sees it - {@code ./certify --no-allure} started as a process, from launch to exit, the JVM's
 * start and the embedded backend included. One untimed run first (it builds the harness if the
 * sources changed and warms the disk cache), then {@code runs} timed ones; the figure is their
 * median. Every run must PASS: a failing certification is not a speed.
 */
final class SuiteBench {
    /** The target for the full reference certification on the 2-core machine. */
    static final double TARGET_SECONDS = 60;

    private SuiteBench() {}

    record Plan(int runs, int threads, long seed) {}

    static Map<String, Object> run(Path root, Plan plan) throws IOException, InterruptedException {
        Path out = root.resolve("reports/bench/suite-run");
        Path log = root.resolve("reports/bench/suite-run.log");
        Files.createDirectories(out.getParent());
        List<String> command = List.of("./certify", "--no-allure", "--out", out.toString(), "--seed", Long.toString(plan.seed()),
                "--threads", Integer.toString(plan.threads()));
        System.err.println("bench suite: " + String.join(" ", command) + " (output in " + log + ")");

        System.err.print("bench suite: untimed first run ... ");
        Run warm = certify(root, command, log);
        System.err.printf("%.1f s, %s%n", warm.seconds(), warm.verdict());
        List<Run> timed = new ArrayList<>();
        for (int i = 1; i <= plan.runs(); i++) {
            System.err.printf("bench suite: run %d of %d ... ", i, plan.runs());
            Run r = certify(root, command, log);
            System.err.printf("%.1f s wall, %.1f s running scenarios, %s%n", r.seconds(), r.scenarioSeconds(), r.verdict());
            timed.add(r);
        }

        double[] walls = timed.stream().mapToDouble(Run::seconds).sorted().toArray();
        double median = median(walls);
        boolean allPassed = warm.passed() && timed.stream().allMatch(Run::passed);
        Run last = timed.get(timed.size() - 1);

        Map<String, Object> check = new LinkedHashMap<>();
        check.put("everyRunPassed", allPassed);
        check.put("targetSeconds", TARGET_SECONDS);
        check.put("medianUnderTarget", median < TARGET_SECONDS);

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", "suite");
        r.put("value", round(median));
        r.put("unit", "s");
        r.put("description", "wall time of ./certify --no-allure (the full reference certification on the embedded backend), "
                + "process start to exit, median of " + plan.runs() + " runs after one untimed run");
        r.put("passed", allPassed);
        r.put("check", check);
        r.put("runs", timed.stream().map(Run::toJson).toList());
        r.put("minSeconds", round(walls[0]));
        r.put("maxSeconds", round(walls[walls.length - 1]));
        r.put("scenarioThreads", plan.threads());
        r.put("seed", plan.seed());
        r.put("scenarios", last.scenarios());
        r.put("requirements", last.requirements());
        r.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        r.put("java", System.getProperty("java.version"));
        return r;
    }

    private record Run(double seconds, double scenarioSeconds, String verdict, int exitCode, Map<String, Object> scenarios,
                       Map<String, Integer> requirements) {
        boolean passed() {
            return exitCode == 0 && verdict.equals("PASS");
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("wallSeconds", round(seconds));
            m.put("scenarioSeconds", round(scenarioSeconds));
            m.put("verdict", verdict);
            m.put("exitCode", exitCode);
            return m;
        }
    }

    private static Run certify(Path root, List<String> command, Path log) throws IOException, InterruptedException {
        Path json = Path.of(command.get(command.indexOf("--out") + 1)).resolve("certification.json");
        Files.deleteIfExists(json);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        p.getOutputStream().close();
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!Files.exists(json)) {
            return new Run(seconds, 0, "NO REPORT (./certify exited " + exit + ", see " + log + ")", exit, Map.of(), Map.of());
        }
        JsonNode cert = new ObjectMapper().readTree(json.toFile());
        double scenarioSeconds = Duration.between(java.time.Instant.parse(cert.path("startedAt").asText()),
                java.time.Instant.parse(cert.path("finishedAt").asText())).toMillis() / 1e3;
        Map<String, Object> scenarios = new LinkedHashMap<>();
        cert.path("scenarios").fields().forEachRemaining(e -> scenarios.put(e.getKey(), e.getValue().asInt()));
        Map<String, Integer> requirements = new TreeMap<>();
        cert.path("requirements").forEach(req -> requirements.merge(req.path("verdict").asText(), 1, Integer::sum));
        return new Run(seconds, scenarioSeconds, cert.path("verdict").asText("?"), exit, scenarios, requirements);
    }

    static double median(double[] sorted) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no runs");
        }
        double[] s = sorted.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
