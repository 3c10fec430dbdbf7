package org.dualoffline.backend.wallet;

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
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.ReceivePolicy;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code PUT /v1/wallets/{walletId}/limits}: new limits reach the wallet only in its next issuer-signed acknowledgement. */
class LimitsRenewalApiTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(3131);

    private BackendApi api;
    private TestWallet alice;

    @BeforeEach
    void enrolled() {
        api = backend.api();
        alice = api.enrol("Alice");
    }

    @Test
    void theGivenLimitsReplaceTheCurrentOnesWithTheNextSequenceAndTravelInTheNextAcknowledgement() {
        Limits before = Limits.defaults();

        JsonPath renewed = renew(alice, Map.of("maxSingle", 10_000, "maxCount", 5, "receivePolicy", "held_until_sync"))
                .then().statusCode(200).extract().jsonPath();
        SyncAck ack = api.syncOk(alice).ack();

        assertThat(renewed.getLong("limitsSeq")).isEqualTo(before.limitsSeq() + 1);
        Limits expected = new Limits(before.limitsSeq() + 1, 10_000, before.maxCumulative(), 5, before.holdingCap(),
                before.pinFreeThreshold(), ReceivePolicy.HELD_UNTIL_SYNC);
        assertThat(ack.limits()).isEqualTo(expected);
        assertThat(P256Sha256.INSTANCE.verify(api.issuerPublicKey(), ack.body(), ack.issuerSignature()))
                .as("the new limits are signed by the issuer").isTrue();
        assertThat(api.wallet(alice).getLong("limits.maxSingle")).isEqualTo(10_000);
    }

    @Test
    void eachRenewalRaisesTheSequenceSoTheWalletNeverTakesOlderLimits() {
        renew(alice, Map.of("maxSingle", 1_000)).then().statusCode(200);
        JsonPath second = renew(alice, Map.of("maxSingle", 2_000)).then().statusCode(200).extract().jsonPath();

        assertThat(second.getLong("limitsSeq")).isEqualTo(Limits.defaults().limitsSeq() + 2);
        assertThat(api.syncOk(alice).ack().limits().maxSingle()).isEqualTo(2_000);
    }

    @Test
    void badLimitsAreRefusedWithTheFieldAndNothingChanges() {
        assertThat(assertProblem(renew(alice, Map.of()), 400, Failure.INVALID_REQUEST))
                .isEqualTo("the request body must give at least one of maxSingle, maxCumulative, maxCount, holdingCap, pinFreeThreshold, "
                        + "receivePolicy");
        assertThat(assertProblem(renew(alice, Map.of("maxSingle", -1)), 400, Failure.INVALID_REQUEST))
                .isEqualTo("maxSingle must be 0..4294967295, got -1");
        assertThat(assertProblem(renew(alice, Map.of("maxCount", 70_000)), 400, Failure.INVALID_REQUEST))
                .isEqualTo("maxCount must be 0..65535, got 70000");
        assertThat(assertProblem(renew(alice, Map.of("holdingCap", 0x1_0000_0000L)), 400, Failure.INVALID_REQUEST))
                .isEqualTo("holdingCap must be 0..4294967295, got 4294967296");
        assertThat(assertProblem(renew(alice, Map.of("receivePolicy", "SOMETIMES")), 400, Failure.INVALID_REQUEST))
                .isEqualTo("receivePolicy \"SOMETIMES\" is not one of [SPENDABLE_AT_ONCE, HELD_UNTIL_SYNC]");
        assertProblem(renew(alice, Map.of("maxSingle", "lots")), 400, Failure.INVALID_REQUEST);
        assertProblem(api.operator().contentType(ContentType.TEXT).body("maxSingle=5").put("/v1/wallets/{id}/limits", alice.id().hex()),
                415, Failure.UNSUPPORTED_MEDIA_TYPE);

        assertThat(api.wallet(alice).getLong("limits.limitsSeq")).isEqualTo(Limits.defaults().limitsSeq());
    }

    @Test
    void renewingNeedsTheOperatorAndAnEnrolledWallet() {
        assertProblem(api.anyone().contentType(ContentType.JSON).body(Map.of("maxSingle", 1)).put("/v1/wallets/{id}/limits", alice.id().hex()),
                401, Failure.UNAUTHORIZED);
        assertProblem(api.operator().contentType(ContentType.JSON).body(Map.of("maxSingle", 1))
                .put("/v1/wallets/{id}/limits", new WalletId(0x5555L).hex()), 404, Failure.WALLET_NOT_FOUND);
        assertProblem(api.operator().contentType(ContentType.JSON).body(Map.of("maxSingle", 1)).put("/v1/wallets/{id}/limits", "nothex"),
                400, Failure.INVALID_REQUEST);
        assertThat(api.wallet(alice).getLong("limits.limitsSeq")).isEqualTo(Limits.defaults().limitsSeq());
    }

    private Response renew(TestWallet w, Map<String, Object> body) {
        return api.operator().contentType(ContentType.JSON).body(body).put("/v1/wallets/{id}/limits", w.id().hex());
    }
}
