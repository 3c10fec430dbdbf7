package org.dualoffline.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.backend.sync.VerifiedSignatures;

/**
 * What {@code ./bench backend} and {@code ./bench storm} share: a backend in-process on a fresh
 * PostgreSQL schema, traffic made off-line before the clock starts, the timed uploads through the
 * HTTP API, CPU accounting, optional stack sampling, and the read-back check of the ledger.
 */
final class SyncBench {
    private SyncBench() {}

    /** How to run: traffic shape, client and server concurrency, deadline. */
    /** @param replicas 0: the backend in-process; N: N backend processes over one schema, uploads round-robin */
    record Plan(int wallets, int recordsPerWallet, int recordsPerUpload, int warmupWallets, int clients, int dbPool,
                int signatureCache, int deadlineSeconds, long seed, boolean profile, int replicas) {}

    /** The measured part, the check and the context, for the benchmark to put in its JSON. */
    record Outcome(Plan plan, SyncLoad.Result timed, long timedRecords, Map<String, Object> cpu, Map<String, Object> signatures,
                   Map<String, Object> profile, Map<String, Object> check, String database, double setupSeconds) {
        double recordsPerSecond() {
            return timedRecords / timed.seconds();
        }

        boolean passed() {
            return Boolean.TRUE.equals(check.get("passed"));
        }
    }

    static Outcome run(Plan plan) throws SQLException, InterruptedException {
        long t0 = System.nanoTime();
        try (BenchBackend backend = BenchBackend.start(plan.seed(), plan.dbPool(), plan.signatureCache(), plan.replicas())) {
            OfflineTraffic.progress(t0, "backend up on %s%s", backend.describeDatabase(), plan.replicas() == 0 ? ""
                    : ": " + plan.replicas() + " replica processes at " + String.join(", ", backend.baseUrls()));
            int[] groups = plan.warmupWallets() == 0 ? new int[] {plan.wallets()} : new int[] {plan.warmupWallets(), plan.wallets()};
            OfflineTraffic traffic = OfflineTraffic.create(backend.baseUrl(), groups, plan.recordsPerWallet(), plan.seed(),
                    Math.min(8, plan.clients()));
            List<List<byte[]>> warmup = new ArrayList<>();
            List<List<byte[]>> timed = new ArrayList<>();
            for (OfflineTraffic.BenchWallet w : traffic.wallets) {
                (w.index < plan.warmupWallets() ? warmup : timed).add(OfflineTraffic.uploads(w, plan.recordsPerUpload()));
            }
            double setup = (System.nanoTime() - t0) / 1e9;
            SyncLoad.Result warm = null;
            if (!warmup.isEmpty()) {
                warm = SyncLoad.run(warmup, backend.baseUrls(), plan.clients(), plan.deadlineSeconds());
                OfflineTraffic.progress(t0, "warm-up: %,d wallets' logs uploaded, %,.0f records/s", warmup.size(),
                        (double) plan.warmupWallets() * plan.recordsPerWallet() / warm.seconds());
            }
            System.gc();
            long timedRecords = (long) plan.wallets() * plan.recordsPerWallet();
            OfflineTraffic.progress(t0, "timed: %,d wallets upload %,d records, %d per request, %d client connections ...",
                    plan.wallets(), timedRecords, plan.recordsPerUpload(), plan.clients());
            StackSampler sampler = plan.profile() ? StackSampler.start() : null;
            CpuUse before = CpuUse.now(backend::postgresPids, backend::replicaCpuTicks);
            VerifiedSignatures.Counts sigBefore = backend.signatureCounts();
            long deadlocksBefore = backend.deadlocks();
            SyncLoad.Result result = SyncLoad.run(timed, backend.baseUrls(), plan.clients(), plan.deadlineSeconds());
            Map<String, Object> cpu = before.untilNow(timedRecords);
            cpu.put("postgresDeadlocksDetected", backend.deadlocks() - deadlocksBefore);
            VerifiedSignatures.Counts sigAfter = backend.signatureCounts();
            // measured after the timed part, so that its keys do not enter the backend's key cache before it
            double ecdsaMicros = EcdsaCost.microsPerVerification(plan.seed());
            OfflineTraffic.progress(t0, "one ECDSA P-256 verification here: %.1f us of one core", ecdsaMicros);
            Map<String, Object> signatures = new LinkedHashMap<>();
            if (sigAfter != null) {
                long verified = sigAfter.verified() - sigBefore.verified();
                long remembered = sigAfter.remembered() - sigBefore.remembered();
                signatures.put("verified", verified);
                signatures.put("answeredFromVerifiedPayEntries", remembered);
                signatures.put("ecdsaVerificationsPerRecord", CpuUse.round((double) verified / timedRecords, 3));
                signatures.put("cacheEntriesPerGeneration", plan.signatureCache());
                signatures.put("ecdsaMicrosPerVerification", CpuUse.round(ecdsaMicros, 1));
            } else {
                signatures.put("ecdsaMicrosPerVerification", CpuUse.round(ecdsaMicros, 1));
                signatures.put("note", "counted inside each replica process, not reported; each replica remembers only the PAY "
                        + "entries it verified itself (default memory, --signature-cache does not reach the replicas)");
            }
            Map<String, Object> profile = null;
            if (sampler != null) {
                sampler.close();
                profile = sampler.report();
            }
            OfflineTraffic.progress(t0, "timed part: %.2f s, %,.0f records/s; reading the ledger back ...", result.seconds(),
                    timedRecords / result.seconds());
            Map<String, Object> check;
            try (Connection c = backend.connect()) {
                check = LedgerCheck.run(c, traffic, warm == null ? result : warm.plus(result));
            }
            Outcome outcome = new Outcome(plan, result, timedRecords, cpu, signatures, profile, check, backend.describeDatabase(), setup);
            Map<String, Object> ceiling = ceiling(outcome);
            if (ceiling != null) {
                OfflineTraffic.progress(t0, "ceiling on these cores: %,d records/s were all else free (ECDSA %.0f us + PostgreSQL %.0f us per record)",
                        ceiling.get("recordsPerSecond"), ceiling.get("ecdsaMicrosPerRecord"), ceiling.get("postgresMicrosPerRecord"));
            }
            return outcome;
        }
    }

