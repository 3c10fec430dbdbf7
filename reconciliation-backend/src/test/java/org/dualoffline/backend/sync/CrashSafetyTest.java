package org.dualoffline.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.dualoffline.backend.ReconciliationBackend;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendProcess;
import org.dualoffline.backend.testing.PaymentTraffic;
import org.dualoffline.backend.testing.TableSnapshot;
import org.dualoffline.backend.testing.TestDatabase;
import org.dualoffline.backend.testing.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Crash safety against the real PostgreSQL: the backend runs as a separate OS process; a batch of
 * uploads from several wallets is under way when the process is killed (SIGKILL) with one upload
 * inside its transaction - all its writes done, its commit not - held there by a before-commit
 * listener that only this test passes in ({@link org.dualoffline.backend.testing.HoldingBackendMain}),
 * so the kill lands mid-batch every time, without timing guesses. After the kill: every upload the backend had answered is there, the held one
 * left nothing, no wallet's chain is partial. The backend restarts on the same schema, every wallet
 * uploads its whole log again, and the database ends exactly as after a clean run of the same
 * traffic (compared row by row with a second schema that saw no crash): nothing lost, nothing
 * doubled - records, payments, postings, balances.
 *
 * <p>PostgreSQL only (the suite's PostgreSQL pass): an in-memory H2 cannot outlive its process.
 */
class CrashSafetyTest {
    private static final String TOKEN = "crash-test-operator-token";
    private static final long ISSUER_SEED = 4242;
    private static final int WALLETS = 8;
    private static final int ROUNDS = 20; // each wallet's log: its LOAD entry, then a PAY and a RECEIVE entry per round
    private static final int PER_UPLOAD = 12;
    private static final int CLIENTS = 4;
    private static final int UPLOADS = WALLETS * ((1 + 2 * ROUNDS + PER_UPLOAD - 1) / PER_UPLOAD);
    private static final long LOADED = 100_000;
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Pattern HELD = Pattern.compile("holding upload #\\d+ \\(wallet (\\p{XDigit}{16}), entries (\\d+)\\.\\.(\\d+)\\)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aBackendKilledWithAnUploadInFlightLosesNothingAndTheReuploadEndsExactlyAsACleanRun(TestReporter report) throws Exception {
        Assumptions.assumeTrue(TestDatabases.selectedKind().startsWith("postgres"),
                "crash safety is tested against PostgreSQL only, on the suite's PostgreSQL pass (an in-memory H2 dies with its process)");
        try (TestDatabase crashed = TestDatabases.open("CrashSafetyTest");
             TestDatabase clean = TestDatabases.open("CrashSafetyTestClean")) {
            Map<String, Long> answeredUpTo = new ConcurrentHashMap<>();
            String heldWallet;
            long heldFrom;
            long heldTo;

            // 1. The backend in its own process, told to hold the upload in the middle of the batch before its commit.
            Map<String, String> env = new HashMap<>(crashed.mainEnvironment("crash_first_" + Long.toHexString(System.nanoTime())));
            String firstApp = appName(env);
            env.put("DUALOFFLINE_OPERATOR_TOKEN", TOKEN);
            env.put("DUALOFFLINE_ISSUER_SEED", Long.toString(ISSUER_SEED));
            PaymentTraffic traffic;
            try (BackendProcess first = BackendProcess.startHoldingUpload(UPLOADS / 2, env, DEADLINE)) {
                BackendApi api = new BackendApi(first.baseUrl(), TOKEN, IssuerKeySource.seededRandom(ISSUER_SEED + 1));
                traffic = PaymentTraffic.enrolFundAndPay(List.of(api), WALLETS, ROUNDS, LOADED, 0, PER_UPLOAD);
                assertThat(traffic.requests.values().stream().mapToInt(List::size).sum()).isEqualTo(UPLOADS);

                // the batch: CLIENTS wallets at a time, each wallet's uploads in order
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                AtomicInteger next = new AtomicInteger();
                List<String> walletIds = new ArrayList<>(traffic.requests.keySet());
                for (int t = 0; t < CLIENTS; t++) {
                    clients.submit(() -> uploadLogs(first.baseUrl(), traffic, walletIds, next, answeredUpTo));
                }
                MatchResult held = first.awaitLine(HELD, DEADLINE);
                heldWallet = held.group(1);
                heldFrom = Long.parseLong(held.group(2));
                heldTo = Long.parseLong(held.group(3));
                awaitOpenTransaction(crashed, firstApp);

                first.kill();

                clients.shutdown();
                assertThat(clients.awaitTermination(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("upload clients ended after the kill").isTrue();
            }
            awaitNoConnections(crashed, firstApp);

            // 2. What the crash left: answered uploads durable, the held one gone, every chain whole up to its head.
            try (Connection c = crashed.connect()) {
                assertThat(count(c, "SELECT COUNT(*) FROM wallet_records WHERE wallet_id = ? AND counter BETWEEN ? AND ?", heldWallet,
                        heldFrom, heldTo)).as("records of the upload held before its commit").isZero();
                long answered = 0;
                for (Map.Entry<String, Long> a : answeredUpTo.entrySet()) {
                    assertThat(count(c, "SELECT last_counter FROM wallets WHERE wallet_id = ?", a.getKey()))
                            .as("head of wallet %s, whose upload up to entry #%d was acknowledged", a.getKey(), a.getValue())
                            .isGreaterThanOrEqualTo(a.getValue());
                    answered += a.getValue();
                }
                assertThat(answered).as("entries acknowledged before the kill").isPositive().isLessThan(traffic.records());
                publish(report, "killed", "upload of wallet " + heldWallet + " entries " + heldFrom + ".." + heldTo
                        + " held before its commit; " + answered + " of " + traffic.records() + " entries acknowledged before the kill; "
                        + count(c, "SELECT COUNT(*) FROM wallet_records") + " stored after it");
                assertThat(count(c, "SELECT COUNT(*) FROM wallets w WHERE (SELECT COUNT(*) FROM wallet_records r WHERE r.wallet_id = "
                        + "w.wallet_id) <> w.last_counter OR w.pending_records <> 0 OR COALESCE((SELECT MAX(counter) FROM wallet_records r "
                        + "WHERE r.wallet_id = w.wallet_id), 0) <> w.last_counter")).as("wallets whose stored chain is not 1..head").isZero();
                assertThat(count(c, "SELECT COUNT(*) FROM payments p WHERE (SELECT COUNT(*) FROM ledger_postings l WHERE l.payer_id = "
                        + "p.payer_id AND l.payer_counter = p.payer_counter) <> 2")).as("payments without exactly two postings").isZero();
            }

            // 3. Restart the service itself (no listener) on the same schema; every wallet uploads its whole log again.
            long storedBefore;
            try (Connection c = crashed.connect()) {
                storedBefore = count(c, "SELECT COUNT(*) FROM wallet_records");
            }
            try (BackendProcess second = BackendProcess.start(env, DEADLINE)) {
                long[] counts = uploadEverything(second.baseUrl(), traffic);
                assertThat(counts[0] + counts[1]).as("accepted + duplicates").isEqualTo(traffic.records());
                assertThat(counts[1]).as("duplicates: what survived the crash").isEqualTo(storedBefore);
                assertThat(counts[0]).as("accepted now: what the crash lost").isEqualTo(traffic.records() - storedBefore);
                publish(report, "re-upload", counts[0] + " accepted, " + counts[1] + " duplicates");
            }

            // 4. A clean run of the same traffic, in a schema of its own, for comparison.
            try (ReconciliationBackend reference = ReconciliationBackend.create(clean.backendConfig(TOKEN,
                    IssuerKeySource.seeded(ISSUER_SEED))).start()) {
                traffic.enrolAndFundAgain(new BackendApi(reference.baseUrl(), TOKEN, IssuerKeySource.seededRandom(ISSUER_SEED + 1)));
                long[] counts = uploadEverything(reference.baseUrl(), traffic);
                assertThat(counts[0]).isEqualTo(traffic.records());
            }
            try (Connection a = crashed.connect(); Connection b = clean.connect()) {
                for (String table : TableSnapshot.TABLES.keySet()) {
                    List<String> crashedRows = TableSnapshot.rows(a, table);
                    assertThat(crashedRows).as("%s after crash, restart and re-upload, against a clean run", table)
                            .isEqualTo(TableSnapshot.rows(b, table));
                    if (!EMPTY_IN_THIS_TRAFFIC.contains(table)) {
                        assertThat(crashedRows).as(table).isNotEmpty();
                    }
                }
                assertThat(count(a, "SELECT COUNT(*) FROM wallet_conflicts")).isZero();
                assertThat(count(a, "SELECT COUNT(*) FROM payments")).isEqualTo((long) WALLETS * ROUNDS);
            }
        }
    }

    /** Tables this traffic (honest wallets, loads and payments only) leaves empty in both runs. */
    private static final java.util.Set<String> EMPTY_IN_THIS_TRAFFIC = java.util.Set.of("blocklist", "double_spend_claims", "unloads",
            "wallet_conflicts");

    /**
     * Uploads each wallet's requests in order, wallets taken from {@code next}; records, per wallet,
     * the last entry acknowledged. Stops a wallet at its first failure (after the kill: all of them).
     */
    private void uploadLogs(String baseUrl, PaymentTraffic traffic, List<String> walletIds, AtomicInteger next,
                            Map<String, Long> answeredUpTo) {
        for (int i = next.getAndIncrement(); i < walletIds.size(); i = next.getAndIncrement()) {
            String wallet = walletIds.get(i);
            for (String body : traffic.requests.get(wallet)) {
                try {
                    HttpResponse<String> r = post(baseUrl, wallet, body);
                    if (r.statusCode() != 200) {
                        break;
                    }
                    answeredUpTo.put(wallet, json.readTree(r.body()).path("ackCounter").asLong());
                } catch (Exception e) {
                    break;
                }
            }
        }
    }

    /** Every wallet's whole log, {@value #CLIENTS} wallets at a time; all must answer 200. {accepted, duplicates}. */
    private long[] uploadEverything(String baseUrl, PaymentTraffic traffic) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<java.util.concurrent.Future<long[]>> done = new ArrayList<>();
            for (Map.Entry<String, List<String>> log : traffic.requests.entrySet()) {
                done.add(pool.submit(() -> {
                    long[] n = new long[2];
                    for (String body : log.getValue()) {
                        HttpResponse<String> r = post(baseUrl, log.getKey(), body);
                        assertThat(r.statusCode()).as("re-upload of wallet %s answered %s", log.getKey(), r.body()).isEqualTo(200);
                        JsonNode j = json.readTree(r.body());
                        n[0] += j.path("accepted").asLong();
                        n[1] += j.path("duplicates").asLong();
                        assertThat(j.path("pending").asInt()).isZero();
                    }
                    return n;
                }));
            }
            long[] total = new long[2];
            for (var f : done) {
                long[] n = f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                total[0] += n[0];
                total[1] += n[1];
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> post(String baseUrl, String wallet, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/wallets/" + wallet + "/sync"))
                .timeout(DEADLINE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls until one of the process's connections is inside a transaction (the held upload), or fails at the deadline. */
    private static void awaitOpenTransaction(TestDatabase db, String applicationName) throws Exception {
        awaitCount(db, "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ? AND state = 'idle in transaction'",
                applicationName, n -> n >= 1, "a connection of the backend process idle in its transaction");
    }

    /** Polls until PostgreSQL has ended every session of the killed process (and rolled their transactions back). */
    private static void awaitNoConnections(TestDatabase db, String applicationName) throws Exception {
        awaitCount(db, "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?", applicationName, n -> n == 0,
                "no connection of the killed process left");
    }

    private static void awaitCount(TestDatabase db, String sql, String arg, java.util.function.LongPredicate until, String what)
            throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (Connection c = db.connect()) {
            while (true) {
                long n = count(c, sql, arg);
                if (until.test(n)) {
                    return;
                }
                assertThat(System.nanoTime()).as("waited %s for %s (last count %d)", DEADLINE, what, n).isLessThan(deadline);
                try (PreparedStatement pause = c.prepareStatement("SELECT pg_sleep(0.05)")) {
                    pause.execute(); // polling interval, spent in the database
                }
            }
        }
    }

    /** A report entry, also on standard output: the evidence of what the crash did, in the build log. */
    private static void publish(TestReporter report, String key, String value) {
        report.publishEntry(key, value);
        System.out.println("CrashSafetyTest " + key + ": " + value);
    }

    private static String appName(Map<String, String> env) {
        String url = env.get("DUALOFFLINE_DB_URL");
        return url.substring(url.indexOf("ApplicationName=") + "ApplicationName=".length());
    }

    private static long count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
