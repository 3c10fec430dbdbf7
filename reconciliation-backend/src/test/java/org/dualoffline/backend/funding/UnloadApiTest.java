package org.dualoffline.backend.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.backend.testing.Problems.assertProblem;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.OfflinePayment;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.backend.testing.Upload;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.WalletId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Defunding: a wallet's accepted UNLOAD entry (its signed redeem record) credits the holder's
 * online account exactly once, in chain order, and value is never both online and offline.
 */
class UnloadApiTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(6262);

    private BackendApi api;
    private TestWallet alice;

    @BeforeEach
    void aliceWithMoneyOnHerSe() {
        api = backend.api();
        alice = api.enrol("Alice");
        api.fund(alice, 10_000);
    }

    @Test
    void anAcceptedUnloadMovesValueFromOfflineToOnlineOnce() {
        SignedEntry unload = alice.unload(2_500);

        BackendApi.SyncReply first = api.syncOk(alice, Upload.of(unload));
        BackendApi.SyncReply again = api.syncOk(alice, Upload.of(unload));

        assertThat(first.accepted()).isEqualTo(1);
        assertThat(first.ackCounter()).isEqualTo(unload.entry().counter());
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(1);
        JsonPath w = api.wallet(alice);
        assertThat(w.getLong("onlineBalance")).isEqualTo(2_500);
        assertThat(w.getLong("unloaded")).isEqualTo(2_500);
        assertThat(w.getLong("offlineBalance")).isEqualTo(7_500);
        assertThat(w.getLong("onlineBalance") + w.getLong("offlineBalance")).as("value is never both online and offline")
                .isEqualTo(10_000);
    }

    @Test
    void anUnloadAmongPaymentsIsCreditedInChainOrderAndTheBooksStillBalance() {
        TestWallet bob = api.enrol("Bob");
        JsonPath before = audit();
        OfflinePayment p = OfflinePayment.between(alice, bob, 1_200);
        SignedEntry unload = alice.unload(3_000);

        api.syncOk(alice, p.payerRecord(), Upload.of(unload));

        JsonPath w = api.wallet(alice);
        assertThat(w.getLong("offlineBalance")).isEqualTo(10_000 - 1_200 - 3_000);
        assertThat(w.getLong("onlineBalance")).isEqualTo(3_000);
        JsonPath after = audit();
        assertThat(after.getBoolean("conserved")).isTrue();
        assertThat(after.getLong("difference")).isZero();
        assertThat(after.getLong("unloadedReported") - before.getLong("unloadedReported")).isEqualTo(3_000);
    }

    @Test
    void anUnloadBeyondAGapIsNotCreditedUntilTheGapIsFilled() {
        TestWallet bob = api.enrol("Bob");
        OfflinePayment p = OfflinePayment.between(alice, bob, 500);
        SignedEntry unload = alice.unload(4_000);

        BackendApi.SyncReply held = api.syncOk(alice, Upload.of(unload));

        assertThat(held.pending()).isEqualTo(1);
        assertThat(api.wallet(alice).getLong("onlineBalance")).as("not credited while its predecessor is missing").isZero();

        BackendApi.SyncReply filled = api.syncOk(alice, p.payerRecord());

        assertThat(filled.pending()).isZero();
        assertThat(filled.ackCounter()).isEqualTo(unload.entry().counter());
        assertThat(api.wallet(alice).getLong("onlineBalance")).isEqualTo(4_000);
        assertThat(api.wallet(alice).getLong("offlineBalance")).isEqualTo(10_000 - 500 - 4_000);
    }

    @Test
    void anUnloadEntryThatNamesAPeerIsRefusedAndCreditsNothing() {
        Entry withPeer = new Entry(EntryType.UNLOAD, alice.id(), alice.counter() + 1, new WalletId(0x42), 1_000, new byte[16], 0,
                new byte[32], alice.lastHash());
        SignedEntry forged = alice.sign(withPeer);

        String detail = assertProblem(api.sync(alice, Upload.of(forged)), 422, Failure.UNACCEPTABLE_ENTRY);

        assertThat(detail).isEqualTo("records[0] (UNLOAD #2) is an UNLOAD entry with a peer, nonce, peer counter or reference; "
                + "an UNLOAD entry has none");
        assertThat(api.wallet(alice).getLong("onlineBalance")).isZero();
        assertThat(api.wallet(alice).getLong("lastCounter")).isEqualTo(1);
    }

    @Test
    void anUnloadCarryingAPeerEntryIsABadRequest() {
        SignedEntry unload = alice.unload(1_000);
        SignedEntry load = alice.log().get(0);

        String detail = assertProblem(api.sync(alice, Upload.receipt(unload, load)), 400, Failure.INVALID_REQUEST);

        assertThat(detail).isEqualTo("records[0]: only a RECEIVE entry carries a peerEntry, this is a UNLOAD entry");
        assertThat(api.wallet(alice).getLong("onlineBalance")).isZero();
    }

    @Test
    void anUnloadSignedByAnotherKeyIsRefused() {
        TestWallet mallory = api.newWallet("Mallory");
        Entry e = new Entry(EntryType.UNLOAD, alice.id(), alice.counter() + 1, WalletId.NONE, 9_000, new byte[16], 0,
                new byte[32], alice.lastHash());

        assertProblem(api.sync(alice, Upload.of(mallory.sign(e))), 422, Failure.BAD_SIGNATURE);
        assertThat(api.wallet(alice).getLong("onlineBalance")).isZero();
    }

    @Test
    void concurrentUploadsOfOneUnloadCreditItOnce() throws Exception {
        SignedEntry unload = alice.unload(6_000);
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<BackendApi.SyncReply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Callable<BackendApi.SyncReply> upload = () -> {
                    start.await();
                    return api.syncOk(alice, Upload.of(unload));
                };
                replies.add(pool.submit(upload));
            }
            int accepted = 0;
            for (Future<BackendApi.SyncReply> f : replies) {
                accepted += f.get().accepted();
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }

        assertThat(api.wallet(alice).getLong("onlineBalance")).isEqualTo(6_000);
        assertThat(unloadRows(alice)).isEqualTo(1);
    }

    private JsonPath audit() {
        return api.operator().get("/v1/audit").then().statusCode(200).extract().jsonPath();
    }

    private static int unloadRows(TestWallet w) throws SQLException {
        try (Connection c = backend.database().connect();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM unloads WHERE wallet_id = ?")) {
            ps.setString(1, w.id().hex());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
