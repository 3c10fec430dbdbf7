package org.dualoffline.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.TableCounts;
import org.dualoffline.fuzz.FuzzPlan;
import org.dualoffline.fuzz.FuzzReport;
import org.dualoffline.fuzz.HttpFuzzer;
import org.dualoffline.fuzz.HttpStateProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seeded HTTP fuzzer ({@code reconciliation-backend/http-fuzzer}) against the backend on
 * loopback, on each of the two databases: mutated and made-up bodies, paths, queries, headers,
 * methods, framing and operator tokens, mostly on one keep-alive connection. Every answer is a
 * 2xx or a 4xx problem in the API's words, never a 5xx; no 2xx without the token off the open
 * routes; a refused request changes no row of any table, no wallet id, nothing in the audit;
 * the backend answers a good request afterwards. 2,500 requests by default (within a time limit
 * of 120 s); {@code -Ddualoffline.fuzz.requests=}, {@code -Ddualoffline.fuzz.seconds=} and
 * {@code -Ddualoffline.fuzz.seed=} make a longer or another run. Every request that broke a rule
 * is printed with its replay, and becomes a plain regression test.
 */
class HttpFuzzTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(1515);

    @Test
    void noRequestOfTheFuzzerBreaksARuleOfTheApi() throws Exception {
        FuzzPlan plan = FuzzPlan.fromSystemProperties(2_500, Duration.ofSeconds(120));
        URI url = URI.create(backend.api().baseUrl());
        String token = backend.api().operatorToken();
        System.out.println("http fuzzer database: " + backend.database().describe());

        FuzzReport report;
        try (TableCounts tables = new TableCounts(backend.database()); HttpStateProbe audit = new HttpStateProbe(url, token, plan.answerTimeout())) {
            report = new HttpFuzzer(url, token, System.out).run(plan, corpus -> tables.and(audit));
        }

        assertThat(report.failed()).as(report.text()).isZero();
        assertThat(report.requests()).as("requests sent").isGreaterThanOrEqualTo(Math.min(plan.requests(), 100));
        assertThat(report.statuses().keySet()).as("answers").contains(200, 400, 401, 404, 405);
    }
}
