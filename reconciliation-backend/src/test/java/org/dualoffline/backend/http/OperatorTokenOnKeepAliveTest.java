package org.dualoffline.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.fuzz.FuzzRequest;
import org.dualoffline.fuzz.RawHttp;
import org.dualoffline.fuzz.RawResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator token on one keep-alive connection, byte for byte as an attacker sends it: the
 * HTTP server must compare every request's token afresh, never through what it remembered of an
 * earlier request on the connection (Jetty's per-connection header cache matched values ignoring
 * case: after the right token, tokens that differ from it only in case were let in, and a
 * wrong-case token sent first locked the right one out).
 */
class OperatorTokenOnKeepAliveTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(1111);

    private BackendApi api;
    private RawHttp connection;

    @BeforeEach
    void connect() {
        api = backend.api();
        connection = new RawHttp(URI.create(api.baseUrl()), Duration.ofSeconds(10));
    }

    @AfterEach
    void disconnect() {
        connection.close();
    }

    @Test
    void tokensThatDifferFromTheRightOneOnlyInCaseAreRefusedOnTheConnectionThatSentTheRightOne() throws Exception {
        String token = api.operatorToken();

        assertThat(connection.send(audit(token)).status()).isEqualTo(200);
        for (String variant : List.of(token.toUpperCase(), "Test-operator-token", "test-operator-tokeN", "TEST-operator-token")) {
            assertThat(connection.send(audit(variant)).status()).as("token %s after the right one", variant).isEqualTo(401);
        }
        assertThat(connection.connections()).as("one keep-alive connection").isEqualTo(1);
    }

    @Test
    void aWrongCaseTokenSentFirstDoesNotLockTheRightTokenOut() throws Exception {
        String token = api.operatorToken();

        assertThat(connection.send(audit(token.toUpperCase())).status()).isEqualTo(401);
        assertThat(connection.send(audit(token)).status()).isEqualTo(200);
        assertThat(connection.send(audit("Test-operator-token")).status()).isEqualTo(401);
        assertThat(connection.send(audit(token)).status()).isEqualTo(200);
        assertThat(connection.connections()).as("one keep-alive connection").isEqualTo(1);
    }

    @Test
    void aDepositWithAWrongCaseTokenAfterARightOneMovesNoMoney() throws Exception {
        TestWallet alice = api.enrol("Alice");
        String token = api.operatorToken();

        assertThat(connection.send(deposit(alice, 100, token)).status()).isEqualTo(201);
        assertThat(connection.send(deposit(alice, 1_000_000, token.toUpperCase())).status()).isEqualTo(401);

        assertThat(api.wallet(alice).getLong("onlineBalance")).isEqualTo(100);
    }

    private FuzzRequest audit(String token) {
        return FuzzRequest.of("GET", "/v1/audit", connection.hostHeader()).withBearer(token);
    }

    private FuzzRequest deposit(TestWallet w, long amount, String token) {
        return FuzzRequest.of("POST", "/v1/wallets/" + w.id().hex() + "/deposits", connection.hostHeader()).withBearer(token)
                .withJson("{\"amount\":" + amount + "}");
    }
}
