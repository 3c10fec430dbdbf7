package org.dualoffline.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.faulty.Mutants;
import org.dualoffline.harness.RunSettings;
import org.dualoffline.protocol.WalletCommands;

/**
 * {@code ./certify mutants}: the harness's own mutation score. Draws single-point bytecode mutants
 * of the reference wallet ({@link Mutants}), certifies each as a vendor's jar until its first failed
 * scenario, and reports how many the certification killed (FAIL) and every one that survived
 * (PASS): a survivor is either equivalent to the reference or a fault no scenario sees
 * ({@code docs/mutation-score.md} classifies them). Writes {@code mutation.json}.
 */
final class MutationRun {
    static final int DEFAULT_COUNT = 100;
    static final String USAGE = "usage: ./certify mutants [--count N] [--seed N] [--out DIR] [--min-score PERCENT] [--ids ID,ID,...] [--jobs N]";

    /** What the command is asked: how many mutants, drawn with which seed, where the reports go, and the score it needs. */
    record Options(int count, long seed, Path out, Double minScore, List<String> ids, int jobs) {
        static Options parse(String... args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (!List.of("--count", "--seed", "--out", "--min-score", "--ids", "--jobs").contains(a)) {
                    throw new HarnessError("unknown argument \"" + a + "\"\n" + USAGE);
                }
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new HarnessError(a + " needs a value\n" + USAGE);
                }
                given.put(a.substring(2), args[++i]);
            }
            int count = DEFAULT_COUNT;
            if (given.containsKey("count")) {
                try {
                    count = Integer.parseInt(given.get("count").strip());
                } catch (NumberFormatException e) {
                    count = 0;
                }
                if (count < 1) {
                    throw new HarnessError("--count needs a whole number of mutants, 1 or more, got \"" + given.get("count") + "\"");
                }
            }
            Double minScore = null;
            if (given.containsKey("min-score")) {
                try {
                    minScore = Double.parseDouble(given.get("min-score").strip());
                } catch (NumberFormatException e) {
                    minScore = -1.0;
                }
                if (minScore < 0 || minScore > 100) {
                    throw new HarnessError("--min-score needs a percentage from 0 to 100, got \"" + given.get("min-score") + "\"");
                }
            }
            long seed = given.containsKey("seed") ? RunSettings.seedOf(given.get("seed")) : RunSettings.DEFAULT_SEED;
            List<String> ids = given.containsKey("ids") ? List.of(given.get("ids").split(",")) : List.of();
            int jobs = Math.max(1, Runtime.getRuntime().availableProcessors());
            if (given.containsKey("jobs")) {
                try {
                    jobs = Integer.parseInt(given.get("jobs").strip());
                } catch (NumberFormatException e) {
                    jobs = 0;
                }
                if (jobs < 1 || jobs > 16) {
                    throw new HarnessError("--jobs needs a whole number of JVMs at once, 1 to 16, got \"" + given.get("jobs") + "\"");
                }
            }
            return new Options(count, seed, Path.of(given.getOrDefault("out", "reports/mutants")), minScore, ids, jobs);
        }
    }

    private MutationRun() {}

    static int run(Path root, Options options) {
        Path out = root.resolve(options.out()).normalize();
        if (root.startsWith(out)) {
            throw new HarnessError("--out \"" + options.out() + "\" is the repository or a folder above it");
        }
        List<Mutants.Mutant> mutants;
        CertifyMain.prepare(out);
        try {
            mutants = options.ids().isEmpty() ? Mutants.writeSample(options.seed(), options.count(), out.resolve("jars"))
                    : Mutants.writeNamed(options.ids(), out.resolve("jars"));
        } catch (IOException e) {
            throw new HarnessError("cannot write the mutants into " + out + ": " + e.getMessage());
        }
        System.err.printf("mutants: %d mutants of the reference wallet (seed %d) -> %s%n", mutants.size(), options.seed(), out);
        Instant started = Instant.now();
        Duration deadline = ChildCertification.control(root, out, options.seed());
        // each mutant in a JVM of its own, --jobs of them at once (by default one per processor)
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(options.jobs());
        List<java.util.concurrent.Future<Map<String, Object>>> futures = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        for (Mutants.Mutant m : mutants) {
            futures.add(pool.submit(() -> {
                Map<String, Object> r = certifyOne(root, out, m, options.seed(), deadline);
                boolean dead = "FAIL".equals(r.get("verdict"));
                boolean notJudged = "NOT JUDGED".equals(r.get("verdict"));
                System.err.printf("mutants: %3d/%d %-10s %s (%s)%n", done.incrementAndGet(), mutants.size(),
                        dead ? "killed" : notJudged ? "NOT JUDGED" : "SURVIVED", m.id(),
                        dead ? "by " + r.get("killedBy") : notJudged ? "see " + r.get("log") : m.description());
                return r;
            }));
        }
        pool.shutdown();
        List<Map<String, Object>> results = new ArrayList<>();
        int killed = 0;
        int judged = 0;
        for (var f : futures) {
            Map<String, Object> r;
            try {
                r = f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
                throw new HarnessError("interrupted while certifying the mutants");
            } catch (java.util.concurrent.ExecutionException e) {
                pool.shutdownNow();
                throw e.getCause() instanceof HarnessError h ? h : new HarnessError("certifying a mutant failed: " + e.getCause());
            }
            killed += "FAIL".equals(r.get("verdict")) ? 1 : 0;
            judged += "NOT JUDGED".equals(r.get("verdict")) ? 0 : 1;
            results.add(r);
        }
        double score = judged == 0 ? 0 : 100.0 * killed / judged;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("seed", options.seed());
        doc.put("jobs", options.jobs());
        doc.put("deadlineSeconds", deadline.toSeconds());
        doc.put("mutants", mutants.size());
        doc.put("killed", killed);
        doc.put("notJudged", mutants.size() - judged);
        doc.put("survived", judged - killed);
        doc.put("killRatePercent", Math.round(score * 10) / 10.0);
        doc.put("startedAt", started.toString());
        doc.put("minutes", Math.round(Duration.between(started, Instant.now()).toSeconds() / 6.0) / 10.0);
        doc.put("survivors", results.stream().filter(r -> "PASS".equals(r.get("verdict"))).toList());
        doc.put("results", results);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("mutation.json").toFile(), doc);
        } catch (IOException e) {
            throw new HarnessError("cannot write " + out.resolve("mutation.json") + ": " + e.getMessage());
        }
        System.err.printf("mutants: %d of %d judged killed (%.1f %%); %d survived; %d not judged - %s%n", killed, judged, score,
                judged - killed, mutants.size() - judged, out.resolve("mutation.json"));
        for (Map<String, Object> r : results) {
            if ("PASS".equals(r.get("verdict"))) {
                System.err.println("  survivor " + r.get("mutant") + ": " + r.get("description"));
            }
        }
        if (judged < mutants.size()) {
            System.err.println("mutants: the harness could not judge " + (mutants.size() - judged) + " mutants (see their logs)");
            return CertifyMain.HARNESS_ERROR;
        }
        if (options.minScore() != null && score < options.minScore()) {
            System.err.printf("mutants: the kill rate %.1f %% is below --min-score %.1f %%%n", score, options.minScore());
            return CertifyMain.FAIL;
        }
        return CertifyMain.PASS;
    }

    private static Map<String, Object> certifyOne(Path root, Path out, Mutants.Mutant m, long seed, Duration deadline) {
        Path dir = out.resolve("runs").resolve(m.id());
        Path profile = out.resolve("profiles").resolve(m.id() + ".properties");
        String text = """
                # A mutant of the reference wallet for the mutation score (./certify mutants): %s
                profile.name=mutant-%s
                device.name=mutant: %s
                device.vendor=dual-offline-harness (mutation score)
                device.version=%s
                applet.jar=%s
                applet.class=org.dualoffline.applet.WalletApplet
                applet.aid=%s
                backend.mode=embedded
                """.formatted(m.description(), m.id(), m.id(), m.operator(), out.resolve("jars").resolve(m.id() + ".jar"),
                org.dualoffline.protocol.Hex.of(WalletCommands.REFERENCE_AID));
        try {
            Files.createDirectories(profile.getParent());
            Files.writeString(profile, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HarnessError("cannot write " + profile + ": " + e.getMessage());
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mutant", m.id());
        r.put("operator", m.operator().name());
        r.put("description", m.description());
        int code = ChildCertification.run(root, profile, dir, dir.resolveSibling(m.id() + ".log"), seed, deadline);
        if (code == ChildCertification.TIMED_OUT) {
            r.put("exitCode", code);
            r.put("verdict", "FAIL");
            r.put("killedBy", List.of("timeout: the wallet did not answer within " + deadline.toSeconds() + " s, as a reader would give up"));
            return r;
        }
        r.put("exitCode", code);
        try {
            JsonNode cert = new ObjectMapper().readTree(dir.resolve("certification.json").toFile());
            r.put("verdict", cert.get("verdict").asText());
            List<String> failed = new ArrayList<>();
            for (JsonNode req : cert.get("requirements")) {
                if (req.get("verdict").asText().equals("FAIL")) {
                    failed.add(req.get("id").asText());
                }
            }
            r.put("killedBy", failed);
        } catch (IOException e) {
            // the harness could not judge this mutant (its log says why): neither killed nor survived
            r.put("verdict", "NOT JUDGED");
            r.put("log", root.relativize(dir.resolveSibling(m.id() + ".log")).toString());
        }
        return r;
    }
}