    /**
     * A model of the most records per second these cores could take were everything free but the
     * two costs no backend of this protocol avoids: each record's ECDSA verification (measured
     * apart: one thread, the best of 5 rounds over 200 keys whose precomputation is cached, so an
     * optimistic figure - a storm of 10,000 wallets overflows the backend's key cache) and
     * PostgreSQL's own work for it (measured in the run, while it shared the cores). Optimistic on
     * purpose: the real ceiling is lower. Null with replicas, whose verification counts stay inside
     * them.
     */
    static Map<String, Object> ceiling(Outcome o) {
        Object perRecord = o.signatures().get("ecdsaVerificationsPerRecord");
        Object verify = o.signatures().get("ecdsaMicrosPerVerification");
        Object postgres = o.cpu().get("postgresMicrosPerRecord");
        if (!(perRecord instanceof Double v) || !(verify instanceof Double us) || !(postgres instanceof Double pg)) {
            return null;
        }
        double floor = v * us + pg;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("ecdsaMicrosPerRecord", CpuUse.round(v * us, 1));
        c.put("postgresMicrosPerRecord", CpuUse.round(pg, 1));
        c.put("recordsPerSecond", Math.round(Runtime.getRuntime().availableProcessors() * 1e6 / floor));
        c.put("note", "a model, optimistic: the cores divided by (verifications per record x one verification, best case with "
                + "the key's precomputation cached + PostgreSQL's CPU per record): what no HTTP, JSON, JDBC, GC or JIT cost at all "
                + "would still leave");
        return c;
    }

    /** The JSON details both benchmarks report. */
    static Map<String, Object> details(Outcome o) {
        Plan p = o.plan();
        SyncLoad.Result t = o.timed();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("passed", o.passed());
        d.put("records", o.timedRecords());
        d.put("wallets", p.wallets());
        d.put("recordsPerWallet", p.recordsPerWallet());
        d.put("recordsPerUpload", p.recordsPerUpload());
        d.put("uploads", t.requests());
        d.put("uploadsPerSecond", Math.round(t.requests() / t.seconds()));
        d.put("clientThreads", p.clients());
        d.put("replicas", p.replicas() == 0 ? "none: the backend in-process" : p.replicas() + " backend processes over one schema, "
                + "uploads round-robin by upload");
        d.put("dbPoolSize", p.replicas() == 0 ? p.dbPool() : p.dbPool() + " per replica");
        if (p.replicas() > 0) {
            List<Map<String, Object>> each = new ArrayList<>();
            for (SyncLoad.Replica r : t.replicas()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("url", r.baseUrl());
                m.put("uploads", r.requests());
                m.put("recordsAccepted", r.accepted());
                m.put("recordsPerSecond", Math.round(r.accepted() / t.seconds()));
                m.put("uploadLatencyMs", r.latencies());
                each.add(m);
            }
            d.put("perReplica", each);
        }
        d.put("wallSeconds", CpuUse.round(t.seconds(), 3));
        d.put("uploadLatencyMs", t.latencies());
        d.put("failedUploads", t.failures());
        if (!t.firstFailures().isEmpty()) {
            d.put("firstFailures", t.firstFailures());
        }
        if (t.timedOut()) {
            d.put("timedOut", "gave up after " + p.deadlineSeconds() + " s");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> payments = (Map<String, Object>) o.check().get("payments");
        d.put("settlements", payments.get("settled"));
        d.put("warmupWallets", p.warmupWallets());
        d.put("database", o.database());
        d.put("cpu", o.cpu());
        Object perRecord = o.cpu().get("microsPerRecord");
        if (perRecord instanceof Double us && us > 0) {
            // what the benchmark's own processes (JVM and its PostgreSQL backends) would do with the cores to themselves
            d.put("recordsPerSecondIfAlone", Math.round(Runtime.getRuntime().availableProcessors() * 1e6 / us));
        }
        Map<String, Object> ceiling = ceiling(o);
        if (ceiling != null) {
            d.put("ceiling", ceiling);
        }
        d.put("signatures", o.signatures());
        if (o.profile() != null) {
            d.put("profileOfRequestThreads", o.profile());
        }
        d.put("check", o.check());
        d.put("seed", p.seed());
        d.put("setupSeconds", CpuUse.round(o.setupSeconds(), 1));
        d.put("note", (p.replicas() == 0 ? "backend in-process" : p.replicas() + " backend processes (Main, each its own JVM)")
                + " on a fresh PostgreSQL schema (dropped after); client and server share the "
                + "machine's cores; traffic signed and enrolled before the clock starts; warm-up wallets (JIT) not timed; "
                + "the check covers every wallet");
        return d;
    }
}
