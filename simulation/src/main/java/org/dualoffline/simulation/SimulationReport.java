package org.dualoffline.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.harness.ReconciliationClient;
import org.dualoffline.protocol.Money;

/**
 * The simulation's report in {@code reports/simulate/<name>/}: {@code summary.json} with the
 * headline figures and the checks, {@code index.html} a person reads - the headline sentences,
 * the charts (SVG files beside it, viewable offline) and the tables behind them.
 */
final class SimulationReport {
    /** Everything a run produced, for the report. */
    record Run(TownSpec spec, Path scenarioFile, String scenarioSha256, String profile, String device, String backendMode, long seed,
               String harnessCommit, Simulation.Timeline timeline, long attempts, long cutsArmed, Storm.Result storm,
               ReconciliationClient.AuditView before, ReconciliationClient.AuditView after, Books.Verdict verdict,
               Map<String, Double> stageSeconds, Map<String, Double> stageCpuSeconds, long peakHeapBytes, int syncingWallets) {}

    private SimulationReport() {}

    /** The hour whose end a headline speaks of: 48 h, or the last hour of a shorter run. */
    static int headlineHour(int hours) {
        return Math.min(48, hours);
    }

    static Map<String, Object> summary(Run r) {
        Simulation.Timeline t = r.timeline();
        int h = headlineHour(r.spec().hours());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", 1);
        m.put("name", r.spec().name());
        m.put("scenarioFile", r.scenarioFile().toString());
        m.put("scenarioSha256", r.scenarioSha256());
        m.put("seed", r.seed());
        m.put("profile", r.profile());
        m.put("device", r.device());
        m.put("backend", r.backendMode());
        m.put("harnessCommit", r.harnessCommit());
        Map<String, Object> town = new LinkedHashMap<>();
        town.put("wallets", r.spec().walletCount());
        r.spec().wallets().forEach((k, v) -> town.put(k.label, v));
        town.put("merchantsWithPos", r.spec().posMerchants());
        town.put("merchantsWithTag", r.spec().tagMerchants());
        town.put("clones", r.spec().wallets().getOrDefault(org.dualoffline.devices.DeviceKind.CARD, 0) == 0 ? 0
                : Math.round(r.spec().wallets().get(org.dualoffline.devices.DeviceKind.CARD) * r.spec().cloneShare()));
        town.put("hours", r.spec().hours());
        m.put("town", town);
        Map<String, Object> headline = new LinkedHashMap<>();
        headline.put("hour", h);
        headline.put("merchantsAbleToAcceptPercent", percent(t.canAccept[h - 1]));
        headline.put("walletsAbleToPayPercent", percent(t.canPay[h - 1]));
        headline.put("posTerminalsWithPowerPercent", percent(t.posAlive[h - 1]));
        headline.put("sentences", sentences(r));
        m.put("headline", headline);
        Map<String, Object> payments = new LinkedHashMap<>();
        payments.put("attempts", r.attempts());
        for (Simulation.Outcome o : Simulation.Outcome.values()) {
            payments.put(o.name().toLowerCase(java.util.Locale.ROOT), t.total(o));
        }
        payments.put("powerCutsArmed", r.cutsArmed());
        m.put("payments", payments);
        Map<String, Object> storm = new LinkedHashMap<>();
        storm.put("wallets", r.storm().wallets());
        storm.put("records", r.storm().records());
        storm.put("recordsPerSecond", Math.round(r.storm().recordsPerSecond()));
        storm.put("uploadsPerSecond", Math.round(r.storm().uploadsPerSecond()));
        storm.put("uploadP50Ms", r.storm().percentileMillis(50));
        storm.put("uploadP99Ms", r.storm().percentileMillis(99));
        storm.put("drainSeconds", Math.round(r.storm().wallMicros() / 1e4) / 100.0);
        storm.put("refusedUploads", r.storm().refused());
        storm.put("uploadsPerBackendProcess", java.util.Arrays.stream(r.storm().uploadsPerBackend()).boxed().toList());
        m.put("storm", storm);
        m.put("checks", r.verdict().toMap());
        Map<String, Object> books = new LinkedHashMap<>();
        books.put("before", r.before().all());
        books.put("after", r.after().all());
        m.put("books", books);
        m.put("stageSeconds", r.stageSeconds());
        m.put("stageCpuSeconds", r.stageCpuSeconds());
        m.put("peakHeapMiB", r.peakHeapBytes() / (1024 * 1024));
        return m;
    }

    private static double percent(double share) {
        return Math.round(share * 1000) / 10.0;
    }

