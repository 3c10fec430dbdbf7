package org.dualoffline.backend.replicas;

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
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendProcess;
import org.dualoffline.backend.testing.PaymentTraffic;
import org.dualoffline.backend.testing.TestDatabase;
import org.dualoffline.backend.testing.TestDatabases;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.protocol.Hex;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The backend scaled out as an operator runs it: two standalone backends ({@code Main}, each its
 * own JVM on a loopback port it picks) over one PostgreSQL schema, started at the same moment,
 * with the same configuration. A seeded set of wallets is enrolled and funded through both, and
 * their logs are uploaded through both at once: each wallet's uploads in two lanes, one per
 * replica, running together, some uploads in both lanes (the same upload reaching the two
 * replicas at once), some sent twice (a retry after a lost answer), an upload of one lane
 * overtaking the other's (entries pending beyond a gap, then filled from the other replica),
 * payer and payee of a payment through different replicas; the LOAD entry (a load token's
 * redemption) and the UNLOAD entry (an online credit) always through both at once. Afterwards
 * every wallet's whole log again, through one replica or the other: only duplicates.
 *
 * <p>Then, from the database and the operator's audit of both replicas: every entry accepted
 * exactly once, every payment settled exactly once with one posting per side, settled out =
 * settled in = what the logs paid, every load token redeemed once, every unload credited once, no
 * conflict, nothing blocklisted, the books balanced - and both replicas tell the same audit.
 *
 * <p>PostgreSQL only (the suite's PostgreSQL pass): replicas share a database server.
 */
class TwoReplicasTest {
    private static final String TOKEN = "replicas-test-operator-token";
    private static final long SEED = 20261216;
    private static final int WALLETS = 10;
    private static final int ROUNDS = 12;
    private static final int PER_UPLOAD = 5;
    private static final long LOADED = 100_000;
    private static final long UNLOAD = 1_000;
    private static final int CLIENTS = 4;
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    /** Where one upload of a wallet goes. */
    private enum Route { A, B, BOTH }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void uploadsOfTheSameWalletsThroughTwoReplicasAtOnceSettleEverythingExactlyOnce(TestReporter report) throws Exception {
        Assumptions.assumeTrue(TestDatabases.selectedKind().startsWith("postgres"),
                "replicas are tested over PostgreSQL only, on the suite's PostgreSQL pass (two processes cannot share an in-memory H2)");
        long t0 = System.nanoTime();
        try (TestDatabase db = TestDatabases.open("TwoReplicasTest")) {
            List<BackendProcess> replicas = startTogether(db);
            try (BackendProcess a = replicas.get(0); BackendProcess b = replicas.get(1)) {
                var random = IssuerKeySource.seededRandom(SEED);
                List<BackendApi> apis = List.of(new BackendApi(a.baseUrl(), TOKEN, random), new BackendApi(b.baseUrl(), TOKEN, random));
                byte[] issuer = apis.get(0).issuerPublicKey();
                assertThat(apis.get(1).issuerPublicKey()).as("the issuer key of replica B, against replica A's").isEqualTo(issuer);
                long started = System.nanoTime();

                PaymentTraffic traffic = PaymentTraffic.enrolFundAndPay(apis, WALLETS, ROUNDS, LOADED, UNLOAD, PER_UPLOAD);
                for (TestWallet w : traffic.wallets) {
                    assertThat(w.certificate().isSignedBy(issuer)).as("certificate of %s, signed by the one issuer", w).isTrue();
                }
                Map<String, List<Route>> routes = routes(traffic);
                Totals lanes = uploadInLanes(List.of(a.baseUrl(), b.baseUrl()), traffic, routes);
                assertThat(lanes.accepted.get()).as("entries accepted over all answers: each exactly once").isEqualTo(traffic.records());
                Totals again = uploadEverythingAgain(List.of(a.baseUrl(), b.baseUrl()), traffic);
                assertThat(again.accepted.get()).as("entries accepted when every log was uploaded again").isZero();
                assertThat(again.duplicates.get()).as("duplicates when every log was uploaded again").isEqualTo(traffic.records());

                checkTheDatabase(db, traffic);
                checkTheAudit(apis, traffic);
                publish(report, "traffic", WALLETS + " wallets, " + traffic.records() + " entries, " + traffic.payments.size()
                        + " payments; " + describe(routes, traffic) + "; answers over both lanes: " + lanes.accepted + " accepted, "
                        + lanes.duplicates + " duplicates, " + lanes.pendingAnswers + " answers with entries pending");
                publish(report, "time", String.format("%.1f s in all, %.1f s after both replicas were up",
                        (System.nanoTime() - t0) / 1e9, (System.nanoTime() - started) / 1e9));
            }
        }
    }

    /**
     * Both replicas, started at the same moment on the same (empty) schema, as an orchestrator
     * starts them: the same configuration, the issuer public key they must agree on included.
     */
    private static List<BackendProcess> startTogether(TestDatabase db) throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(2);
        try {
            List<Future<BackendProcess>> starting = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                Map<String, String> env = new HashMap<>(db.mainEnvironment("replica_" + name + "_" + Long.toHexString(System.nanoTime())));
                env.put("DUALOFFLINE_OPERATOR_TOKEN", TOKEN);
                env.put("DUALOFFLINE_ISSUER_SEED", Long.toString(SEED));
                env.put("DUALOFFLINE_ISSUER_PUBLIC_KEY", Hex.of(IssuerKeySource.seeded(SEED).newIssuer().publicKey()));
                starting.add(starters.submit(() -> BackendProcess.start(env, DEADLINE)));
            }
            List<BackendProcess> up = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (Future<BackendProcess> f : starting) {
                try {
                    up.add(f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    failed.add(String.valueOf(e.getCause().getMessage()));
                }
            }
            if (!failed.isEmpty()) {
                up.forEach(BackendProcess::close);
            }
            assertThat(failed).as("replicas that did not start").isEmpty();
            return up;
        } finally {
            starters.shutdownNow();
        }
    }

    /**
     * Each upload's route, seeded: the first (the LOAD entry's) and the last (the UNLOAD entry's)
     * through both replicas at once, the others to A, to B or to both.
     */
    private static Map<String, List<Route>> routes(PaymentTraffic traffic) {
        Random plan = new Random(SEED);
        Map<String, List<Route>> routes = new HashMap<>();
        for (Map.Entry<String, List<String>> log : traffic.requests.entrySet()) {
            List<Route> r = new ArrayList<>();
            int n = log.getValue().size();
            for (int i = 0; i < n; i++) {
                r.add(i == 0 || i == n - 1 ? Route.BOTH : Route.values()[plan.nextInt(3)]);
            }
            routes.put(log.getKey(), r);
        }
        return routes;
    }

    /** What the answers said, summed. */
    private static final class Totals {
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong pendingAnswers = new AtomicLong();
        final AtomicLong uploads = new AtomicLong();
    }

    /**
     * Every wallet's uploads in two lanes, one per replica, each in log order; the two lanes of a
     * wallet start together (a latch), {@value #CLIENTS} lanes at a time; every fourth upload of a
     * lane, seeded, is sent twice. Every answer must be 200.
     */
    private Totals uploadInLanes(List<String> replicas, PaymentTraffic traffic, Map<String, List<Route>> routes) throws Exception {
        Random plan = new Random(SEED + 1);
        List<String> order = new ArrayList<>(traffic.requests.keySet());
        Collections.shuffle(order, plan);
        Totals totals = new Totals();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> lanes = new ArrayList<>();
            for (String wallet : order) {
                CountDownLatch together = new CountDownLatch(2);
                for (int r = 0; r < 2; r++) {
                    Route mine = r == 0 ? Route.A : Route.B;
                    List<String> bodies = new ArrayList<>();
                    List<String> all = traffic.requests.get(wallet);
                    for (int i = 0; i < all.size(); i++) {
                        Route route = routes.get(wallet).get(i);
                        if (route == mine || route == Route.BOTH) {
                            bodies.add(all.get(i));
                            if (plan.nextInt(4) == 0) {
                                bodies.add(all.get(i)); // the retry of a client that lost the answer
                            }
                        }
                    }
                    String replica = replicas.get(r);
                    // consecutive tasks of a FIFO pool: the other lane is the next task taken, so the latch cannot hold a thread for ever
                    lanes.add(clients.submit(() -> {
                        together.countDown();
                        assertThat(together.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the other lane of %s started", wallet).isTrue();
                        for (String body : bodies) {
                            JsonNode answer = upload(replica, wallet, body);
                            totals.uploads.incrementAndGet();
                            totals.accepted.addAndGet(answer.path("accepted").asLong());
                            totals.duplicates.addAndGet(answer.path("duplicates").asLong());
                            if (answer.path("pending").asLong() > 0) {
                                totals.pendingAnswers.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> lane : lanes) {
                lane.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
            return totals;
        } finally {
            clients.shutdownNow();
        }
    }

    /** Every wallet's whole log once more, through a seeded choice of replica: nothing may be accepted or left pending. */
    private Totals uploadEverythingAgain(List<String> replicas, PaymentTraffic traffic) throws Exception {
        Random plan = new Random(SEED + 2);
        Totals totals = new Totals();
        for (Map.Entry<String, List<String>> log : traffic.requests.entrySet()) {
            String replica = replicas.get(plan.nextInt(2));
            for (String body : log.getValue()) {
                JsonNode answer = upload(replica, log.getKey(), body);
                assertThat(answer.path("pending").asLong()).as("entries of %s pending after everything was uploaded", log.getKey()).isZero();
                totals.accepted.addAndGet(answer.path("accepted").asLong());
                totals.duplicates.addAndGet(answer.path("duplicates").asLong());
            }
        }
        return totals;
    }

    private JsonNode upload(String replica, String wallet, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(replica + "/v1/wallets/" + wallet + "/sync"))
                .timeout(DEADLINE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("upload of wallet %s to %s answered %s", wallet, replica, r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    /** The rows, counted and summed: each entry, payment, posting, token and unload exactly once. */
    private static void checkTheDatabase(TestDatabase db, PaymentTraffic traffic) throws SQLException {
        long payments = traffic.payments.size();
        try (Connection c = db.connect()) {
            assertThat(longs(c, "SELECT COUNT(*), COUNT(*) FILTER (WHERE status = 'ACCEPTED') FROM wallet_records"))
                    .as("entries stored, accepted").containsExactly(traffic.records(), traffic.records());
            assertThat(longs(c, "SELECT COUNT(*) FROM wallets WHERE pending_records <> 0 OR last_counter <> "
                    + "(SELECT COUNT(*) FROM wallet_records r WHERE r.wallet_id = wallets.wallet_id)"))
                    .as("wallets whose chain is not accepted whole, 1..head").containsExactly(0L);
            assertThat(longs(c, "SELECT COUNT(*), COUNT(*) FILTER (WHERE reported_by_payer AND reported_by_payee), COALESCE(SUM(amount), 0) "
                    + "FROM payments")).as("payments settled, confirmed by both sides, their sum")
                    .containsExactly(payments, payments, traffic.paid());
            for (String kind : List.of("SETTLE_OUT", "SETTLE_IN")) {
                assertThat(longs(c, "SELECT COUNT(*), COUNT(DISTINCT payer_id || ':' || payer_counter), COALESCE(SUM(amount), 0) "
                        + "FROM ledger_postings WHERE kind = '" + kind + "'")).as("%s postings, distinct payments, sum", kind)
                        .containsExactly(payments, payments, traffic.paid());
            }
            assertThat(longs(c, "SELECT COUNT(*), COUNT(*) FILTER (WHERE status = 'REDEEMED'), COUNT(DISTINCT redeemed_by_counter) "
                    + "FROM load_tokens")).as("load tokens issued, redeemed, by how many distinct entries")
                    .containsExactly((long) WALLETS, (long) WALLETS, 1L);
            assertThat(longs(c, "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM unloads")).as("unloads credited, their sum")
                    .containsExactly((long) WALLETS, WALLETS * UNLOAD);
            assertThat(longs(c, "SELECT (SELECT COUNT(*) FROM wallet_conflicts), (SELECT COUNT(*) FROM blocklist)"))
                    .as("conflicts recorded, wallets blocklisted").containsExactly(0L, 0L);
        }
    }

    /** The operator's audit, asked of each replica: balanced, and the same from both. */
    private static void checkTheAudit(List<BackendApi> apis, PaymentTraffic traffic) {
        List<Map<String, Object>> audits = new ArrayList<>();
        for (BackendApi api : apis) {
            var audit = api.operator().get("/v1/audit").then().statusCode(200).extract().jsonPath();
            assertThat(audit.getBoolean("conserved")).as("the audit of %s: %s", api.baseUrl(), audit.prettify()).isTrue();
            assertThat(audit.getLong("difference")).isZero();
            assertThat(audit.getLong("walletsBelowZero")).isZero();
            assertThat(audit.getLong("walletsBalanceMismatched")).isZero();
            assertThat(audit.getLong("settledOut")).as("settled out").isEqualTo(traffic.paid());
            assertThat(audit.getLong("settledIn")).as("settled in").isEqualTo(traffic.paid());
            assertThat(audit.getLong("settledPayments")).as("the settled payments' sum").isEqualTo(traffic.paid());
            assertThat(audit.getLong("acceptedEntries")).isEqualTo(traffic.records());
            assertThat(audit.getLong("loadTokensNotRedeemed")).isZero();
            assertThat(audit.getLong("inFlight")).isZero();
            assertThat(audit.getLong("onlineAccounts")).as("online accounts: the unloads").isEqualTo(WALLETS * UNLOAD);
            assertThat(audit.getLong("blocklisted")).isZero();
            audits.add(audit.getMap("$"));
        }
        assertThat(audits.get(1)).as("the audit of replica B, against replica A's").isEqualTo(audits.get(0));
    }

    /** How the plan spread the uploads, and how many payments had their two sides through different replicas only. */
    private static String describe(Map<String, List<Route>> routes, PaymentTraffic traffic) {
        Map<Route, Integer> count = new EnumMap<>(Route.class);
        routes.values().forEach(r -> r.forEach(x -> count.merge(x, 1, Integer::sum)));
        long split = traffic.payments.stream().filter(p -> {
            Route payer = routes.get(p.payer()).get(p.payerEntry() / PER_UPLOAD);
            Route payee = routes.get(p.payee()).get(p.payeeEntry() / PER_UPLOAD);
            return payer != Route.BOTH && payee != Route.BOTH && payer != payee;
        }).count();
        assertThat(count.getOrDefault(Route.A, 0)).as("uploads to replica A only").isPositive();
        assertThat(count.getOrDefault(Route.B, 0)).as("uploads to replica B only").isPositive();
        assertThat(split).as("payments whose payer and payee uploaded through different replicas only").isPositive();
        return "uploads to A only " + count.get(Route.A) + ", to B only " + count.get(Route.B) + ", to both at once "
                + count.get(Route.BOTH) + "; payments with payer and payee through different replicas only: " + split;
    }

    private static void publish(TestReporter report, String key, String value) {
        report.publishEntry(key, value);
        System.out.println("TwoReplicasTest " + key + ": " + value);
    }

    private static Long[] longs(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            Long[] v = new Long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rs.getLong(i + 1);
            }
            return v;
        }
    }
}
