package org.dualoffline.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.OfflinePayment;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.backend.testing.Upload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Payer and payee upload the same payments at the same moment from many threads: every upload
 * succeeds, and each payment is settled exactly once (one payment row, one posting per side).
 */
class ConcurrentSettlementTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(8008);

    private static final int THREADS_PER_SIDE = 8;
    private static final int PAYMENTS_EACH_WAY = 5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void bothSidesUploadingAtOnceFromManyThreadsSettleEachPaymentExactlyOnce() throws Exception {
        BackendApi api = backend.api();
        TestWallet alice = api.enrol("Alice");
        TestWallet bob = api.enrol("Bob");
        api.fund(alice, 100_000);
        api.fund(bob, 100_000);
        List<OfflinePayment> payments = new ArrayList<>();
        for (int i = 0; i < PAYMENTS_EACH_WAY; i++) {
            payments.add(OfflinePayment.between(alice, bob, 100 + i));
            payments.add(OfflinePayment.between(bob, alice, 1_000 + i));
        }
        List<Upload> aliceLog = logOf(alice, payments);
        List<Upload> bobLog = logOf(bob, payments);

        uploadConcurrently(List.of(upload(alice, aliceLog), upload(bob, bobLog))); // every upload answers 200 (checked as they end)

        long aliceToBob = payments.stream().filter(p -> p.payer() == alice).mapToLong(OfflinePayment::amount).sum();
        long bobToAlice = payments.stream().filter(p -> p.payer() == bob).mapToLong(OfflinePayment::amount).sum();
        assertThat(api.wallet(bob).getLong("settledIncoming")).isEqualTo(aliceToBob);
        assertThat(api.wallet(alice).getLong("settledIncoming")).isEqualTo(bobToAlice);
        assertThat(api.wallet(alice).getLong("offlineBalance")).isEqualTo(100_000 - aliceToBob + bobToAlice);
        assertThat(api.wallet(alice).getLong("lastCounter")).isEqualTo(alice.counter());
        assertThat(api.wallet(bob).getLong("lastCounter")).isEqualTo(bob.counter());
        List<Map<String, Object>> listed = api.payments(alice);
        assertThat(listed).hasSize(payments.size())
                .allSatisfy(p -> assertThat(p).containsEntry("reportedByPayer", true).containsEntry("reportedByPayee", true));
        try (Connection c = backend.database().connect();
             PreparedStatement ps = c.prepareStatement("SELECT kind, COUNT(*), COUNT(DISTINCT payer_id || ':' || payer_counter) "
                     + "FROM ledger_postings WHERE payer_id IN (?, ?) GROUP BY kind ORDER BY kind")) {
            ps.setString(1, alice.id().hex());
            ps.setString(2, bob.id().hex());
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3));
                }
            }
            assertThat(rows).containsExactly("SETTLE_IN " + payments.size() + " " + payments.size(),
                    "SETTLE_OUT " + payments.size() + " " + payments.size());
        }
    }

    @Test
    void manyConcurrentUploadsOfOneRecordAcceptItOnceAndCountTheRestAsDuplicates() throws Exception {
        BackendApi api = backend.api();
        TestWallet carol = api.enrol("Carol");
        TestWallet dave = api.enrol("Dave");
        api.fund(carol, 1_000);
        OfflinePayment p = OfflinePayment.between(carol, dave, 500);

        List<String> bodies = uploadConcurrentlyBodies(List.of(upload(carol, List.of(p.payerRecord())), upload(dave, List.of(p.payeeRecord()))));

        long acceptedCount = bodies.stream().mapToInt(b -> readInt(b, "accepted")).sum();
        long duplicateCount = bodies.stream().mapToInt(b -> readInt(b, "duplicates")).sum();
        assertThat(acceptedCount).isEqualTo(2); // once on each side
        assertThat(duplicateCount).isEqualTo(2L * THREADS_PER_SIDE - 2);
        assertThat(api.wallet(dave).getLong("settledIncoming")).isEqualTo(500);
        assertThat(api.wallet(carol).getLong("settledOutgoing")).isEqualTo(500);
    }

    private static List<Upload> logOf(TestWallet w, List<OfflinePayment> payments) {
        List<Upload> log = new ArrayList<>();
        for (OfflinePayment p : payments) {
            log.add(p.payer() == w ? p.payerRecord() : p.payeeRecord());
        }
        return log;
    }

    private HttpRequest upload(TestWallet w, List<Upload> records) throws Exception {
        return HttpRequest.newBuilder(URI.create(backend.api().baseUrl() + "/v1/wallets/" + w.id().hex() + "/sync"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Upload.body(records))))
                .build();
    }

    private List<String> uploadConcurrentlyBodies(List<HttpRequest> sides) throws Exception {
        return uploadConcurrently(sides).stream().map(HttpResponse::body).toList();
    }

    /** THREADS_PER_SIDE threads per request, all released by one barrier; each upload must answer 200. */
    private List<HttpResponse<String>> uploadConcurrently(List<HttpRequest> sides) throws Exception {
        int threads = THREADS_PER_SIDE * sides.size();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                HttpRequest request = sides.get(t % sides.size());
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            List<HttpResponse<String>> out = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                HttpResponse<String> r = f.get(120, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as("upload answered %s", r.body()).isEqualTo(200);
                out.add(r);
            }
            return Collections.unmodifiableList(out);
        } finally {
            pool.shutdownNow();
        }
    }

    private int readInt(String body, String field) {
        try {
            return json.readTree(body).path(field).asInt();
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
