package org.dualoffline.backend.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.backend.testing.Problems.assertProblem;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.OfflinePayment;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.backend.testing.Upload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /v1/audit}: total issued = online accounts + offline balances as last reported + in
 * flight, through every state a payment or a load can be in, and a ledger that does not add up
 * is reported as not conserved. Tests here share one schema, so each compares before and after.
 */
class AuditApiTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(5150);

    @Test
    void everyFenIsAccountedForThroughLoadsPaymentsInEveryStateAndADoubleSpend() {
        BackendApi api = backend.api();
        JsonPath before = audit(api);
        TestWallet alice = api.enrol("Alice");
        TestWallet bob = api.enrol("Bob");
        TestWallet carol = api.enrol("Carol");
        api.fund(alice, 10_000);                                       // deposited 10,000, all loaded and reported
        api.deposit(bob, 2_000).then().statusCode(201);
        api.loadToken(bob, 1_500);                                      // 1,500 left online, not yet on Bob's SE
        OfflinePayment both = OfflinePayment.between(alice, bob, 1_000);
        var tornBeforeReceive = alice.pay(carol, 700, carol.challenge());   // Carol never got it: settled from Alice's record
        OfflinePayment payeeOnly = OfflinePayment.between(alice, carol, 300);
        api.syncOk(alice, both.payerRecord(), Upload.of(tornBeforeReceive));
        api.syncOk(bob, both.payeeRecord());
        api.syncOk(carol, payeeOnly.payeeRecord());
        TestWallet clone = alice.cloneSe();
        OfflinePayment original = OfflinePayment.between(alice, bob, 200);
        OfflinePayment doubleSpent = OfflinePayment.between(clone, carol, 200);
        api.syncOk(bob, original.payeeRecord());
        api.syncOk(carol, doubleSpent.payeeRecord());

        JsonPath after = audit(api);

        assertThat(after.getBoolean("conserved")).isTrue();
        assertThat(delta(after, before, "deposits")).isEqualTo(12_000);
        assertThat(delta(after, before, "issuerCover")).isEqualTo(200);
        assertThat(delta(after, before, "onlineAccounts")).isEqualTo(500);
        assertThat(delta(after, before, "loadTokensNotRedeemed")).isEqualTo(1_500);
        assertThat(delta(after, before, "receivedNotYetReportedByPayer")).as("300 and 200 are in the payees' chains, not yet in Alice's")
                .isEqualTo(500);
        assertThat(delta(after, before, "paidNotYetReportedByPayee")).isEqualTo(700);
        assertThat(delta(after, before, "offlineAsReported")).as("Alice 10,000 - 1,700; Bob 1,000 + 200; Carol 300 + 200")
                .isEqualTo(8_300 + 1_200 + 500);
        assertThat(after.getLong("difference")).isZero();
    }

    @Test
    void aLedgerThatDoesNotAddUpIsReportedAsNotConserved() throws SQLException {
        BackendApi api = backend.api();
        TestWallet dave = api.enrol("Dave");
        api.fund(dave, 1_000);
        assertThat(audit(api).getBoolean("conserved")).isTrue();
        try (Connection c = backend.database().connect();
             PreparedStatement ps = c.prepareStatement("UPDATE wallets SET online_balance = online_balance + 1 WHERE wallet_id = ?")) {
            ps.setString(1, dave.id().hex());
            ps.executeUpdate();
        }

        JsonPath after = audit(api);

        assertThat(after.getBoolean("conserved")).isFalse();
        assertThat(after.getLong("difference")).isEqualTo(-1);
        assertThat(after.getLong("onlineAccounts") - after.getLong("onlineAccountsFromHistory")).isEqualTo(1);
        try (Connection c = backend.database().connect();
             PreparedStatement ps = c.prepareStatement("UPDATE wallets SET online_balance = online_balance - 1 WHERE wallet_id = ?")) {
            ps.setString(1, dave.id().hex());
            ps.executeUpdate();
        }
        assertThat(audit(api).getBoolean("conserved")).isTrue();
    }

    @Test
    void theAuditNeedsTheOperatorCredential() {
        assertProblem(backend.api().anyone().get("/v1/audit"), 401, Failure.UNAUTHORIZED);
    }

    private static JsonPath audit(BackendApi api) {
        return api.operator().get("/v1/audit").then().statusCode(200).extract().jsonPath();
    }

    private static long delta(JsonPath after, JsonPath before, String field) {
        return after.getLong(field) - before.getLong(field);
    }
}
