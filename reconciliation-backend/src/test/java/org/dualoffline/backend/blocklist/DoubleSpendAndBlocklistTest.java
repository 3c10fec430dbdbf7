package org.dualoffline.backend.blocklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.backend.testing.Problems.assertProblem;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.OfflinePayment;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.backend.testing.Upload;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Double spending and clones (issue 4, item 2): a conflict puts the wallet at fault on the
 * blocklist, honest payees of a double spend are covered by the issuer, the exposure is reported,
 * and the blocklist travels in every wallet's acknowledgements, at most 12 entries at a time.
 * Each test class has its own schema, but tests in it share the blocklist, so every test reads
 * the blocklist's version before it acts.
 */
class DoubleSpendAndBlocklistTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(4242);

    private BackendApi api;
    private TestWallet alice;
    private TestWallet bob;
    private TestWallet carol;

    @BeforeEach
    void wallets() {
        api = backend.api();
        alice = api.enrol("Alice");
        bob = api.enrol("Bob");
        carol = api.enrol("Carol");
        api.fund(alice, 10_000);
    }

    @Test
    void theHonestPayeeOfADoubleSpendIsAcceptedAndCoveredAndThePayerBlocklisted() {
        TestWallet clone = alice.cloneSe();
        OfflinePayment toBob = OfflinePayment.between(alice, bob, 700);
        OfflinePayment toCarol = OfflinePayment.between(clone, carol, 700);
        long before = version();
        api.syncOk(bob, toBob.payeeRecord());

        JsonPath reply = syncJson(carol, List.of(toCarol.payeeRecord()), before);

        assertThat(reply.getInt("accepted")).isEqualTo(1);
        assertThat(api.wallet(carol).getLong("lastCounter")).isEqualTo(1);
        JsonPath exposure = exposure(alice);
        assertThat(exposure.getString("status")).isEqualTo("BLOCKED");
        assertThat(exposure.getString("blocklisted.reason")).isEqualTo("DOUBLE_SPEND");
        assertThat(exposure.getString("blocklisted.detail")).isEqualTo("double spend: payer wallet " + alice.id() + " signed two different "
                + "PAY entries with counter " + toCarol.payerCounter() + "; the one settled has hash " + Hex.of(toBob.pay().hash())
                + ", payee wallet " + carol.id() + " received 700 fen from the other (" + Hex.of(toCarol.pay().hash()) + ") in RECEIVE entry #"
                + toCarol.receive().entry().counter() + "; the issuer covers it");
        assertThat(exposure.getLong("covered")).isEqualTo(700);
        List<Map<String, Object>> claims = exposure.getList("claims");
        assertThat(claims).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("payeeId", carol.id().hex()).containsEntry("payerCounter", (int) toCarol.payerCounter())
                .containsEntry("payEntryHash", Hex.of(toCarol.pay().hash())));
        assertThat(api.wallet(alice).getInt("conflicts")).isEqualTo(1);
        assertThat(api.wallet(bob).getLong("settledIncoming")).as("the first PAY entry settles as usual").isEqualTo(700);
        // the payee's own acknowledgement already names the payer it was paid by
        SyncAck ack = SyncAck.decode(Hex.parse(reply.getString("ack")));
        assertThat(ack.blocklisted()).containsExactly(alice.id());
        assertThat(ack.blocklistSeq()).isEqualTo(version());
    }

    @Test
    void theSameDoubleSpentEntryUploadedAgainIsADuplicateAndCoveredOnce() {
        TestWallet clone = alice.cloneSe();
        OfflinePayment toBob = OfflinePayment.between(alice, bob, 300);
        OfflinePayment toCarol = OfflinePayment.between(clone, carol, 300);
        api.syncOk(bob, toBob.payeeRecord());
        api.syncOk(carol, toCarol.payeeRecord());

        BackendApi.SyncReply again = api.syncOk(carol, toCarol.payeeRecord());

        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(exposure(alice).getLong("covered")).isEqualTo(300);
        assertThat(audit().getBoolean("conserved")).isTrue();
    }

    @Test
    void aPayerWhosePayEntryContradictsTheSettledOneIsRefusedAndBlocklisted() {
        TestWallet clone = alice.cloneSe();
        OfflinePayment fromClone = OfflinePayment.between(clone, carol, 400);
        OfflinePayment fromAlice = OfflinePayment.between(alice, bob, 400);
        api.syncOk(carol, fromClone.payeeRecord());

        String detail = assertProblem(api.sync(alice, fromAlice.payerRecord()), 409, Failure.FORK_OR_DOUBLE_SPEND);

        assertThat(detail).isEqualTo("double spend: payer wallet " + alice.id() + " signed two different PAY entries with counter "
                + fromAlice.payerCounter() + "; the one settled before has hash " + Hex.of(fromClone.pay().hash()) + ", this one "
                + Hex.of(fromAlice.pay().hash()) + "; the upload was not applied");
        assertThat(api.wallet(alice).getLong("lastCounter")).isEqualTo(1);
        assertThat(exposure(alice).getString("blocklisted.reason")).isEqualTo("DOUBLE_SPEND");
        // Bob, the payee of the PAY entry that lost, is covered when he syncs
        api.syncOk(bob, fromAlice.payeeRecord());
        assertThat(exposure(alice).getLong("covered")).isEqualTo(400);
        assertThat(audit().getBoolean("conserved")).isTrue();
    }

    @Test
    void aCloneWhoseLogForksIsRefusedAndBlocklistedForTheFork() {
        TestWallet clone = alice.cloneSe();
        api.syncOk(alice, OfflinePayment.between(alice, bob, 100).payerRecord());

        assertProblem(api.sync(clone, OfflinePayment.between(clone, carol, 100).payerRecord()), 409, Failure.FORK_OR_DOUBLE_SPEND);

        JsonPath e = exposure(alice);
        assertThat(e.getString("blocklisted.reason")).isEqualTo("FORK");
        assertThat(e.getLong("covered")).isZero();
        assertThat(e.getLong("boundPerClone")).as("min(maxCumulative, maxCount x maxSingle, holdingCap) of the default limits")
                .isEqualTo(200_000);
    }

    @Test
    void aReusedLoadTokenBlocklistsTheWallet() {
        api.deposit(alice, 500).then().statusCode(201);
        var token = api.loadToken(alice, 500);
        api.syncOk(alice, Upload.of(alice.load(token)));

        SignedEntry again = alice.load(token);

        String detail = assertProblem(api.sync(alice, Upload.of(again)), 409, Failure.FORK_OR_DOUBLE_SPEND);

        assertThat(detail).isEqualTo("load token " + token.loadSeq() + " of wallet " + alice.id() + " was already redeemed by another LOAD "
                + "entry; LOAD entry #" + again.entry().counter() + " redeems it again; the upload was not applied");
        assertThat(exposure(alice).getString("blocklisted.reason")).isEqualTo("LOAD_TOKEN_REUSED");
        assertThat(api.wallet(alice).getLong("offlineBalance")).isEqualTo(10_500);
    }

    @Test
    void everyWalletLearnsTheBlocklistFromItsNextAcknowledgementAndAWalletUpToDateGetsNothingMore() {
        long before = version();
        blocklistByOperator(alice, "reported stolen").then().statusCode(201);
        TestWallet dave = api.enrol("Dave");

        SyncAck fromBefore = SyncAck.decode(Hex.parse(syncJson(dave, List.of(), before).getString("ack")));
        SyncAck upToDate = SyncAck.decode(Hex.parse(syncJson(dave, List.of(), version()).getString("ack")));

        assertThat(fromBefore.blocklisted()).containsExactly(alice.id());
        assertThat(fromBefore.blocklistSeq()).isEqualTo(before + 1);
        assertThat(upToDate.blocklisted()).isEmpty();
        assertThat(upToDate.blocklistSeq()).isEqualTo(before + 1);
    }

    @Test
    void anAcknowledgementCarriesAtMostTwelveEntriesAndTheNextOneTheRest() {
        long before = version();
        for (int i = 0; i < 14; i++) {
            blocklistByOperator(api.enrol("Lost " + i), "lost device " + i).then().statusCode(201);
        }
        TestWallet erin = api.enrol("Erin");

        JsonPath first = syncJson(erin, List.of(), before);
        SyncAck firstAck = SyncAck.decode(Hex.parse(first.getString("ack")));
        JsonPath second = syncJson(erin, List.of(), firstAck.blocklistSeq());
        SyncAck secondAck = SyncAck.decode(Hex.parse(second.getString("ack")));

        assertThat(firstAck.blocklisted()).hasSize(SyncAck.MAX_BLOCKLIST_ENTRIES);
        assertThat(firstAck.blocklistSeq()).isEqualTo(before + 12);
        assertThat(first.getLong("blocklistVersion")).isEqualTo(before + 14);
        assertThat(secondAck.blocklisted()).hasSize(2);
        assertThat(secondAck.blocklistSeq()).isEqualTo(before + 14);
        assertThat(second.getLong("blocklistVersion")).isEqualTo(before + 14);
    }

    @Test
    void withoutItsBlocklistSeqAWalletContinuesFromItsLastAcknowledgement() {
        TestWallet frank = api.enrol("Frank");
        SyncAck caughtUp = SyncAck.decode(Hex.parse(syncJson(frank, List.of(), 0L).getString("ack")));
        blocklistByOperator(alice, "reported lost").then().statusCode(201);

        SyncAck next = SyncAck.decode(Hex.parse(syncJson(frank, List.of(), null).getString("ack")));

        assertThat(caughtUp.blocklistSeq()).isEqualTo(version() - 1);
        assertThat(next.blocklisted()).containsExactly(alice.id());
        assertThat(next.blocklistSeq()).isEqualTo(version());
    }

    @Test
    void aWalletClaimingANewerBlocklistThanExistsIsNotSentBackwards() {
        SyncAck ack = SyncAck.decode(Hex.parse(syncJson(bob, List.of(), version() + 50).getString("ack")));

        assertThat(ack.blocklistSeq()).isEqualTo(version() + 50);
        assertThat(ack.blocklisted()).isEmpty();
    }

    // ---- the operator's blocklist endpoints ---------------------------------------------------

    @Test
    void theOperatorBlocklistsOnceAndListsTheBlocklistByVersion() {
        long before = version();
        Response first = blocklistByOperator(bob, "  reported stolen ");
        Response again = blocklistByOperator(bob, "reported stolen again");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.jsonPath().getString("reason")).isEqualTo("OPERATOR");
        assertThat(first.jsonPath().getString("detail")).isEqualTo("reported stolen");
        assertThat(first.jsonPath().getLong("seq")).isEqualTo(before + 1);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getLong("seq")).isEqualTo(before + 1);
        JsonPath page = api.operator().queryParam("after", before).get("/v1/blocklist").then().statusCode(200).extract().jsonPath();
        assertThat(page.getLong("version")).isEqualTo(before + 1);
        assertThat(page.getList("entries.walletId")).containsExactly(bob.id().hex());
        assertThat(api.wallet(bob).getString("status")).isEqualTo("BLOCKED");
    }

    @Test
    void theBlocklistEndpointsNeedTheOperatorCredential() {
        assertProblem(api.anyone().contentType(ContentType.JSON).body(Map.of("walletId", bob.id().hex(), "detail", "x"))
                .post("/v1/blocklist"), 401, Failure.UNAUTHORIZED);
        assertProblem(api.anyone().get("/v1/blocklist"), 401, Failure.UNAUTHORIZED);
        assertProblem(api.anyone().get("/v1/wallets/{id}/exposure", bob.id().hex()), 401, Failure.UNAUTHORIZED);
        assertProblem(api.anyone().header("Authorization", "Bearer wrong").get("/v1/audit"), 401, Failure.UNAUTHORIZED);
        assertThat(api.wallet(bob).getString("status")).isEqualTo("ACTIVE");
    }

    @Test
    void theBlocklistEndpointsRefuseBadInputWithTheReason() {
        assertThat(assertProblem(addRequest(Map.of("detail", "lost")), 400, Failure.INVALID_REQUEST)).isEqualTo("walletId is required (16 hex digits)");
        assertThat(assertProblem(addRequest(Map.of("walletId", "xyz", "detail", "lost")), 400, Failure.INVALID_REQUEST))
                .isEqualTo("walletId must be 16 hex digits, got \"xyz\"");
        assertThat(assertProblem(addRequest(Map.of("walletId", bob.id().hex())), 400, Failure.INVALID_REQUEST))
                .isEqualTo("detail is required: why the wallet is blocklisted (e.g. \"reported stolen\")");
        assertThat(assertProblem(addRequest(Map.of("walletId", bob.id().hex(), "detail", "x".repeat(501))), 400, Failure.INVALID_REQUEST))
                .isEqualTo("detail is longer than 500 characters");
        assertProblem(addRequest(Map.of("walletId", new WalletId(0x7777_0000L).hex(), "detail", "lost")), 404, Failure.WALLET_NOT_FOUND);
        assertProblem(addRequest(Map.of("walletId", 12, "detail", "lost")), 400, Failure.INVALID_REQUEST);
        assertThat(assertProblem(api.operator().queryParam("after", "soon").get("/v1/blocklist"), 400, Failure.INVALID_REQUEST))
                .isEqualTo("query parameter after must be a whole number, got \"soon\"");
        assertThat(assertProblem(api.operator().queryParam("after", -1).get("/v1/blocklist"), 400, Failure.INVALID_REQUEST))
                .isEqualTo("after must be 0 or more, got -1");
        assertProblem(api.operator().get("/v1/wallets/{id}/exposure", new WalletId(0x7777_0001L).hex()), 404, Failure.WALLET_NOT_FOUND);
        assertThat(api.wallet(bob).getString("status")).isEqualTo("ACTIVE");
    }

    @Test
    void theUploadRefusesABlocklistSeqOutOfRange() {
        assertThat(assertProblem(syncRequest(bob, List.of(), -1L), 400, Failure.INVALID_REQUEST))
                .isEqualTo("blocklistSeq must be between 0 and 4294967295, got -1");
        assertThat(assertProblem(syncRequest(bob, List.of(), 0x1_0000_0000L), 400, Failure.INVALID_REQUEST))
                .isEqualTo("blocklistSeq must be between 0 and 4294967295, got 4294967296");
        assertProblem(api.anyone().contentType(ContentType.JSON).body(Map.of("records", List.of(), "blocklistSeq", "three"))
                .post("/v1/wallets/{id}/sync", bob.id().hex()), 400, Failure.INVALID_REQUEST);
    }

    @Test
    void aWalletNotBlocklistedHasNoExposure() {
        JsonPath e = exposure(bob);

        assertThat(e.getString("status")).isEqualTo("ACTIVE");
        assertThat((Object) e.get("blocklisted")).isNull();
        assertThat(e.getList("claims")).isEmpty();
        assertThat(e.getLong("covered")).isZero();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private long version() {
        return api.operator().get("/v1/blocklist").then().statusCode(200).extract().jsonPath().getLong("version");
    }

    private JsonPath exposure(TestWallet w) {
        return api.operator().get("/v1/wallets/{id}/exposure", w.id().hex()).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath audit() {
        return api.operator().get("/v1/audit").then().statusCode(200).extract().jsonPath();
    }

    private Response blocklistByOperator(TestWallet w, String detail) {
        return addRequest(Map.of("walletId", w.id().hex(), "detail", detail));
    }

    private Response addRequest(Map<String, Object> body) {
        return api.operator().contentType(ContentType.JSON).body(body).post("/v1/blocklist");
    }

    private Response syncRequest(TestWallet w, List<Upload> records, Long blocklistSeq) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Upload.body(records));
        if (blocklistSeq != null) {
            body.put("blocklistSeq", blocklistSeq);
        }
        return api.anyone().contentType(ContentType.JSON).body(body).post("/v1/wallets/{id}/sync", w.id().hex());
    }

    private JsonPath syncJson(TestWallet w, List<Upload> records, Long blocklistSeq) {
        Response r = syncRequest(w, records, blocklistSeq);
        assertThat(r.statusCode()).as("sync of %s answered %s", w, r.asString()).isEqualTo(200);
        return r.jsonPath();
    }
}
