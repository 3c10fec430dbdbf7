package org.dualoffline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a measured window, from {@code /proc} (Linux; zeros
 * elsewhere): this JVM (backend request threads, load clients, the rest: GC, JIT, VM), the
 * backend replica processes when the backend runs as {@code --replicas}, the
 * PostgreSQL backends serving this benchmark's connections, PostgreSQL's shared background
 * processes (WAL writer, checkpointer...), and everything else on the machine - other users of
 * the shared machine and of the shared PostgreSQL server - which the benchmark does not control.
 * CPU per record of the benchmark's own processes is the figure that says how far two cores
 * could go; records/s is what they went while sharing.
 */
final class CpuUse {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final long jvmNanos;
    private final long jvmSysTicks;
    private final Map<Long, Object[]> threadNanos; // thread id -> {kind, CPU nanos}
    private final Map<Long, long[]> postgres; // pid -> {user, sys} ticks
    private final Set<Long> ownPostgres;
    private final long machineBusyTicks;
    private final long machineTotalTicks;
    private final long wallNanos;
    private final long clientNanos;
    private final long gcMillis;
    private final long gcCount;
    private final long jitMillis;
    private final Supplier<Set<Long>> ownPostgresNow;
    private final Supplier<long[]> replicaTicksNow;
    private final long[] replicaTicks;

    private CpuUse(Supplier<Set<Long>> ownPostgresNow, Supplier<long[]> replicaTicksNow) {
        this.ownPostgresNow = ownPostgresNow;
        this.replicaTicksNow = replicaTicksNow;
        this.replicaTicks = replicaTicksNow.get();
        this.ownPostgres = ownPostgresNow.get();
        long[] machine = machineTicks();
        this.machineBusyTicks = machine[0];
        this.machineTotalTicks = machine[1];
        this.jvmNanos = jvmCpuNanos();
        this.jvmSysTicks = ownSysTicks();
        this.threadNanos = threadCpuNanos();
        this.clientNanos = SyncLoad.finishedClientCpuNanos();
        this.postgres = postgresTicks();
        this.wallNanos = System.nanoTime();
        long ms = 0;
        long n = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
            n += Math.max(0, gc.getCollectionCount());
        }
        this.gcMillis = ms;
        this.gcCount = n;
        var jit = ManagementFactory.getCompilationMXBean();
        this.jitMillis = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** A snapshot; {@code ownPostgres} names the PostgreSQL backend processes that serve the benchmark. */
    static CpuUse now(Supplier<Set<Long>> ownPostgres) {
        return new CpuUse(ownPostgres, () -> new long[0]);
    }

    /** As {@link #now(Supplier)}, with the backend replica processes' CPU ticks (one per replica). */
    static CpuUse now(Supplier<Set<Long>> ownPostgres, Supplier<long[]> replicaTicks) {
        return new CpuUse(ownPostgres, replicaTicks);
    }

