package org.dualoffline.backend.replicas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backend replicas, as {@code ./bench --replicas N} and {@code ./simulate --replicas N} run them: N standalone backends ({@code org.dualoffline.backend.Main},
 * each its own JVM, on the benchmark's classpath) over one PostgreSQL schema, as an operator runs
 * them - the same database, issuer key and operator token, each on a loopback port it picks. All
 * start at the same moment; each is up when it prints its ready line (bounded wait). Their
 * connections are named {@code <schema>_r<i>} so that their PostgreSQL processes can be told apart.
 * The replicas' output goes to stderr, each line prefixed with {@code label}.
 */
public final class ReplicaProcesses implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("reconciliation-backend ready at (http://\\S+)/v1");
    private static final long READY_WITHIN_SECONDS = 120;

    private final List<Process> processes;
    private final List<String> baseUrls;

    private ReplicaProcesses(List<Process> processes, List<String> baseUrls) {
        this.processes = processes;
        this.baseUrls = List.copyOf(baseUrls);
    }

    /**
     * Starts {@code n} replicas of the backend on this JVM's classpath with {@code env} (database,
     * schema, token, issuer), each with a pool of {@code poolSize}; their output lines go to stderr
     * after {@code label}.
     */
    public static ReplicaProcesses start(int n, Map<String, String> env, String applicationName, int poolSize, String label) {
        if (n < 1) {
            throw new IllegalArgumentException("at least one replica, got " + n);
        }
        String classpath = System.getProperty("java.class.path");
        List<Process> started = new ArrayList<>();
        List<CompletableFuture<String>> ready = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath, "org.dualoffline.backend.Main");
                pb.environment().keySet().removeIf(k -> k.startsWith("DUALOFFLINE_"));
                pb.environment().putAll(env);
                String url = env.get("DUALOFFLINE_DB_URL");
                pb.environment().put("DUALOFFLINE_DB_URL", url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + applicationName + "_r" + i);
                pb.environment().put("DUALOFFLINE_DB_POOL_SIZE", Integer.toString(poolSize));
                pb.environment().put("DUALOFFLINE_HOST", "127.0.0.1");
                pb.environment().put("DUALOFFLINE_PORT", "0");
                pb.redirectErrorStream(true);
                Process p = pb.start();
                started.add(p);
                ready.add(CompletableFuture.supplyAsync(() -> readyUrl(p, label)));
            }
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                urls.add(ready.get(i).get(READY_WITHIN_SECONDS, TimeUnit.SECONDS));
            }
            return new ReplicaProcesses(started, urls);
        } catch (Exception e) {
            started.forEach(Process::destroyForcibly);
            throw new IllegalStateException("the backend replicas did not start: " + e.getMessage(), e);
        }
    }

    /** Reads the process's output until its ready line (then keeps draining it, so that it never blocks on a full pipe). */
    private static String readyUrl(Process p, String label) {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        try {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    Thread drain = new Thread(() -> drain(r, label), "replica-output-" + p.pid());
                    drain.setDaemon(true);
                    drain.start();
                    return m.group(1);
                }
                seen.append(line).append('\n');
            }
        } catch (IOException e) {
            seen.append(e.getMessage());
        }
        throw new IllegalStateException("replica " + p.pid() + " ended without announcing its URL:\n" + seen);
    }

    private static void drain(BufferedReader r, String label) {
        try {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                System.err.println(label + line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Each replica's base URL ({@code http://127.0.0.1:port}), in start order. */
    public List<String> baseUrls() {
        return baseUrls;
    }

    public List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    /** utime + stime of each replica, in clock ticks (Linux {@code /proc}; 0 elsewhere). */
    public long[] cpuTicks() {
        long[] out = new long[processes.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                String stat = Files.readString(Path.of("/proc/" + processes.get(i).pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                out[i] = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                out[i] = 0;
            }
        }
        return out;
    }

    /** SIGTERM (each replica's shutdown hook stops it), then SIGKILL after 20 s. */
    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
