package org.dualoffline.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.backend.testing.Problems.assertProblem;

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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendApi.SyncReply;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.OfflinePayment;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.backend.testing.Upload;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.SignedEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the batched upload path (the wallet's records read once, the chain worked out in memory,
 * the writes and all the upload's settlements in a fixed number of statements) must still get
 * right: several reports of one payment in one upload, a double spend inside one upload, the
 * count of pending entries kept on the wallet's row, a remembered PAY signature that is not a
 * licence for another signature, and many wallets paying each other uploading at once.
 */
class BatchedUploadTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(9009);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void twoReceiveEntriesForOnePayEntryInOneUploadAreRefusedAndThePayeeIsCreditedOnceFromTheFirst() throws SQLException {
        BackendApi api = backend.api();
        TestWallet alice = api.enrol("Alice");
        TestWallet bob = api.enrol("Bob");
        api.fund(alice, 5_000);
        OfflinePayment p = OfflinePayment.between(alice, bob, 800);
        SignedEntry again = bob.receive(p.pay()); // a faulty payee SE writes a second receipt for the same payment

        assertThat(api.sync(bob, p.payeeRecord(), Upload.receipt(again, p.pay())).statusCode()).as("a repeated receive").isEqualTo(409);
        SyncReply reply = api.syncOk(bob, p.payeeRecord()); // the first receipt comes before the closure of Bob's chain

        assertThat(reply.accepted()).isEqualTo(1);
        assertThat(api.wallet(bob).getLong("settledIncoming")).isEqualTo(800);
        assertThat(api.wallet(alice).getLong("settledOutgoing")).isEqualTo(800);
        try (Connection c = backend.database().connect()) {
            assertThat(count(c, "SELECT COUNT(*) FROM ledger_postings WHERE payer_id = ?", alice.id().hex())).isEqualTo(2);
        }
    }

    @Test
    void twoPayEntriesWithOneCounterBesideReceivesOfOneUploadSettleTheFirstAndCoverTheSecond() throws SQLException {
        BackendApi api = backend.api();
        TestWallet alice = api.enrol("Alice");
        TestWallet bob = api.enrol("Bob");
        api.fund(alice, 5_000);
        TestWallet clone = alice.cloneSe();
        OfflinePayment first = OfflinePayment.between(alice, bob, 300);
        OfflinePayment second = OfflinePayment.between(clone, bob, 400); // the clone spends the same counter, to the same payee

        BackendApi.SyncReply reply = api.syncOk(bob, first.payeeRecord(), second.payeeRecord());

        assertThat(reply.accepted()).as("the payee's own chain is whole: both its RECEIVE entries count").isEqualTo(2);
        assertThat(api.wallet(bob).getLong("settledIncoming")).isEqualTo(300);
        assertThat(api.payments(alice)).singleElement().satisfies(p -> assertThat(p).containsEntry("payEntryHash",
                org.dualoffline.protocol.Hex.of(first.pay().hash())));
        try (Connection c = backend.database().connect()) {
            assertThat(count(c, "SELECT COUNT(*) FROM double_spend_claims WHERE payer_id = ? AND amount = 400", alice.id().hex()))
                    .isEqualTo(1);
            assertThat(count(c, "SELECT COUNT(*) FROM blocklist WHERE wallet_id = ? AND reason = 'DOUBLE_SPEND'", alice.id().hex()))
                    .isEqualTo(1);
        }
        assertThat(reply.ack().blocklisted()).contains(alice.id());
    }

    @Test
    void theWalletRowCountsItsPendingEntriesThroughGapsAndFills() throws SQLException {
        BackendApi api = backend.api();
        TestWallet alice = api.enrol("Alice");
        TestWallet bob = api.enrol("Bob");
        api.fund(alice, 5_000);
        List<OfflinePayment> p = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            p.add(OfflinePayment.between(alice, bob, 100 + i));
        }

        assertThat(api.syncOk(alice, p.get(4).payerRecord(), p.get(2).payerRecord()).pending()).isEqualTo(2);
        assertThat(pendingOnRow(alice)).isEqualTo(2).isEqualTo(pendingRows(alice));
        assertThat(api.syncOk(alice, p.get(0).payerRecord()).pending()).isEqualTo(2);
        assertThat(pendingOnRow(alice)).isEqualTo(2).isEqualTo(pendingRows(alice));
        SyncReply filled = api.syncOk(alice, p.get(1).payerRecord(), p.get(4).payerRecord());
        assertThat(filled.pending()).isEqualTo(1);
        assertThat(filled.duplicates()).isEqualTo(1);
        assertThat(pendingOnRow(alice)).isEqualTo(1).isEqualTo(pendingRows(alice));
        SyncReply done = api.syncOk(alice, p.get(3).payerRecord());
        assertThat(done.pending()).isZero();
        assertThat(done.ackCounter()).isEqualTo(p.get(4).payerCounter());
        assertThat(pendingOnRow(alice)).isZero();
        assertThat(pendingRows(alice)).isZero();
        assertThat(api.wallet(bob).getLong("settledIncoming")).isEqualTo(100 + 101 + 102 + 103 + 104);
    }

    @Test
    void aRememberedPayEntryDoesNotVouchForAnotherSignatureBesideAReceipt() {
        BackendApi api = backend.api();
        TestWallet alice = api.enrol("Alice");
        TestWallet bob = api.enrol("Bob");
        api.fund(alice, 5_000);
        OfflinePayment p = OfflinePayment.between(alice, bob, 900);
        api.syncOk(alice, p.payerRecord()); // the PAY entry and its signature verified, and remembered
        byte[] otherSignature = p.pay().signature().clone();
        otherSignature[otherSignature.length - 1] ^= 1;

        String detail = assertProblem(api.sync(bob, p.payeeRecord().withPeer(Hex.of(p.pay().entryBytes()), Hex.of(otherSignature))),
                422, Failure.BAD_SIGNATURE);

        assertThat(detail).isEqualTo("bad signature: the PAY entry beside records[0] (RECEIVE #" + p.receive().entry().counter()
                + ") (payer counter " + p.payerCounter() + ") is not signed by the certified key of payer wallet " + alice.id());
        assertThat(api.syncOk(bob, p.payeeRecord()).accepted()).isEqualTo(1);
    }

    @Test
    void walletsPayingEachOtherInARingAllUploadAtOnceAndEveryPaymentSettlesOnce() throws Exception {
        BackendApi api = backend.api();
        int n = 12;
        List<TestWallet> ring = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestWallet w = api.enrol("Ring " + i);
            api.fund(w, 10_000);
            ring.add(w);
        }
        List<List<Upload>> logs = new ArrayList<>();
        ring.forEach(w -> logs.add(new ArrayList<>()));
        long paid = 0;
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < n; i++) {
                int payee = (i + 1 + round % (n - 1)) % n;
                OfflinePayment p = OfflinePayment.between(ring.get(i), ring.get(payee), 10 + round);
                logs.get(i).add(p.payerRecord());
                logs.get(payee).add(p.payeeRecord());
                paid += p.amount();
            }
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                TestWallet w = ring.get(i);
                String body = json.writeValueAsString(Upload.body(logs.get(i)));
                statuses.add(pool.submit(() -> {
                    start.await();
                    return http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/wallets/" + w.id().hex() + "/sync"))
                            .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> s : statuses) {
                assertThat(s.get(120, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = backend.database().connect()) {
            String ids = "(SELECT wallet_id FROM wallets WHERE holder LIKE 'Ring %')";
            assertThat(count(c, "SELECT COUNT(*) FROM payments WHERE payer_id IN " + ids + " AND reported_by_payer AND reported_by_payee"))
                    .isEqualTo(6L * n);
            assertThat(count(c, "SELECT COUNT(*) FROM ledger_postings WHERE payer_id IN " + ids)).isEqualTo(2 * 6L * n);
            assertThat(count(c, "SELECT COALESCE(SUM(amount), 0) FROM ledger_postings WHERE kind = 'SETTLE_IN' AND payer_id IN " + ids))
                    .isEqualTo(paid);
        }
        for (TestWallet w : ring) {
            assertThat(api.wallet(w).getLong("lastCounter")).isEqualTo(w.counter());
        }
    }

    private int pendingOnRow(TestWallet w) throws SQLException {
        try (Connection c = backend.database().connect()) {
            return (int) count(c, "SELECT pending_records FROM wallets WHERE wallet_id = ?", w.id().hex());
        }
    }

    private int pendingRows(TestWallet w) throws SQLException {
        try (Connection c = backend.database().connect()) {
            return (int) count(c, "SELECT COUNT(*) FROM wallet_records WHERE wallet_id = ? AND status = 'PENDING'", w.id().hex());
        }
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