    static List<String> sentences(Run r) {
        Simulation.Timeline t = r.timeline();
        int h = headlineHour(r.spec().hours());
        long completed = t.total(Simulation.Outcome.COMPLETED);
        long refused = r.attempts() - completed;
        return List.of(
                String.format("After %d h offline, %.1f %% of merchants can still accept and %.1f %% of wallets can still pay.", h,
                        percent(t.canAccept[h - 1]), percent(t.canPay[h - 1])),
                String.format("%,d of %,d payment attempts completed (%.1f %%); %,d were refused or cut off.", completed, r.attempts(),
                        r.attempts() == 0 ? 0 : 100.0 * completed / r.attempts(), refused),
                String.format("When the network returned, %,d wallets synced %,d records at %,.0f records/s (upload p50 %d ms, p99 %d ms); the backlog drained in %.1f s.",
                        r.storm().wallets(), r.storm().records(), r.storm().recordsPerSecond(), r.storm().percentileMillis(50),
                        r.storm().percentileMillis(99), r.storm().wallMicros() / 1e6),
                r.verdict().passed() ? "The books balance, every payment was settled exactly once, and every clone that spent twice was caught."
                        : "THE CHECKS FAILED: " + r.verdict().toMap());
    }

    /** Writes the report's files into {@code dir}; returns the HTML page. */
    static Path write(Path dir, Run r) throws IOException {
        Files.createDirectories(dir);
        Simulation.Timeline t = r.timeline();
        Map<String, double[]> byOutcome = new LinkedHashMap<>();
        for (Simulation.Outcome o : Simulation.Outcome.values()) {
            double[] v = new double[t.hours];
            for (int i = 0; i < t.hours; i++) {
                v[i] = t.outcomes[i][o.ordinal()];
            }
            if (o == Simulation.Outcome.COMPLETED || t.total(o) > 0) {
                byOutcome.put(o.label, v);
            }
        }
        double[] hours = new double[t.hours];
        for (int i = 0; i < t.hours; i++) {
            hours[i] = i + 1;
        }
        Files.writeString(dir.resolve("payments.svg"), Charts.stackedBars("Payment attempts per hour, by outcome", "hour offline",
                "attempts", byOutcome, 1), StandardCharsets.UTF_8);
        Map<String, double[]> able = new LinkedHashMap<>();
        able.put("wallets able to pay", scale(t.canPay, 100));
        able.put("merchants able to accept", scale(t.canAccept, 100));
        able.put("POS terminals with power", scale(t.posAlive, 100));
        Files.writeString(dir.resolve("able.svg"), Charts.lines("Who can still pay and accept", "hour offline", "% of the town", hours, able,
                true), StandardCharsets.UTF_8);
        Map<String, double[]> batteries = new LinkedHashMap<>();
        batteries.put("POS terminals (mean %)", t.posBattery);
        batteries.put("phones (mean %)", t.phoneBattery);
        Files.writeString(dir.resolve("batteries.svg"), Charts.lines("Battery levels", "hour offline", "% charge", hours, batteries, true),
                StandardCharsets.UTF_8);
        long[] drained = r.storm().drainedAtMillis();
        double[] x = new double[drained.length];
        double[] y = new double[drained.length];
        for (int i = 0; i < drained.length; i++) {
            x[i] = drained[i] / 1000.0;
            y[i] = 100.0 * (i + 1) / Math.max(1, drained.length);
        }
        Map<String, double[]> drain = new LinkedHashMap<>();
        drain.put("wallets synced (%)", y);
        Files.writeString(dir.resolve("storm.svg"), Charts.lines("The reconnect storm: wallets synced over time", "seconds after the network returned",
                "% of wallets", x, drain, true), StandardCharsets.UTF_8);
        Map<String, Double> latency = new LinkedHashMap<>();
        for (double p : new double[] {50, 90, 99, 100}) {
            latency.put(p == 100 ? "max" : "p" + (int) p, (double) r.storm().percentileMillis(p));
        }
        Files.writeString(dir.resolve("latency.svg"), Charts.bars("Upload latency in the storm", "ms", latency), StandardCharsets.UTF_8);
        Map<String, long[]> books = new LinkedHashMap<>();
        books.put("online accounts", new long[] {r.before().onlineAccounts(), r.after().onlineAccounts()});
        books.put("offline, as reported", new long[] {r.before().offlineAsReported(), r.after().offlineAsReported()});
        books.put("in flight", new long[] {r.before().inFlight(), r.after().inFlight()});
        books.put("issuer's cover", new long[] {r.before().issuerCover(), r.after().issuerCover()});
        books.put("total issued", new long[] {r.before().totalIssued(), r.after().totalIssued()});
        Files.writeString(dir.resolve("books.svg"), Charts.beforeAfter("The books before and after the storm", "yuan", books),
                StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(dir.resolve("summary.json"), json.writeValueAsString(summary(r)) + "\n", StandardCharsets.UTF_8);
        Path html = dir.resolve("index.html");
        Files.writeString(html, html(r), StandardCharsets.UTF_8);
        return html;
    }

    private static double[] scale(double[] v, double k) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * k;
        }
        return out;
    }

    private static String html(Run r) {
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Simulation ").append(esc(r.spec().name()))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                        + "th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}.pass{color:#2e7d32}.fail{color:#c62828}"
                        + "img{max-width:100%;border:1px solid #eee;margin:0.5em 0}</style></head><body>\n");
        s.append("<h1>").append(esc(r.spec().name())).append(": a town offline, then the reconnect storm</h1>\n");
        s.append("<p class=\"").append(r.verdict().passed() ? "pass" : "fail").append("\"><strong>")
                .append(r.verdict().passed() ? "CHECKS PASSED" : "CHECKS FAILED").append("</strong></p>\n<ul>\n");
        for (String sentence : sentences(r)) {
            s.append("<li>").append(esc(sentence)).append("</li>\n");
        }
        s.append("</ul>\n");
        s.append("<h2>The town</h2>\n<table><tr><th>what</th><th>how many</th></tr>\n");
        r.spec().wallets().forEach((k, v) -> row(s, k.label + " wallets", String.format("%,d", v)));
        row(s, "merchants with a POS terminal", String.format("%,d", r.spec().posMerchants()));
        row(s, "merchants with a payment tag", String.format("%,d", r.spec().tagMerchants()));
        row(s, "cloned cards", String.format("%,d", r.verdict().clonesDiverged() + r.verdict().clonesQuiet()));
        row(s, "hours offline", String.valueOf(r.spec().hours()));
        row(s, "starting balance", Money.yuan(r.spec().walletBalance()));
        row(s, "payments per wallet per day", String.valueOf(r.spec().paymentsPerDay()));
        row(s, "power cuts mid-touch (share of touches)", String.valueOf(r.spec().powerCutRate()));
        s.append("</table>\n");
        s.append("<h2>Payments</h2>\n<img src=\"payments.svg\" alt=\"payment attempts per hour by outcome\">\n<table><tr><th>outcome</th><th>attempts</th></tr>\n");
        for (Simulation.Outcome o : Simulation.Outcome.values()) {
            row(s, o.label, String.format("%,d", r.timeline().total(o)));
        }
        s.append("</table>\n<img src=\"able.svg\" alt=\"share of the town able to pay and accept\">\n");
        s.append("<img src=\"batteries.svg\" alt=\"battery levels\">\n");
        s.append("<h2>The reconnect storm</h2>\n<img src=\"storm.svg\" alt=\"wallets synced over time\">\n");
        s.append("<img src=\"latency.svg\" alt=\"upload latency\">\n<table><tr><th>figure</th><th>value</th></tr>\n");
        row(s, "wallets", String.format("%,d", r.storm().wallets()));
        row(s, "records", String.format("%,d", r.storm().records()));
        row(s, "records/s", String.format("%,.0f", r.storm().recordsPerSecond()));
        row(s, "uploads/s", String.format("%,.0f (a wallet's log is a few records: the storm is bound by uploads, not records)", r.storm().uploadsPerSecond()));
        row(s, "upload p50 / p99", r.storm().percentileMillis(50) + " / " + r.storm().percentileMillis(99) + " ms");
        row(s, "time to drain the backlog", String.format("%.2f s", r.storm().wallMicros() / 1e6));
        row(s, "uploads refused or acknowledgements the wallet refused", String.valueOf(r.storm().refused()));
        if (r.storm().uploadsPerBackend().length > 1) {
            row(s, "uploads per backend process (round-robin)", java.util.Arrays.stream(r.storm().uploadsPerBackend())
                    .mapToObj(n -> String.format("%,d", n)).collect(java.util.stream.Collectors.joining(" / ")));
        }
        s.append("</table>\n<h2>The books</h2>\n<img src=\"books.svg\" alt=\"the books before and after\">\n");
        s.append("<h2>Checks</h2>\n<table><tr><th>check</th><th>result</th></tr>\n");
        r.verdict().toMap().forEach((k, v) -> row(s, k, String.valueOf(v)));
        s.append("</table>\n<h2>Run</h2>\n<table><tr><th>what</th><th>value</th></tr>\n");
        row(s, "scenario file", r.scenarioFile() + " (sha256 " + r.scenarioSha256() + ")");
        row(s, "seed", String.valueOf(r.seed()));
        row(s, "profile / device", r.profile() + " / " + r.device());
        row(s, "backend", r.backendMode());
        row(s, "harness commit", r.harnessCommit());
        r.stageSeconds().forEach((k, v) -> row(s, k, String.format("%.1f s (%.1f s of CPU)", v, r.stageCpuSeconds().getOrDefault(k, 0.0))));
        row(s, "peak heap", r.peakHeapBytes() / (1024 * 1024) + " MiB");
        s.append("</table>\n<p>summary.json holds these figures for machines.</p>\n</body></html>\n");
        return s.toString();
    }

    private static void row(StringBuilder s, String k, String v) {
        s.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v)).append("</td></tr>\n");
    }

    private static String esc(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
