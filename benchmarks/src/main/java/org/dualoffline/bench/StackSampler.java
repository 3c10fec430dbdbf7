package org.dualoffline.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A poor man's sampling profiler for {@code --profile}: every {@value #PERIOD_MS} ms it takes the
 * stacks of the backend's request threads (Jetty's pool) and files each busy one under the stage
 * it is in, judged from its frames: waiting for PostgreSQL, waiting for a pooled connection,
 * ECDSA verification, the acknowledgement's signature, JDBC driver, JSON, HTTP, the backend's own
 * code. Shares are of the busy request-thread samples. Taking all stacks stops the JVM briefly,
 * so figures from a profiled run are a little lower; it is off by default.
 */
final class StackSampler implements AutoCloseable {
    static final int PERIOD_MS = 20;

    private final Map<String, Long> counts = new TreeMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long samples;

    private StackSampler() {
        thread = new Thread(this::loop, "bench-stack-sampler");
        thread.setDaemon(true);
    }

    static StackSampler start() {
        StackSampler s = new StackSampler();
        s.thread.start();
        return s;
    }

    private void loop() {
        while (running) {
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                String name = e.getKey().getName();
                if (name.startsWith("JettyServerThreadPool")) {
                    String stage = classify(e.getValue());
                    if (stage != null) {
                        synchronized (counts) {
                            counts.merge(stage, 1L, Long::sum);
                        }
                    }
                }
            }
            synchronized (counts) {
                samples++;
            }
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    /** The stage of one request thread's stack, or null when the thread is idle (no request in hand). */
    static String classify(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return null;
        }
        boolean inRequest = false;
        for (StackTraceElement f : stack) {
            if (f.getClassName().startsWith("io.javalin.http.servlet.JavalinServlet")) {
                inRequest = true;
                break;
            }
        }
        String top = stack[0].getClassName() + "." + stack[0].getMethodName();
        boolean blocked = top.startsWith("sun.nio.ch.") || top.startsWith("java.net.") || top.contains("Unsafe.park")
                || top.startsWith("sun.nio.ch.Net.poll") || top.contains("socketRead");
        if (!inRequest) {
            return blocked ? null : "HTTP: Jetty, outside the handler";
        }
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (blocked) {
                if (c.startsWith("org.postgresql")) {
                    return "waiting: PostgreSQL round trip";
                }
                if (c.startsWith("com.zaxxer.hikari")) {
                    return "waiting: connection pool";
                }
                if (c.startsWith("org.eclipse.jetty")) {
                    return "waiting: HTTP I/O";
                }
                continue;
            }
            String m = c + "." + f.getMethodName();
            for (String[] rule : RULES) {
                if (m.startsWith(rule[0])) {
                    return rule[1];
                }
            }
        }
        return blocked ? "waiting: other" : "HTTP: Jetty and Javalin";
    }

    private static final List<String[]> RULES = List.of(
            new String[] {"org.dualoffline.protocol.P256Sha256.verify", "CPU: ECDSA verify"},
            new String[] {"org.dualoffline.protocol.P256Sha256.sign", "CPU: ECDSA sign (sync acknowledgement)"},
            new String[] {"org.dualoffline.protocol.P256Sha256.hash", "CPU: SHA-256"},
            new String[] {"org.postgresql", "CPU: JDBC driver"},
            new String[] {"com.zaxxer.hikari", "CPU: HikariCP"},
            new String[] {"com.fasterxml.jackson", "CPU: JSON"},
            new String[] {"org.dualoffline.protocol", "CPU: protocol codecs (hex, entries)"},
            new String[] {"org.dualoffline.backend", "CPU: backend code"});

    /** Stage -> share of busy request-thread samples, in percent, largest first. */
    Map<String, Object> report() {
        Map<String, Long> copy;
        long n;
        synchronized (counts) {
            copy = new TreeMap<>(counts);
            n = samples;
        }
        long total = copy.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> out = new LinkedHashMap<>();
        copy.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), CpuUse.round(100.0 * e.getValue() / Math.max(1, total), 1)));
        out.put("samples", n);
        out.put("busyThreadSamples", total);
        return out;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
