package org.dualoffline.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.backend.testing.Problems.assertProblem;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Collections;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.OfflinePayment;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.backend.testing.Upload;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.WalletId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every refusal of {@code POST /v1/wallets/{walletId}/sync}, each with its status, problem type and precise detail. */
class SyncInputValidationTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(5005);

    private BackendApi api;
    private TestWallet alice;
    private TestWallet bob;

    @BeforeEach
    void twoWallets() {
        api = backend.api();
        alice = api.enrol("Alice");
        bob = api.enrol("Bob");
    }

    // ---- 400: shape of the request -------------------------------------------------------------

    @Test
    void aRequestWithoutRecordsIsABadRequest() {
        Response r = post(alice, "{}");

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).contains("records is required");
    }

    @Test
    void aNullRecordIsABadRequest() {
        Response r = post(alice, "{\"records\": [null]}");

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).contains("records[0] is null");
    }

    @Test
    void anEntryThatIsNotHexIsABadRequestNamingTheRecord() {
        Upload ok = Upload.of(OfflinePayment.between(alice, bob, 10).pay());

        Response r = api.sync(alice, ok, ok.withEntry("zz" + ok.entry().substring(2)));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).contains("records[1].entry").contains("hex");
    }

    @Test
    void anEntryOfTheWrongSizeIsABadRequest() {
        Upload ok = Upload.of(OfflinePayment.between(alice, bob, 10).pay());

        Response r = api.sync(alice, ok.withEntry(ok.entry().substring(2)));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).contains("records[0].entry must be 110 bytes, got 109");
    }

    @Test
    void aSignatureOutsideEightToSeventyTwoBytesIsABadRequest() {
        Upload ok = Upload.of(OfflinePayment.between(alice, bob, 10).pay());

        assertProblem(api.sync(alice, ok.withSignature("3006020101020101")), 422, Failure.BAD_SIGNATURE); // 8 bytes: right size, wrong signature
        assertThat(assertProblem(api.sync(alice, ok.withSignature("300602")), 400, Failure.INVALID_REQUEST))
                .contains("records[0].signature must be 8..72 bytes, got 3");
        assertThat(assertProblem(api.sync(alice, ok.withSignature("30".repeat(73))), 400, Failure.INVALID_REQUEST))
                .contains("got 73");
    }

    @Test
    void anEntryOfAnotherVersionIsABadRequest() {
        Upload ok = Upload.of(OfflinePayment.between(alice, bob, 10).pay());

        Response r = api.sync(alice, ok.withEntry("02" + ok.entry().substring(2)));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).contains("entry version 2 is not 1");
    }

    @Test
    void anEntryOfAnUnknownTypeIsABadRequest() {
        Upload ok = Upload.of(OfflinePayment.between(alice, bob, 10).pay());

        Response r = api.sync(alice, ok.withEntry("0109" + ok.entry().substring(4)));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).contains("unknown entry type 9");
    }

    @Test
    void aReceiveEntryWithoutThePayersEntryIsABadRequest() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 10);

        Response r = api.sync(bob, Upload.of(p.receive()));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).contains("RECEIVE entry").contains("peerEntry");
    }

    @Test
    void aPeerEntryWithoutItsSignatureIsABadRequest() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 10);

        Response r = api.sync(bob, p.payeeRecord().withPeer(p.payeeRecord().peerEntry(), null));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).contains("give both or neither");
    }

    @Test
    void aPayEntryWithAPeerEntryIsABadRequest() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 10);

        Response r = api.sync(alice, p.payerRecord().withPeer(Hex.of(p.receive().entryBytes()), Hex.of(p.receive().signature())));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).contains("only a RECEIVE entry carries a peerEntry");
    }

    @Test
    void moreThanTwoHundredFiftySixRecordsIsABadRequest() {
        Upload one = Upload.of(OfflinePayment.between(alice, bob, 10).pay());

        Response r = api.sync(alice, Collections.nCopies(257, one));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).contains("at most 256 records per upload, got 257");
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(post(alice, "{\"records\": [}"), 400, Failure.MALFORMED_JSON);
    }

    @Test
    void recordsOfTheWrongTypeAreABadRequestNamingTheField() {
        assertThat(assertProblem(post(alice, "{\"records\": \"all of them\"}"), 400, Failure.INVALID_REQUEST)).contains("\"records\"");
        assertThat(assertProblem(post(alice, "{\"records\": [{\"entry\": 5}]}"), 400, Failure.INVALID_REQUEST)).contains("records[0].entry");
    }

    @Test
    void aMalformedWalletIdInThePathIsABadRequest() {
        Response r = api.anyone().contentType(ContentType.JSON).body(Upload.body()).post("/v1/wallets/{id}/sync", "not-a-wallet");

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).contains("16 hex digits");
    }

    // ---- 404, 413, 415 --------------------------------------------------------------------------

    @Test
    void anUploadToAnUnknownWalletIsNotFound() {
        Response r = api.anyone().contentType(ContentType.JSON).body(Upload.body()).post("/v1/wallets/{id}/sync", "0000000000c0ffee");

        assertThat(assertProblem(r, 404, Failure.WALLET_NOT_FOUND)).contains("0000000000c0ffee");
    }

    @Test
    void anUploadOverTheSizeLimitIsTooLarge() {
        String padding = "a".repeat(1_100_000);

        Response r = post(alice, "{\"records\": [], \"padding\": \"" + padding + "\"}");

        assertProblem(r, 413, Failure.PAYLOAD_TOO_LARGE);
    }

    @Test
    void anUploadThatIsNotJsonIsAnUnsupportedMediaType() {
        Response r = api.anyone().contentType("application/octet-stream").body(new byte[] {1, 2, 3})
                .post("/v1/wallets/{id}/sync", alice.id().hex());

        assertThat(assertProblem(r, 415, Failure.UNSUPPORTED_MEDIA_TYPE)).contains("application/octet-stream");
    }

    // ---- 422: well-formed, but not acceptable ----------------------------------------------------

    @Test
    void anEntryOfAnotherWalletIsRefused() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 10);

        Response r = api.sync(bob, p.payerRecord());

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).contains("entry of wallet " + alice.id()).contains("uploaded to wallet " + bob.id());
    }

    @Test
    void anEntrySignedByAnotherKeyIsABadSignature() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 10);
        SignedEntry signedByBob = bob.sign(p.pay().entry());

        String detail = assertProblem(api.sync(alice, Upload.of(signedByBob)), 422, Failure.BAD_SIGNATURE);

        assertThat(detail).contains("records[0] (PAY #1)").contains("counter 1");
    }

    @Test
    void anEntryWithCounterZeroIsRefused() {
        Entry zero = new Entry(EntryType.PAY, alice.id(), 0, bob.id(), 10, new byte[16], 0, new byte[32], alice.lastHash());

        assertThat(assertProblem(api.sync(alice, Upload.of(alice.sign(zero))), 422, Failure.UNACCEPTABLE_ENTRY)).contains("counter 0");
    }

    @Test
    void aPaymentOfNothingIsRefused() {
        SignedEntry pay = alice.pay(bob, 0, bob.challenge());

        assertThat(assertProblem(api.sync(alice, Upload.of(pay)), 422, Failure.UNACCEPTABLE_ENTRY)).contains("amount 0");
    }

    @Test
    void aPaymentToAnUnenrolledWalletIsRefused() {
        TestWallet stranger = strangerFromAnotherIssuer();

        Response r = api.sync(alice, Upload.of(alice.pay(stranger, 10, stranger.challenge())));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).contains("not enrolled here");
    }

    @Test
    void aPaymentToItselfIsRefused() {
        Response r = api.sync(alice, Upload.of(alice.pay(alice, 10, alice.challenge())));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).contains("pays its own wallet");
    }

    @Test
    void aReceiptFromAnUnenrolledPayerIsRefused() {
        TestWallet stranger = strangerFromAnotherIssuer();
        OfflinePayment p = OfflinePayment.between(stranger, bob, 10);

        Response r = api.sync(bob, p.payeeRecord());

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).contains("payer wallet " + stranger.id()).contains("not enrolled");
    }

    @Test
    void aReceiptWhosePeerEntryIsNotAPayEntryIsRefused() {
        SignedEntry load = alice.load(new org.dualoffline.protocol.LoadToken(alice.id(), 1, 10, new byte[8]));
        Entry receive = receiveOf(load, load.entry().amount(), load.entry().nonce(), load.entry().counter(), load.hash());

        Response r = api.sync(bob, Upload.receipt(bob.write(receive), load));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).contains("not the payer's PAY entry");
    }

    @Test
    void aReceiptForAnotherAmountThanItsPayEntryIsRefused() {
        SignedEntry pay = alice.pay(bob, 100, bob.challenge());
        Entry receive = receiveOf(pay, 1_000, pay.entry().nonce(), pay.entry().counter(), pay.hash());

        Response r = api.sync(bob, Upload.receipt(bob.write(receive), pay));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).contains("receives 1000 fen").contains("pays 100 fen");
    }

    @Test
    void aReceiptWithAnotherNonceThanItsPayEntryIsRefused() {
        SignedEntry pay = alice.pay(bob, 100, bob.challenge());
        Entry receive = receiveOf(pay, 100, bob.challenge(), pay.entry().counter(), pay.hash());

        Response r = api.sync(bob, Upload.receipt(bob.write(receive), pay));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).contains("nonce");
    }

    @Test
    void aReceiptNamingAnotherPayerCounterIsRefused() {
        SignedEntry pay = alice.pay(bob, 100, bob.challenge());
        Entry receive = receiveOf(pay, 100, pay.entry().nonce(), pay.entry().counter() + 5, pay.hash());

        Response r = api.sync(bob, Upload.receipt(bob.write(receive), pay));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).contains("payer counter 6");
    }

    @Test
    void aReceiptWhoseRefHashIsNotItsPayEntrysHashIsRefused() {
        SignedEntry pay = alice.pay(bob, 100, bob.challenge());
        Entry receive = receiveOf(pay, 100, pay.entry().nonce(), pay.entry().counter(), new byte[32]);

        Response r = api.sync(bob, Upload.receipt(bob.write(receive), pay));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).contains("refHash");
    }

    @Test
    void aReceiptOfAPaymentToSomeoneElseIsRefused() {
        TestWallet carol = api.enrol("Carol");
        SignedEntry payToCarol = alice.pay(carol, 100, carol.challenge());
        Entry receive = receiveOf(payToCarol, 100, payToCarol.entry().nonce(), payToCarol.entry().counter(), payToCarol.hash());

        Response r = api.sync(bob, Upload.receipt(bob.write(receive), payToCarol));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).contains("pays wallet " + carol.id()).contains("not this wallet");
    }

    @Test
    void aReceiptFromOnePayerCarryingAnotherPayersEntryIsRefused() {
        TestWallet carol = api.enrol("Carol");
        SignedEntry pay = alice.pay(bob, 100, bob.challenge());
        Entry receive = new Entry(EntryType.RECEIVE, bob.id(), bob.counter() + 1, carol.id(), 100, pay.entry().nonce(),
                pay.entry().counter(), pay.hash(), bob.lastHash());

        Response r = api.sync(bob, Upload.receipt(bob.write(receive), pay));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).contains("receives from wallet " + carol.id());
    }

    private Entry receiveOf(SignedEntry payerEntry, long amount, byte[] nonce, long peerCounter, byte[] refHash) {
        return new Entry(EntryType.RECEIVE, bob.id(), bob.counter() + 1, payerEntry.entry().walletId(), amount, nonce, peerCounter,
                refHash, bob.lastHash());
    }

    private TestWallet strangerFromAnotherIssuer() {
        TestWallet stranger = api.newWallet("Stranger");
        Issuer otherIssuer = Issuer.generate(IssuerKeySource.seededRandom(99));
        stranger.personalize(otherIssuer.certify(new WalletId(0x7777_0000_0000_0001L), FormFactor.CARD, stranger.publicKey()));
        return stranger;
    }

    private Response post(TestWallet w, String json) {
        return api.anyone().contentType(ContentType.JSON).body(json).post("/v1/wallets/{id}/sync", w.id().hex());
    }
}
