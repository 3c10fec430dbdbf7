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

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST))
                .isEqualTo("records is required: an array of {entry, signature, peerEntry?, peerSignature?}");
    }

    @Test
    void aNullRecordIsABadRequest() {
        Response r = post(alice, "{\"records\": [null]}");

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).isEqualTo("records[0] is null");
    }

    @Test
    void anEntryThatIsNotHexIsABadRequestNamingTheRecord() {
        Upload ok = Upload.of(OfflinePayment.between(alice, bob, 10).pay());

        Response r = api.sync(alice, ok, ok.withEntry("zz" + ok.entry().substring(2)));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).startsWith("records[1].entry: not a hex string: ");
    }

    @Test
    void anEntryOfTheWrongSizeIsABadRequest() {
        Upload ok = Upload.of(OfflinePayment.between(alice, bob, 10).pay());

        Response r = api.sync(alice, ok.withEntry(ok.entry().substring(2)));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).isEqualTo("records[0].entry must be 110 bytes, got 109");
    }

    @Test
    void aSignatureOutsideEightToSeventyTwoBytesIsABadRequest() {
        Upload ok = Upload.of(OfflinePayment.between(alice, bob, 10).pay());

        assertProblem(api.sync(alice, ok.withSignature("3006020101020101")), 422, Failure.BAD_SIGNATURE); // 8 bytes: right size, wrong signature
        assertThat(assertProblem(api.sync(alice, ok.withSignature("300602")), 400, Failure.INVALID_REQUEST))
                .isEqualTo("records[0].signature must be 8..72 bytes, got 3");
        assertThat(assertProblem(api.sync(alice, ok.withSignature("30".repeat(73))), 400, Failure.INVALID_REQUEST))
                .isEqualTo("records[0].signature must be 8..72 bytes, got 73");
    }

    @Test
    void anEntryOfAnotherVersionIsABadRequest() {
        Upload ok = Upload.of(OfflinePayment.between(alice, bob, 10).pay());

        Response r = api.sync(alice, ok.withEntry("02" + ok.entry().substring(2)));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).isEqualTo("records[0].entry: entry version 2 is not 1");
    }

    @Test
    void anEntryOfAnUnknownTypeIsABadRequest() {
        Upload ok = Upload.of(OfflinePayment.between(alice, bob, 10).pay());

        Response r = api.sync(alice, ok.withEntry("0109" + ok.entry().substring(4)));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).isEqualTo("records[0].entry: unknown entry type 9");
    }

    @Test
    void aReceiveEntryWithoutThePayersEntryIsABadRequest() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 10);

        Response r = api.sync(bob, Upload.of(p.receive()));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).isEqualTo("records[0]: a RECEIVE entry (#" + p.receive().entry().counter()
                + ") needs peerEntry and peerSignature, the payer's signed PAY entry");
    }

    @Test
    void aPeerEntryWithoutItsSignatureIsABadRequest() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 10);

        Response r = api.sync(bob, p.payeeRecord().withPeer(p.payeeRecord().peerEntry(), null));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).isEqualTo("records[0]: peerEntry and peerSignature go together; give both or neither");
    }

    @Test
    void aPayEntryWithAPeerEntryIsABadRequest() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 10);

        Response r = api.sync(alice, p.payerRecord().withPeer(Hex.of(p.receive().entryBytes()), Hex.of(p.receive().signature())));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).isEqualTo("records[0]: only a RECEIVE entry carries a peerEntry, this is a PAY entry");
    }

    @Test
    void moreThanTwoHundredFiftySixRecordsIsABadRequest() {
        Upload one = Upload.of(OfflinePayment.between(alice, bob, 10).pay());

        Response r = api.sync(alice, Collections.nCopies(257, one));

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).isEqualTo("at most 256 records per upload, got 257");
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(post(alice, "{\"records\": [}"), 400, Failure.MALFORMED_JSON);
    }

    @Test
    void recordsOfTheWrongTypeAreABadRequestNamingTheField() {
        assertThat(assertProblem(post(alice, "{\"records\": \"all of them\"}"), 400, Failure.INVALID_REQUEST))
                .startsWith("field \"records\" has the wrong type (");
        assertThat(assertProblem(post(alice, "{\"records\": [{\"entry\": 5}]}"), 400, Failure.INVALID_REQUEST))
                .isEqualTo("records[0].entry: hex string has an odd number of digits: 1");
    }

    @Test
    void aMalformedWalletIdInThePathIsABadRequest() {
        Response r = api.anyone().contentType(ContentType.JSON).body(Upload.body()).post("/v1/wallets/{id}/sync", "not-a-wallet");

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).isEqualTo("walletId must be 16 hex digits, got \"not-a-wallet\"");
    }

    // ---- 404, 413, 415 --------------------------------------------------------------------------

    @Test
    void anUploadToAnUnknownWalletIsNotFound() {
        Response r = api.anyone().contentType(ContentType.JSON).body(Upload.body()).post("/v1/wallets/{id}/sync", "0000000000c0ffee");

        assertThat(assertProblem(r, 404, Failure.WALLET_NOT_FOUND)).isEqualTo("wallet 0000000000c0ffee is not enrolled");
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

        assertThat(assertProblem(r, 415, Failure.UNSUPPORTED_MEDIA_TYPE))
                .matches("content type \"application/octet-stream(; charset=[^\"]+)?\" is not supported; send application/json");
    }

    // ---- 422: well-formed, but not acceptable ----------------------------------------------------

    @Test
    void anEntryOfAnotherWalletIsRefused() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 10);

        Response r = api.sync(bob, p.payerRecord());

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).isEqualTo("records[0] (PAY #" + p.payerCounter() + ") is an entry of wallet "
                + alice.id() + ", uploaded to wallet " + bob.id());
    }

    @Test
    void anEntrySignedByAnotherKeyIsABadSignature() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 10);
        SignedEntry signedByBob = bob.sign(p.pay().entry());

        String detail = assertProblem(api.sync(alice, Upload.of(signedByBob)), 422, Failure.BAD_SIGNATURE);

        assertThat(detail).isEqualTo("bad signature: records[0] (PAY #1) (counter 1) is not signed by the certified key of wallet " + alice.id());
    }

    @Test
    void anEntryWithCounterZeroIsRefused() {
        Entry zero = new Entry(EntryType.PAY, alice.id(), 0, bob.id(), 10, new byte[16], 0, new byte[32], alice.lastHash());

        assertThat(assertProblem(api.sync(alice, Upload.of(alice.sign(zero))), 422, Failure.UNACCEPTABLE_ENTRY))
                .isEqualTo("records[0] (PAY #0) has counter 0; a wallet's first entry has counter 1");
    }

    @Test
    void aPaymentOfNothingIsRefused() {
        SignedEntry pay = alice.pay(bob, 0, bob.challenge());

        assertThat(assertProblem(api.sync(alice, Upload.of(pay)), 422, Failure.UNACCEPTABLE_ENTRY))
                .isEqualTo("records[0] (PAY #" + pay.entry().counter() + ") has amount 0");
    }

    @Test
    void aPaymentToAnUnenrolledWalletIsRefused() {
        TestWallet stranger = strangerFromAnotherIssuer();

        SignedEntry pay = alice.pay(stranger, 10, stranger.challenge());

        Response r = api.sync(alice, Upload.of(pay));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).isEqualTo("records[0] (PAY #" + pay.entry().counter() + ") pays wallet "
                + stranger.id() + ", which is not enrolled here");
    }

    @Test
    void aPaymentToItselfIsRefused() {
        SignedEntry pay = alice.pay(alice, 10, alice.challenge());

        Response r = api.sync(alice, Upload.of(pay));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).isEqualTo("records[0] (PAY #" + pay.entry().counter() + ") pays its own wallet");
    }

    @Test
    void aReceiptFromAnUnenrolledPayerIsRefused() {
        TestWallet stranger = strangerFromAnotherIssuer();
        OfflinePayment p = OfflinePayment.between(stranger, bob, 10);

        Response r = api.sync(bob, p.payeeRecord());

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).isEqualTo("records[0] (RECEIVE #" + p.receive().entry().counter()
                + "): payer wallet " + stranger.id() + " is not enrolled here");
    }

    @Test
    void aReceiptWhosePeerEntryIsNotAPayEntryIsRefused() {
        SignedEntry load = alice.load(new org.dualoffline.protocol.LoadToken(alice.id(), 1, 10, new byte[8]));
        Entry receive = receiveOf(load, load.entry().amount(), load.entry().nonce(), load.entry().counter(), load.hash());

        Response r = api.sync(bob, Upload.receipt(bob.write(receive), load));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).isEqualTo("records[0] (RECEIVE #" + receive.counter()
                + "): its peerEntry is a LOAD entry, not the payer's PAY entry");
    }

    @Test
    void aReceiptForAnotherAmountThanItsPayEntryIsRefused() {
        SignedEntry pay = alice.pay(bob, 100, bob.challenge());
        Entry receive = receiveOf(pay, 1_000, pay.entry().nonce(), pay.entry().counter(), pay.hash());

        Response r = api.sync(bob, Upload.receipt(bob.write(receive), pay));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).isEqualTo("records[0] (RECEIVE #" + receive.counter()
                + ") receives 1000 fen, but the PAY entry beside it pays 100 fen");
    }

    @Test
    void aReceiptWithAnotherNonceThanItsPayEntryIsRefused() {
        SignedEntry pay = alice.pay(bob, 100, bob.challenge());
        Entry receive = receiveOf(pay, 100, bob.challenge(), pay.entry().counter(), pay.hash());

        Response r = api.sync(bob, Upload.receipt(bob.write(receive), pay));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).isEqualTo("records[0] (RECEIVE #" + receive.counter()
                + "): its nonce differs from the nonce of the PAY entry beside it");
    }

    @Test
    void aReceiptNamingAnotherPayerCounterIsRefused() {
        SignedEntry pay = alice.pay(bob, 100, bob.challenge());
        Entry receive = receiveOf(pay, 100, pay.entry().nonce(), pay.entry().counter() + 5, pay.hash());

        Response r = api.sync(bob, Upload.receipt(bob.write(receive), pay));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).isEqualTo("records[0] (RECEIVE #" + receive.counter()
                + ") names payer counter 6, but the PAY entry beside it has counter 1");
    }

    @Test
    void aReceiptWhoseRefHashIsNotItsPayEntrysHashIsRefused() {
        SignedEntry pay = alice.pay(bob, 100, bob.challenge());
        Entry receive = receiveOf(pay, 100, pay.entry().nonce(), pay.entry().counter(), new byte[32]);

        Response r = api.sync(bob, Upload.receipt(bob.write(receive), pay));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).isEqualTo("records[0] (RECEIVE #" + receive.counter()
                + "): its refHash is not the hash of the PAY entry beside it");
    }

    @Test
    void aReceiptOfAPaymentToSomeoneElseIsRefused() {
        TestWallet carol = api.enrol("Carol");
        SignedEntry payToCarol = alice.pay(carol, 100, carol.challenge());
        Entry receive = receiveOf(payToCarol, 100, payToCarol.entry().nonce(), payToCarol.entry().counter(), payToCarol.hash());

        Response r = api.sync(bob, Upload.receipt(bob.write(receive), payToCarol));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).isEqualTo("records[0] (RECEIVE #" + receive.counter()
                + "): the PAY entry beside it pays wallet " + carol.id() + ", not this wallet");
    }

    @Test
    void aReceiptFromOnePayerCarryingAnotherPayersEntryIsRefused() {
        TestWallet carol = api.enrol("Carol");
        SignedEntry pay = alice.pay(bob, 100, bob.challenge());
        Entry receive = new Entry(EntryType.RECEIVE, bob.id(), bob.counter() + 1, carol.id(), 100, pay.entry().nonce(),
                pay.entry().counter(), pay.hash(), bob.lastHash());

        Response r = api.sync(bob, Upload.receipt(bob.write(receive), pay));

        assertThat(assertProblem(r, 422, Failure.UNACCEPTABLE_ENTRY)).isEqualTo("records[0] (RECEIVE #" + receive.counter()
                + ") receives from wallet " + carol.id() + ", but its peerEntry was written by wallet " + alice.id());
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
