package org.dualoffline.backend.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.backend.testing.Problems.assertProblem;

import java.util.List;
import java.util.Map;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.OfflinePayment;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.protocol.Hex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Contract of {@code GET /v1/payments?walletId=}. */
class PaymentsApiTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(4004);

    private BackendApi api;

    @BeforeEach
    void api() {
        api = backend.api();
    }

    @Test
    void paymentsMadeAndReceivedAreListedWithWhoReportedThem() {
        TestWallet alice = api.enrol("Alice");
        TestWallet bob = api.enrol("Bob");
        api.fund(alice, 5_000);
        api.fund(bob, 5_000);
        OfflinePayment aliceToBob = OfflinePayment.between(alice, bob, 1_000);
        OfflinePayment bobToAlice = OfflinePayment.between(bob, alice, 400);
        api.syncOk(alice, aliceToBob.payerRecord(), bobToAlice.payeeRecord());

        List<Map<String, Object>> payments = api.payments(alice);

        assertThat(payments).hasSize(2);
        Map<String, Object> made = payments.stream().filter(p -> p.get("payerId").equals(alice.id().hex())).findFirst().orElseThrow();
        assertThat(made).containsEntry("payeeId", bob.id().hex()).containsEntry("amount", 1_000)
                .containsEntry("payerCounter", (int) aliceToBob.payerCounter()).containsEntry("status", "SETTLED")
                .containsEntry("reportedByPayer", true).containsEntry("reportedByPayee", false)
                .containsEntry("nonce", Hex.of(aliceToBob.pay().entry().nonce()))
                .containsEntry("payEntryHash", Hex.of(aliceToBob.pay().hash()));
        Map<String, Object> received = payments.stream().filter(p -> p.get("payerId").equals(bob.id().hex())).findFirst().orElseThrow();
        assertThat(received).containsEntry("payeeId", alice.id().hex()).containsEntry("amount", 400)
                .containsEntry("reportedByPayer", false).containsEntry("reportedByPayee", true);
        assertThat(api.payments(bob)).as("the same two payments, listed for the other party").isEqualTo(payments);
    }

    @Test
    void aWalletWithoutPaymentsHasAnEmptyList() {
        TestWallet carol = api.enrol("Carol");

        assertThat(api.payments(carol)).isEmpty();
    }

    @Test
    void listingWithoutAWalletIdIsABadRequest() {
        assertThat(assertProblem(api.operator().get("/v1/payments"), 400, Failure.INVALID_REQUEST)).isEqualTo("query parameter walletId is required (16 hex digits)");
    }

    @Test
    void listingWithAMalformedWalletIdIsABadRequest() {
        assertThat(assertProblem(api.operator().queryParam("walletId", "12").get("/v1/payments"), 400, Failure.INVALID_REQUEST))
                .isEqualTo("walletId must be 16 hex digits, got \"12\"");
    }

    @Test
    void listingForAnUnknownWalletIsNotFound() {
        assertProblem(api.operator().queryParam("walletId", "0000000000abcdef").get("/v1/payments"), 404, Failure.WALLET_NOT_FOUND);
    }

    @Test
    void listingWithoutTheOperatorTokenIsUnauthorized() {
        assertProblem(api.anyone().queryParam("walletId", "0000000000000001").get("/v1/payments"), 401, Failure.UNAUTHORIZED);
    }
}
