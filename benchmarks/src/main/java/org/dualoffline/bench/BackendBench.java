package org.dualoffline.bench;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./bench backend}: records per second uploaded through the HTTP API and verified (ECDSA
 * P-256: the entry's signature, and beside a RECEIVE entry the payer's PAY entry's), chained
 * (counter and prevHash against the wallet's accepted head) and settled (payment row and the two
 * postings, exactly once) by the reference backend on the real PostgreSQL. The traffic - enrolled
 * and funded wallets paying each other - is made before the clock starts; a few wallets' uploads
 * warm the JIT up first; the ledger is read back and checked after.
 */
public final class BackendBench {
    private BackendBench() {}

    public static Map<String, Object> run(SyncBench.Plan plan) throws SQLException, InterruptedException {
        SyncBench.Outcome o = SyncBench.run(plan);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", "backend");
        r.put("value", Math.round(o.recordsPerSecond()));
        r.put("unit", "records/s uploaded, verified, chained and settled (PostgreSQL)");
        r.putAll(SyncBench.details(o));
        return r;
    }
}
