package org.dualoffline.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One certification in a JVM of its own, as {@code ./certify mutants} runs each mutant: this
 * JVM's class path, stopped at the first failed scenario, killed at a deadline; and the control
 * run of the unchanged reference wallet that every mutants run starts with.
 */
final class ChildCertification {
    /**
     * The least time one mutant's certification may take. A mutant that loops (a comparison
     * shifted in a loop's condition) would hang a real reader, which gives up: so does this, and
     * the mutant counts as killed. The deadline of a run is this, or three times what the
     * reference wallet took when certified the same way at the start of the run, whichever is
     * longer: on a slow or loaded machine a mutant that merely takes as long as the reference
     * must not count as killed.
     */
    static final Duration DEADLINE = Duration.ofSeconds(150);
    private static final int DEADLINE_FACTOR = 3;
    static final int TIMED_OUT = -1;

    /**
     * Certifies {@code profile} (null: the reference wallet) in a JVM of its own (this one's
     * class path), stopping at the first failed scenario, into {@code dir}, its output in
     * {@code log}: killed with its JVM at {@code deadline}. Returns the exit code, or
     * {@link #TIMED_OUT}.
     */
    static int run(Path root, Path profile, Path dir, Path log, long seed, Duration deadline) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddualoffline.root=" + root, "-Ddualoffline.stopAtFirstFailure=true", "-cp", System.getProperty("java.class.path"),
                CertifyMain.class.getName(), "--out", dir.toString(), "--seed", Long.toString(seed), "--no-allure"));
        if (profile != null) {
            command.addAll(List.of("--profile", profile.toString()));
        }
        try {
            Files.createDirectories(dir.getParent());
            Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                return TIMED_OUT;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new HarnessError("cannot start a JVM to certify " + (profile == null ? "the reference wallet" : profile) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessError("interrupted while certifying " + (profile == null ? "the reference wallet" : profile));
        }
    }

    /**
     * The control: the reference wallet certified exactly as the mutants are. It must PASS - else
     * every mutant would count as killed by a harness that fails anything - and the time it takes
     * sets the run's deadline ({@link #DEADLINE}).
     */
    static Duration control(Path root, Path out, long seed) {
        Path dir = out.resolve("runs").resolve("reference");
        Path log = dir.resolveSibling("reference.log");
        System.err.println("mutants: certifying the unchanged reference wallet first, as the mutants are (the control) ...");
        Instant started = Instant.now();
        int code = run(root, null, dir, log, seed, Duration.ofMinutes(30));
        Duration took = Duration.between(started, Instant.now());
        if (code != CertifyMain.PASS) {
            throw new HarnessError("the unchanged reference wallet did not PASS when certified as the mutants are (exit code " + code
                    + ", see " + root.relativize(log) + "): no mutant can be judged against it");
        }
        Duration deadline = took.multipliedBy(DEADLINE_FACTOR).compareTo(DEADLINE) > 0 ? took.multipliedBy(DEADLINE_FACTOR) : DEADLINE;
        System.err.printf("mutants: the reference PASSed in %d s; a mutant that takes longer than %d s is killed as a wallet that does "
                + "not answer%n", took.toSeconds(), deadline.toSeconds());
        return deadline;
    }

    private ChildCertification() {}
}