    /** CPU use between this snapshot and now, per record and as shares of the machine. */
    Map<String, Object> untilNow(long records) {
        CpuUse end = new CpuUse(ownPostgresNow, replicaTicksNow);
        double jvm = (end.jvmNanos - jvmNanos) / 1e9;
        double replicas = 0;
        List<Double> perReplica = new ArrayList<>();
        for (int i = 0; i < end.replicaTicks.length && i < replicaTicks.length; i++) {
            double seconds = (end.replicaTicks[i] - replicaTicks[i]) / TICKS_PER_SECOND;
            replicas += seconds;
            perReplica.add(round(seconds * 1e6 / records, 1));
        }
        double wall = (end.wallNanos - wallNanos) / 1e9;
        double[] own = new double[2];
        double background = 0;
        double others = 0;
        for (Map.Entry<Long, long[]> e : end.postgres.entrySet()) {
            long[] before = postgres.getOrDefault(e.getKey(), new long[] {0, 0, 0});
            double user = (e.getValue()[0] - before[0]) / TICKS_PER_SECOND;
            double sys = (e.getValue()[1] - before[1]) / TICKS_PER_SECOND;
            if (ownPostgres.contains(e.getKey()) || end.ownPostgres.contains(e.getKey())) {
                own[0] += user;
                own[1] += sys;
            } else if (e.getValue()[2] == 1) {
                background += user + sys;
            } else {
                others += user + sys;
            }
        }
        double pg = own[0] + own[1];
        double busy = (end.machineBusyTicks - machineBusyTicks) / TICKS_PER_SECOND;
        long total = end.machineTotalTicks - machineTotalTicks;

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("microsPerRecord", round((jvm + replicas + pg + background) * 1e6 / records, 1));
        if (!perReplica.isEmpty()) {
            // the backend runs in the replica processes; this JVM is the load clients
            m.put("replicaProcessesMicrosPerRecord", round(replicas * 1e6 / records, 1));
            m.put("replicaProcessesMicrosPerRecordEach", perReplica);
        }
        m.put("jvmMicrosPerRecord", round(jvm * 1e6 / records, 1));
        // by thread id: threads that ended inside the window (a few idle pool threads) are counted with "GC, JIT compiler, VM"
        Map<String, Double> byKind = new TreeMap<>();
        for (Map.Entry<Long, Object[]> e : end.threadNanos.entrySet()) {
            Object[] before = threadNanos.get(e.getKey());
            long delta = (Long) e.getValue()[1] - (before == null ? 0L : (Long) before[1]);
            byKind.merge((String) e.getValue()[0], delta / 1e9, Double::sum);
        }
        byKind.merge("benchmark: load clients", (end.clientNanos - clientNanos) / 1e9, Double::sum);
        Map<String, Object> threads = new LinkedHashMap<>();
        double named = 0;
        for (Map.Entry<String, Double> e : byKind.entrySet()) {
            named += e.getValue();
            threads.put(e.getKey(), round(e.getValue() * 1e6 / records, 1));
        }
        threads.put("GC, JIT compiler, VM", round((jvm - named) * 1e6 / records, 1));
        m.put("jvmMicrosPerRecordByThread", threads);
        m.put("gcCollections", end.gcCount - gcCount);
        m.put("gcMillis", end.gcMillis - gcMillis);
        m.put("jitCompilerMillis", end.jitMillis - jitMillis);
        m.put("jvmKernelPercent", jvm == 0 ? 0 : round(100 * (end.jvmSysTicks - jvmSysTicks) / TICKS_PER_SECOND / jvm, 1));
        m.put("postgresMicrosPerRecord", round(pg * 1e6 / records, 1));
        m.put("postgresKernelPercent", pg == 0 ? 0 : round(100 * own[1] / pg, 1));
        m.put("postgresBackgroundMicrosPerRecord", round(background * 1e6 / records, 1));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("wallSeconds", round(wall, 2));
        m.put("machineBusyPercent", total == 0 ? 0 : round(100.0 * busy * TICKS_PER_SECOND / total, 1));
        m.put("otherUsersCpuSeconds", round(Math.max(0, busy - jvm - replicas - pg - background), 2));
        m.put("otherPostgresSessionsCpuSeconds", round(others, 2));
        return m;
    }

    private static long jvmCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** CPU time of the JVM's live threads by thread id, with their kind (request threads, the rest); load clients apart. */
    private static Map<Long, Object[]> threadCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Object[]> out = new HashMap<>();
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti == null) {
                continue;
            }
            long ns = mx.getThreadCpuTime(ti.getThreadId());
            String n = ti.getThreadName();
            if (ns < 0 || n.startsWith("sync-client")) {
                continue; // load clients add their CPU time as they finish (SyncLoad)
            }
            String kind = n.startsWith("JettyServerThreadPool") ? "backend: HTTP request threads"
                    : n.startsWith("bench-stack-sampler") ? "benchmark: stack sampler"
                    : "other Java threads";
            out.put(ti.getThreadId(), new Object[] {kind, ns});
        }
        return out;
    }

    /** stime of this process (kernel time: system calls, scheduling). */
    private static long ownSysTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** pid -> {utime, stime, 1 if a background process (WAL writer, checkpointer...) else 0} of every postgres process. */
    private static Map<Long, long[]> postgresTicks() {
        Map<Long, long[]> out = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    if (open < 0 || close < 0 || !stat.substring(open + 1, close).startsWith("postgres")) {
                        continue;
                    }
                    String[] f = stat.substring(close + 2).split(" ");
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    boolean backgroundProcess = cmd.contains("walwriter") || cmd.contains("checkpointer") || cmd.contains("background writer")
                            || cmd.contains("autovacuum") || cmd.contains("stats") || cmd.contains("logical replication")
                            || cmd.contains("archiver") || !cmd.startsWith("postgres:");
                    out.put(Long.parseLong(name), new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), backgroundProcess ? 1 : 0});
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** {busy, total} jiffies of all CPUs from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
