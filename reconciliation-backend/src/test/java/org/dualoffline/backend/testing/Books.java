package org.dualoffline.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the operator sees of the bank's books (audit, exposure, blocklist version), and every
 * table but the evidence of conflicts, for tests that must show a refused upload changed nothing.
 */
public final class Books {
    /** The tables a conflict writes to: its evidence and the blocklist. Everything else must not move. */
    private static final List<String> EVIDENCE = List.of("wallet_conflicts", "blocklist");

    private final BackendExtension backend;

    public Books(BackendExtension backend) {
        this.backend = backend;
    }

    public JsonPath audit() {
        return backend.api().operator().get("/v1/audit").then().statusCode(200).extract().jsonPath();
    }

    public JsonPath exposure(TestWallet w) {
        return backend.api().operator().get("/v1/wallets/{id}/exposure", w.id().hex()).then().statusCode(200).extract().jsonPath();
    }

    /** The audit, asserting it finds the books balanced; for the assertions that follow. */
    public JsonPath auditConserved() {
        JsonPath a = audit();
        assertThat(a.getBoolean("conserved")).as("the audit: %s", a.prettify()).isTrue();
        assertThat(a.getLong("difference")).isZero();
        return a;
    }

    /** Every table but the evidence of conflicts, row by row (see {@link TableSnapshot}). */
    public Map<String, List<String>> allButEvidence() throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = backend.database().connect()) {
            for (String table : TableSnapshot.TABLES.keySet()) {
                if (!EVIDENCE.contains(table)) {
                    out.put(table, TableSnapshot.rows(c, table));
                }
            }
        }
        return out;
    }

    /** {@code field} of {@code after} minus the same of {@code before}. */
    public static long delta(JsonPath after, JsonPath before, String field) {
        return after.getLong(field) - before.getLong(field);
    }
}
