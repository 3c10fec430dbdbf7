package org.dualoffline.backend.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone backend ({@code org.dualoffline.backend.Main}, or {@link HoldingBackendMain}) as a
 * separate OS process, on this test JVM's classpath, configured by environment; its output is collected line by line so that
 * tests can wait for what it announces. {@link #kill()} is SIGKILL: no shutdown hook runs, open
 * transactions are left to the database to roll back.
 */
public final class BackendProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("reconciliation-backend ready at (http://\\S+)/v1");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private boolean ended; // guarded by lines: the output was read to its end
    private final String baseUrl;

    private BackendProcess(Process process, Duration readyWithin) throws IOException, InterruptedException {
        this.process = process;
        Thread reader = new Thread(this::collect, "backend-process-output");
        reader.setDaemon(true);
        reader.start();
        this.baseUrl = awaitLine(READY, readyWithin).group(1);
    }

    /** Starts {@code java -cp <test classpath> org.dualoffline.backend.Main} on a random loopback port and waits until it is ready. */
    public static BackendProcess start(Map<String, String> env, Duration readyWithin) throws IOException, InterruptedException {
        return start(List.of("org.dualoffline.backend.Main"), env, readyWithin);
    }

    /** As {@link #start(Map, Duration)}, with JVM options before the main class (e.g. {@code -Dorg.slf4j.simpleLogger...}). */
    public static BackendProcess startWithJvmOptions(List<String> jvmOptions, Map<String, String> env, Duration readyWithin)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(jvmOptions);
        command.add("org.dualoffline.backend.Main");
        return start(command, env, readyWithin);
    }

    /** As {@link #start}, holding the {@code upload}-th upload that adds records before its commit ({@link HoldingBackendMain}). */
    public static BackendProcess startHoldingUpload(int upload, Map<String, String> env, Duration readyWithin)
            throws IOException, InterruptedException {
        return start(List.of(HoldingBackendMain.class.getName(), Integer.toString(upload)), env, readyWithin);
    }

    private static BackendProcess start(List<String> optionsMainAndArguments, Map<String, String> env, Duration readyWithin)
            throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path");
        if (classpath == null || classpath.isBlank()) {
            classpath = System.getProperty("java.class.path");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath));
        command.addAll(optionsMainAndArguments);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("DUALOFFLINE_"));
        pb.environment().put("DUALOFFLINE_HOST", "127.0.0.1");
        pb.environment().put("DUALOFFLINE_PORT", "0");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        try {
            return new BackendProcess(p, readyWithin);
        } catch (IOException | InterruptedException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the process has printed a line matching {@code pattern} and returns the match; fails at the deadline or if it exits. */
    public MatchResult awaitLine(Pattern pattern, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (lines) {
            for (int seen = 0; ; ) {
                for (; seen < lines.size(); seen++) {
                    Matcher m = pattern.matcher(lines.get(seen));
                    if (m.find()) {
                        return m.toMatchResult();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended) {
                    throw new IllegalStateException("the backend process " + (ended ? "ended its output without printing" : "did not print")
                            + " a line matching " + pattern + " within " + within + "; its output:\n" + output());
                }
                lines.wait(Math.max(1, Math.min(left / 1_000_000, 200)));
            }
        }
    }

    /** SIGKILL, then wait for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM (the shutdown hook stops the backend), then waits for the process to end and its output to be read to the end. */
    public String stop(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            kill();
        }
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (lines) {
            while (!ended && System.nanoTime() < deadline) {
                lines.wait(200);
            }
        }
        return output();
    }

    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void collect() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process died; what it printed is kept
        } finally {
            synchronized (lines) {
                ended = true;
                lines.notifyAll();
            }
        }
    }
}
