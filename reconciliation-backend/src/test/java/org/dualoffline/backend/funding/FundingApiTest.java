package org.dualoffline.backend.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.backend.testing.Problems.assertProblem;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.P256Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Contract of {@code POST /v1/wallets/{walletId}/deposits} and {@code .../load-tokens}. */
class FundingApiTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(3003);

    private BackendApi api;
    private TestWallet alice;

    @BeforeEach
    void aWallet() {
        api = backend.api();
        alice = api.enrol("Alice");
    }

    @Test
    void aDepositCreditsTheOnlineAccount() {
        JsonPath first = api.deposit(alice, 5_000).then().statusCode(201).extract().jsonPath();
        JsonPath second = api.deposit(alice, 250).then().statusCode(201).extract().jsonPath();

        assertThat(first.getString("walletId")).isEqualTo(alice.id().hex());
        assertThat(first.getLong("onlineBalance")).isEqualTo(5_000);
        assertThat(second.getLong("amount")).isEqualTo(250);
        assertThat(second.getLong("onlineBalance")).isEqualTo(5_250);
        assertThat(api.wallet(alice).getLong("onlineBalance")).isEqualTo(5_250);
    }

    @Test
    void aLoadTokenMovesValueFromOnlineToOfflineUnderTheNextLoadSequence() {
        api.deposit(alice, 10_000).then().statusCode(201);

        JsonPath t1 = api.loadTokenRequest(alice, 3_000).then().statusCode(201).extract().jsonPath();
        JsonPath t2 = api.loadTokenRequest(alice, 2_000).then().statusCode(201).extract().jsonPath();

        assertThat(t1.getLong("loadSeq")).isEqualTo(1);
        assertThat(t2.getLong("loadSeq")).isEqualTo(2);
        LoadToken token = LoadToken.decode(Hex.parse(t2.getString("token")));
        assertThat(token.walletId()).isEqualTo(alice.id());
        assertThat(token.loadSeq()).isEqualTo(2);
        assertThat(token.amount()).isEqualTo(2_000);
        assertThat(P256Sha256.INSTANCE.verify(api.issuerPublicKey(), token.body(), token.issuerSignature())).isTrue();
        JsonPath w = api.wallet(alice);
        assertThat(w.getLong("onlineBalance")).isEqualTo(5_000);
        assertThat(w.getLong("loaded")).isEqualTo(5_000);
        assertThat(w.getLong("offlineBalance")).isEqualTo(5_000);
        assertThat(w.getLong("loadSeq")).isEqualTo(2);
    }

    @Test
    void aLoadTokenForMoreThanTheOnlineBalanceIsAConflictAndDebitsNothing() {
        api.deposit(alice, 1_000).then().statusCode(201);

        Response r = api.loadTokenRequest(alice, 1_001);

        assertThat(assertProblem(r, 409, Failure.INSUFFICIENT_FUNDS))
                .isEqualTo("the online balance of wallet " + alice.id() + " is ¥10.00, less than the ¥10.01 to load");
        assertThat(api.wallet(alice).getLong("onlineBalance")).isEqualTo(1_000);
        assertThat(api.wallet(alice).getLong("loadSeq")).isZero();
    }

    @Test
    void aMissingAmountIsABadRequest() {
        Response r = api.operator().contentType(ContentType.JSON).body(Map.of()).post("/v1/wallets/{id}/deposits", alice.id().hex());

        assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).isEqualTo("amount is required (fen, 1..4294967295)");
    }

    @Test
    void aZeroOrNegativeAmountIsABadRequest() {
        assertThat(assertProblem(api.deposit(alice, 0), 400, Failure.INVALID_REQUEST)).isEqualTo("amount must be 1..4294967295 fen, got 0");
        assertThat(assertProblem(api.loadTokenRequest(alice, -5), 400, Failure.INVALID_REQUEST)).isEqualTo("amount must be 1..4294967295 fen, got -5");
    }

    @Test
    void anAmountBeyondFourBytesIsABadRequest() {
        assertThat(assertProblem(api.deposit(alice, 0x1_0000_0000L), 400, Failure.INVALID_REQUEST)).isEqualTo("amount must be 1..4294967295 fen, got 4294967296");
    }

    @Test
    void anAmountGivenAsTextOrWithFractionsIsABadRequest() {
        Response text = api.operator().contentType(ContentType.JSON).body("{\"amount\": \"100\"}").post("/v1/wallets/{id}/deposits", alice.id().hex());
        Response fraction = api.operator().contentType(ContentType.JSON).body("{\"amount\": 1.5}").post("/v1/wallets/{id}/deposits", alice.id().hex());

        assertThat(assertProblem(text, 400, Failure.INVALID_REQUEST)).startsWith("field \"amount\" has the wrong type (");
        assertThat(assertProblem(fraction, 400, Failure.INVALID_REQUEST)).startsWith("field \"amount\" has the wrong type (");
    }

    @Test
    void fundingAnUnknownWalletIsNotFound() {
        Response deposit = api.operator().contentType(ContentType.JSON).body(Map.of("amount", 1)).post("/v1/wallets/{id}/deposits", "00000000000f0000");
        Response load = api.operator().contentType(ContentType.JSON).body(Map.of("amount", 1)).post("/v1/wallets/{id}/load-tokens", "00000000000f0000");

        assertProblem(deposit, 404, Failure.WALLET_NOT_FOUND);
        assertProblem(load, 404, Failure.WALLET_NOT_FOUND);
    }

    @Test
    void fundingWithoutTheOperatorTokenIsUnauthorized() {
        Response deposit = api.anyone().contentType(ContentType.JSON).body(Map.of("amount", 1)).post("/v1/wallets/{id}/deposits", alice.id().hex());
        Response load = api.anyone().contentType(ContentType.JSON).body(Map.of("amount", 1)).post("/v1/wallets/{id}/load-tokens", alice.id().hex());

        assertProblem(deposit, 401, Failure.UNAUTHORIZED);
        assertProblem(load, 401, Failure.UNAUTHORIZED);
    }

    @Test
    void fundingWithAnotherContentTypeIsUnsupported() {
        Response r = api.operator().contentType("application/xml").body("<amount>1</amount>").post("/v1/wallets/{id}/deposits", alice.id().hex());

        assertProblem(r, 415, Failure.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void malformedFundingJsonIsABadRequest() {
        Response r = api.operator().contentType(ContentType.JSON).body("{amount: 1}").post("/v1/wallets/{id}/load-tokens", alice.id().hex());

        assertProblem(r, 400, Failure.MALFORMED_JSON);
    }
}
