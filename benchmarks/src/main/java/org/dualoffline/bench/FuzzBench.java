package org.dualoffline.bench;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dualoffline.backend.ReconciliationBackend;
import org.dualoffline.fuzz.FuzzPlan;
import org.dualoffline.fuzz.FuzzReport;
import org.dualoffline.fuzz.HttpFuzzer;
import org.dualoffline.fuzz.HttpStateProbe;
import org.dualoffline.fuzz.RawHttp;
import org.dualoffline.fuzz.RawResponse;
import org.dualoffline.fuzz.Replay;

/**
 * {@code ./bench fuzz}: the seeded HTTP fuzzer of the backend's tests, turned on a backend's URL
 * (a vendor's, with its operator token) or, without {@code --url}, on the reference backend
 * started in-process on an in-memory database. Against an external backend, "a refused request
 * changes nothing" is judged on what the API shows: the audit, the blocklist and the fuzzer's
 * own wallets. The fuzzer enrols three wallets, funds them and blocklists one: run it on a
 * backend set up for testing. {@code --replay} sends one printed request again.
 */
final class FuzzBench {
    private FuzzBench() {}

    /** Options: url (null: in-process), token, requests, seed, seconds, trace. */
    record Options(String url, String token, int requests, long seed, int seconds, boolean trace) {}

    static Map<String, Object> run(Options o) throws Exception {
        FuzzPlan plan = new FuzzPlan(o.seed(), o.requests(), Duration.ofSeconds(o.seconds()), Duration.ofSeconds(10));
        ReconciliationBackend embedded = o.url() == null ? ReconciliationBackend.startEmbedded(o.seed()) : null;
        try {
            URI url = URI.create(embedded != null ? embedded.baseUrl() : o.url());
            String token = embedded != null ? embedded.operatorToken() : o.token();
            HttpFuzzer fuzzer = new HttpFuzzer(url, token, System.err);
            if (o.trace()) {
                fuzzer.tracing(System.err);
            }
            FuzzReport report;
            try (HttpStateProbe api = new HttpStateProbe(url, token, plan.answerTimeout())) {
                report = fuzzer.run(plan, corpus -> api.watching(corpus.walletIds()));
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", "fuzz");
            r.put("value", report.requests());
            r.put("unit", "requests sent and judged, " + report.failed() + " broke a rule");
            r.put("passed", report.passed());
            r.put("target", embedded != null ? "the reference backend, in-process, H2 in memory" : url.toString());
            r.put("seed", report.seed());
            r.put("seconds", report.millis() / 1000.0);
            r.put("exchanges", report.exchanges());
            r.put("connections", report.connections());
            r.put("stoppedByTimeLimit", report.stoppedByTime());
            r.put("statuses", report.statuses());
            r.put("failures", report.failures().stream().map(FuzzReport.Failure::describe).toList());
            return r;
        } finally {
            if (embedded != null) {
                embedded.stop();
            }
        }
    }

    /** Sends one request of a fuzzer report again ({@code --replay <base64>}) and prints the answer. */
    static int replay(String url, String token, String base64, PrintStream out) throws Exception {
        byte[] request = Replay.decode(base64, token);
        out.println("sending: " + Replay.readable(request, token));
        try (RawHttp http = new RawHttp(URI.create(url), Duration.ofSeconds(10))) {
            String head = new String(request, java.nio.charset.StandardCharsets.ISO_8859_1);
            RawResponse r = http.exchange(request, head.regionMatches(true, 0, "HEAD ", 0, 5));
            out.println(r.head());
            out.println();
            out.println(r.text());
            return r.status();
        } catch (RawHttp.NoAnswer e) {
            out.println("no answer: " + e.getMessage());
            return 0;
        }
    }
}
