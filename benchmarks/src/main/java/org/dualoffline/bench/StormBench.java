package org.dualoffline.bench;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./bench storm}: every wallet reconnects at once after a long offline stretch - by
 * default 10,000 wallets with 20 records each, one upload per wallet - through a bounded pool of
 * client connections released together by one latch, on loopback. Reports throughput and latency,
 * and a conservation check read back from the database: every record accepted exactly once,
 * every payment settled exactly once, total settled out = total settled in, every wallet's
 * balance as its own log says. {@code passed} false makes the command exit 1.
 */
public final class StormBench {
    private StormBench() {}

    public static Map<String, Object> run(SyncBench.Plan plan) throws SQLException, InterruptedException {
        SyncBench.Outcome o = SyncBench.run(plan);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", "storm");
        r.put("value", Math.round(o.recordsPerSecond()));
        r.put("unit", "records/s while " + plan.wallets() + " wallets sync at once (PostgreSQL)");
        r.put("p99LatencyMs", o.timed().percentileMillis(99));
        r.put("lost", lostOrDoubled(o, "lost"));
        r.put("doubled", lostOrDoubled(o, "doubled"));
        r.putAll(SyncBench.details(o));
        return r;
    }

    @SuppressWarnings("unchecked")
    private static long lostOrDoubled(SyncBench.Outcome o, String what) {
        Map<String, Object> records = (Map<String, Object>) o.check().get("records");
        Map<String, Object> payments = (Map<String, Object>) o.check().get("payments");
        return ((Number) records.get(what)).longValue() + ((Number) payments.get(what)).longValue();
    }
}
