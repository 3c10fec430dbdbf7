package org.dualoffline.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uploads prepared sync requests through the HTTP API: {@code threads} client threads, each on a
 * keep-alive connection of its own, all released at once by one latch; each thread takes the next
 * wallet and sends that wallet's uploads in order (a wallet syncs one request after the other),
 * timing every request. Bounded: at most {@code threads} requests in flight, and each thread gives
 * up at {@code deadlineSeconds}. With several backend replicas, the uploads go round-robin by
 * upload (the n-th request sent, whoever sends it, to replica n mod N; each thread keeps a
 * connection to every replica), and each replica's share is reported apart.
 */
final class SyncLoad {
    private static final AtomicLong FINISHED_CLIENT_CPU = new AtomicLong();

    private SyncLoad() {}

    /** CPU time of all load-client threads that have finished so far. */
    static long finishedClientCpuNanos() {
        return FINISHED_CLIENT_CPU.get();
    }

    /** What the uploads did, as the client saw it. */
    record Result(int threads, long requests, long wallNanos, long[] latencyNanos, long accepted, long duplicates, long pending,
                  long failures, List<String> firstFailures, boolean timedOut, List<Replica> replicas) {
        double seconds() {
            return wallNanos / 1e9;
        }

        /** Latency percentile in milliseconds (nearest rank). */
        double percentileMillis(double p) {
            return SyncLoad.percentileMillis(latencyNanos, p);
        }

        /** Two runs' counts together (the latencies and wall time of {@code later}), for the ledger check. */
        Result plus(Result later) {
            List<String> failed = new ArrayList<>(firstFailures);
            failed.addAll(later.firstFailures);
            return new Result(later.threads, requests + later.requests, later.wallNanos, later.latencyNanos, accepted + later.accepted,
                    duplicates + later.duplicates, later.pending, failures + later.failures, failed, timedOut || later.timedOut,
                    later.replicas);
        }

        Map<String, Object> latencies() {
            return SyncLoad.latencies(latencyNanos);
        }
    }

    /** One replica's share of the uploads: its URL, requests, entries it accepted, latencies (sorted). */
    record Replica(String baseUrl, long requests, long accepted, long[] latencyNanos) {
        Map<String, Object> latencies() {
            return SyncLoad.latencies(latencyNanos);
        }
    }

    static Map<String, Object> latencies(long[] sortedNanos) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50", percentileMillis(sortedNanos, 50));
        m.put("p90", percentileMillis(sortedNanos, 90));
        m.put("p99", percentileMillis(sortedNanos, 99));
        m.put("max", percentileMillis(sortedNanos, 100));
        return m;
    }

    static double percentileMillis(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return Math.round(sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e4) / 100.0;
    }

    static Result run(List<List<byte[]>> sessions, String baseUrl, int threads, int deadlineSeconds) throws InterruptedException {
        return run(sessions, List.of(baseUrl), threads, deadlineSeconds);
    }

    static Result run(List<List<byte[]>> sessions, List<String> baseUrls, int threads, int deadlineSeconds) throws InterruptedException {
        int[] offset = new int[sessions.size() + 1];
        for (int s = 0; s < sessions.size(); s++) {
            offset[s + 1] = offset[s] + sessions.get(s).size();
        }
        long[] latency = new long[offset[sessions.size()]];
        int[] replicaOf = new int[latency.length];
        long[] acceptedBy = new long[latency.length];
        int n0 = baseUrls.size();
        AtomicLong nextUpload = new AtomicLong();
        AtomicInteger nextSession = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong pending = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<String> firstFailures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(threads);
        long[] deadline = new long[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                List<LoopbackHttp> connections = new ArrayList<>();
                baseUrls.forEach(u -> connections.add(new LoopbackHttp(u)));
                try {
                    ready.countDown();
                    go.await();
                    for (int s = nextSession.getAndIncrement(); s < sessions.size() && System.nanoTime() < deadline[0];
                         s = nextSession.getAndIncrement()) {
                        List<byte[]> requests = sessions.get(s);
                        for (int i = 0; i < requests.size(); i++) {
                            int replica = (int) (nextUpload.getAndIncrement() % n0);
                            replicaOf[offset[s] + i] = replica;
                            long t0 = System.nanoTime();
                            LoopbackHttp.Response r;
                            try {
                                r = connections.get(replica).exchange(requests.get(i));
                            } catch (RuntimeException e) {
                                r = new LoopbackHttp.Response(-1, String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
                            }
                            latency[offset[s] + i] = System.nanoTime() - t0;
                            done.incrementAndGet();
                            if (r.status() == 200) {
                                acceptedBy[offset[s] + i] = intField(r.body(), "accepted");
                                accepted.addAndGet(intField(r.body(), "accepted"));
                                duplicates.addAndGet(intField(r.body(), "duplicates"));
                                pending.addAndGet(intField(r.body(), "pending"));
                            } else {
                                failures.incrementAndGet();
                                if (firstFailures.size() < 5) {
                                    firstFailures.add(r.status() + " " + r.text());
                                }
                                break; // the rest of this wallet's uploads would only pile up as pending
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    connections.forEach(LoopbackHttp::close);
                    FINISHED_CLIENT_CPU.addAndGet(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                    finished.countDown();
                }
            }, "sync-client-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        long t0 = System.nanoTime();
        deadline[0] = t0 + TimeUnit.SECONDS.toNanos(deadlineSeconds);
        go.countDown();
        boolean inTime = finished.await(deadlineSeconds + 60L, TimeUnit.SECONDS);
        long wall = System.nanoTime() - t0;
        boolean timedOut = !inTime || nextSession.get() < sessions.size();
        int n = done.get();
        long[] measured = Arrays.stream(latency).filter(x -> x > 0).toArray();
        Arrays.sort(measured);
        List<Replica> replicas = new ArrayList<>();
        for (int r = 0; r < n0; r++) {
            int replica = r;
            long[] mine = java.util.stream.IntStream.range(0, latency.length).filter(i -> latency[i] > 0 && replicaOf[i] == replica)
                    .mapToLong(i -> latency[i]).sorted().toArray();
            long acceptedHere = java.util.stream.IntStream.range(0, latency.length).filter(i -> replicaOf[i] == replica)
                    .mapToLong(i -> acceptedBy[i]).sum();
            replicas.add(new Replica(baseUrls.get(r), mine.length, acceptedHere, mine));
        }
        return new Result(threads, n, wall, measured, accepted.get(), duplicates.get(), pending.get(), failures.get(),
                List.copyOf(firstFailures), timedOut, List.copyOf(replicas));
    }

    /** A non-negative integer field of a small flat JSON object, without a JSON parser; -1 when absent. */
    static long intField(byte[] json, String name) {
        byte[] key = ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + key.length <= json.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (json[i + j] != key[j]) {
                    continue outer;
                }
            }
            long v = 0;
            for (int k = i + key.length; k < json.length && json[k] >= '0' && json[k] <= '9'; k++) {
                v = v * 10 + (json[k] - '0');
            }
            return v;
        }
        return -1;
    }
}
