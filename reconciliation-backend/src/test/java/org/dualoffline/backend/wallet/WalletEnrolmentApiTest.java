package org.dualoffline.backend.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.backend.testing.Problems.assertProblem;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.ReceivePolicy;
import org.dualoffline.protocol.SyncAck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Contract of {@code POST /v1/wallets} and {@code GET /v1/wallets/{walletId}}. */
class WalletEnrolmentApiTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(2002);

    private BackendApi api;

    @BeforeEach
    void api() {
        api = backend.api();
    }

    @Test
    void enrolmentAnswersAnIssuerSignedCertificateForTheKeyUnderANewWalletId() {
        TestWallet w = api.newWallet("Alice");

        Response r = api.enrolRequest(w, FormFactor.WEARABLE, null);

        assertThat(r.statusCode()).isEqualTo(201);
        JsonPath body = r.jsonPath();
        String walletId = body.getString("walletId");
        assertThat(walletId).matches("[0-9a-f]{16}");
        assertThat(r.header("Location")).isEqualTo("/v1/wallets/" + walletId);
        Certificate cert = Certificate.decode(Hex.parse(body.getString("certificate")));
        assertThat(cert.walletId().hex()).isEqualTo(walletId);
        assertThat(cert.formFactor()).isEqualTo(FormFactor.WEARABLE);
        assertThat(cert.publicKey()).isEqualTo(w.publicKey());
        assertThat(cert.isSignedBy(api.issuerPublicKey())).isTrue();
    }

    @Test
    void theInitialAcknowledgementActivatesTheWalletAtCounterZeroOnItsChainGenesis() {
        TestWallet w = api.newWallet("Alice");

        JsonPath body = api.enrolRequest(w, FormFactor.CARD, null).then().statusCode(201).extract().jsonPath();

        Certificate cert = Certificate.decode(Hex.parse(body.getString("certificate")));
        SyncAck ack = SyncAck.decode(Hex.parse(body.getString("initialAck")));
        assertThat(ack.walletId()).isEqualTo(cert.walletId());
        assertThat(ack.ackCounter()).isZero();
        assertThat(ack.ackHash()).isEqualTo(P256Sha256.INSTANCE.hash(cert.body()));
        assertThat(ack.limits()).isEqualTo(Limits.defaults());
        assertThat(P256Sha256.INSTANCE.verify(api.issuerPublicKey(), ack.body(), ack.issuerSignature())).isTrue();
    }

    @Test
    void eachEnrolmentGetsItsOwnWalletId() {
        TestWallet a = api.enrol("A");
        TestWallet b = api.enrol("B");

        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void limitsGivenAtEnrolmentAreSignedIntoTheAcknowledgementAndMissingOnesDefault() {
        TestWallet w = api.newWallet("Merchant");
        Map<String, Object> limits = Map.of("maxSingle", 10_000, "maxCount", 5, "receivePolicy", "HELD_UNTIL_SYNC");

        JsonPath body = api.enrolRequest(w, FormFactor.POS, limits).then().statusCode(201).extract().jsonPath();

        Limits l = SyncAck.decode(Hex.parse(body.getString("initialAck"))).limits();
        assertThat(l.maxSingle()).isEqualTo(10_000);
        assertThat(l.maxCount()).isEqualTo(5);
        assertThat(l.receivePolicy()).isEqualTo(ReceivePolicy.HELD_UNTIL_SYNC);
        assertThat(l.maxCumulative()).isEqualTo(Limits.defaults().maxCumulative());
        assertThat(l.holdingCap()).isEqualTo(Limits.defaults().holdingCap());
    }

    @Test
    void aWalletIsReportedWithItsBalancesChainStateAndLimits() {
        TestWallet w = api.enrol("Alice", FormFactor.NFC_SIM, Map.of("holdingCap", 123_456));

        JsonPath j = api.wallet(w);

        assertThat(j.getString("walletId")).isEqualTo(w.id().hex());
        assertThat(j.getString("holder")).isEqualTo("Alice");
        assertThat(j.getString("formFactor")).isEqualTo("NFC_SIM");
        assertThat(j.getString("status")).isEqualTo("ACTIVE");
        assertThat(j.getLong("onlineBalance")).isZero();
        assertThat(j.getLong("offlineBalance")).isZero();
        assertThat(j.getLong("settledIncoming")).isZero();
        assertThat(j.getLong("settledOutgoing")).isZero();
        assertThat(j.getLong("lastCounter")).isZero();
        assertThat(j.getString("lastHash")).isEqualTo(Hex.of(w.certificate().chainGenesis()));
        assertThat(j.getInt("pendingRecords")).isZero();
        assertThat(j.getLong("limits.holdingCap")).isEqualTo(123_456);
        assertThat(j.getString("limits.receivePolicy")).isEqualTo("SPENDABLE_AT_ONCE");
    }

    @Test
    void enrolmentWithoutTheOperatorTokenIsUnauthorized() {
        Response r = api.anyone().contentType(ContentType.JSON).body(validBody()).post("/v1/wallets");

        assertThat(assertProblem(r, 401, Failure.UNAUTHORIZED)).isEqualTo("this endpoint needs the header \"Authorization: Bearer <operator token>\"");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void enrolmentWithAWrongOperatorTokenIsUnauthorized() {
        Response r = api.anyone().header("Authorization", "Bearer not-the-token").contentType(ContentType.JSON)
                .body(validBody()).post("/v1/wallets");

        assertThat(assertProblem(r, 401, Failure.UNAUTHORIZED)).isEqualTo("the operator token is not valid");
    }

    @Test
    void anotherAuthorizationSchemeIsUnauthorized() {
        Response r = api.anyone().header("Authorization", "Basic dXNlcjpwdw==").contentType(ContentType.JSON)
                .body(validBody()).post("/v1/wallets");

        assertThat(assertProblem(r, 401, Failure.UNAUTHORIZED)).isEqualTo("the Authorization header must use the Bearer scheme");
    }

    @Test
    void enrolingAnAlreadyEnrolledKeyIsAConflict() {
        TestWallet w = api.enrol("Alice");

        Response again = api.enrolRequest(w, FormFactor.CARD, null);

        assertThat(assertProblem(again, 409, Failure.ALREADY_ENROLLED))
                .isEqualTo("public key " + Hex.of(w.publicKey()) + " is already enrolled as wallet " + w.id());
    }

    @Test
    void aMissingPublicKeyIsABadRequest() {
        Map<String, Object> body = validBody();
        body.remove("publicKey");

        assertThat(assertProblem(enrol(body), 400, Failure.INVALID_REQUEST)).isEqualTo("publicKey is required: the wallet's uncompressed P-256 point, 65 bytes in hex");
    }

    @Test
    void aPublicKeyThatIsNotHexIsABadRequest() {
        Map<String, Object> body = validBody();
        body.put("publicKey", "04zz");

        assertThat(assertProblem(enrol(body), 400, Failure.INVALID_REQUEST)).startsWith("publicKey: not a hex string: ");
    }

    @Test
    void aPublicKeyOfTheWrongLengthIsABadRequest() {
        Map<String, Object> body = validBody();
        body.put("publicKey", "04" + "11".repeat(32));

        assertThat(assertProblem(enrol(body), 400, Failure.INVALID_REQUEST)).isEqualTo("publicKey must be an uncompressed point, 65 bytes starting with 04, got 33 bytes");
    }

    @Test
    void aPublicKeyOffTheCurveIsABadRequest() {
        Map<String, Object> body = validBody();
        body.put("publicKey", "04" + "11".repeat(64));

        assertThat(assertProblem(enrol(body), 400, Failure.INVALID_REQUEST)).isEqualTo("publicKey is not a point on P-256");
    }

    @Test
    void anUnknownFormFactorIsABadRequest() {
        Map<String, Object> body = validBody();
        body.put("formFactor", "TOASTER");

        assertThat(assertProblem(enrol(body), 400, Failure.INVALID_REQUEST)).isEqualTo("formFactor \"TOASTER\" is not one of [CARD, WEARABLE, PHONE_ESE, NFC_SIM, POS]");
    }

    @Test
    void aBlankHolderIsABadRequest() {
        Map<String, Object> body = validBody();
        body.put("holder", "  ");

        assertThat(assertProblem(enrol(body), 400, Failure.INVALID_REQUEST)).isEqualTo("holder is required: the name of the wallet's holder");
    }

    @Test
    void aLimitOutsideItsFieldIsABadRequest() {
        Map<String, Object> body = validBody();
        body.put("limits", Map.of("maxCount", 70_000));

        assertThat(assertProblem(enrol(body), 400, Failure.INVALID_REQUEST)).isEqualTo("limits.maxCount must be 0..65535, got 70000");
    }

    @Test
    void anUnknownReceivePolicyIsABadRequest() {
        Map<String, Object> body = validBody();
        body.put("limits", Map.of("receivePolicy", "SOMETIMES"));

        assertThat(assertProblem(enrol(body), 400, Failure.INVALID_REQUEST)).isEqualTo("limits.receivePolicy \"SOMETIMES\" is not one of [SPENDABLE_AT_ONCE, HELD_UNTIL_SYNC]");
    }

    @Test
    void aFieldOfTheWrongTypeIsABadRequestNamingTheField() {
        Map<String, Object> body = validBody();
        body.put("limits", Map.of("maxSingle", "lots"));

        assertThat(assertProblem(enrol(body), 400, Failure.INVALID_REQUEST)).startsWith("field \"limits.maxSingle\" has the wrong type (");
    }

    @Test
    void malformedJsonIsABadRequestWithItsPosition() {
        Response r = api.operator().contentType(ContentType.JSON).body("{\"publicKey\": ").post("/v1/wallets");

        assertThat(assertProblem(r, 400, Failure.MALFORMED_JSON)).startsWith("malformed JSON at line 1, column 15: ");
    }

    @Test
    void aJsonArrayInsteadOfAnObjectIsABadRequest() {
        Response r = api.operator().contentType(ContentType.JSON).body("[1, 2]").post("/v1/wallets");

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).isEqualTo("the request body must be a JSON object");
    }

    @Test
    void anEmptyBodyIsABadRequest() {
        Response r = api.operator().contentType(ContentType.JSON).body("").post("/v1/wallets");

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).isEqualTo("the request body is empty; expected a JSON object");
    }

    @Test
    void unknownFieldsAreIgnored() {
        Map<String, Object> body = validBody();
        body.put("favouriteColour", "teal");

        assertThat(enrol(body).statusCode()).isEqualTo(201);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        Response r = api.operator().contentType(ContentType.TEXT).body("publicKey=04").post("/v1/wallets");

        assertThat(assertProblem(r, 415, Failure.UNSUPPORTED_MEDIA_TYPE))
                .matches("content type \"text/plain(; charset=[^\"]+)?\" is not supported; send application/json");
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        Map<String, Object> body = validBody();
        body.put("holder", "x".repeat(1_100_000));

        assertThat(assertProblem(enrol(body), 413, Failure.PAYLOAD_TOO_LARGE))
                .matches("the request body of \\d+ bytes is larger than the limit of 1048576 bytes");
    }

    @Test
    void anUnknownWalletIsNotFound() {
        Response r = api.operator().get("/v1/wallets/{id}", "00000000deadbeef");

        assertThat(assertProblem(r, 404, Failure.WALLET_NOT_FOUND)).isEqualTo("wallet 00000000deadbeef is not enrolled");
    }

    @Test
    void aMalformedWalletIdIsABadRequest() {
        Response r = api.operator().get("/v1/wallets/{id}", "xyz");

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).isEqualTo("walletId must be 16 hex digits, got \"xyz\"");
    }

    @Test
    void readingAWalletWithoutTheOperatorTokenIsUnauthorized() {
        TestWallet w = api.enrol("Alice");

        assertProblem(api.anyone().get("/v1/wallets/{id}", w.id().hex()), 401, Failure.UNAUTHORIZED);
    }

    private Response enrol(Map<String, Object> body) {
        return api.operator().contentType(ContentType.JSON).body(body).post("/v1/wallets");
    }

    private Map<String, Object> validBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("publicKey", Hex.of(api.newWallet("x").publicKey()));
        body.put("formFactor", "CARD");
        body.put("holder", "Alice");
        return body;
    }
}
