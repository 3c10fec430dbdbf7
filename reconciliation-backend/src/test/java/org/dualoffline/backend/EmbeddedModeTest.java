package org.dualoffline.backend;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restassured.http.ContentType;
import java.util.Map;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.protocol.FormFactor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The one-liner the harness uses by default: an in-process backend on a private in-memory database. */
@Tag("no-database")
class EmbeddedModeTest {

    @Test
    void anEmbeddedBackendStartsInOneLineAndAnswersHealth() {
        try (ReconciliationBackend backend = ReconciliationBackend.startEmbedded(42)) {
            assertThat(backend.baseUrl()).startsWith("http://127.0.0.1:");
            assertThat(given().baseUri(backend.baseUrl()).get("/v1/health").statusCode()).isEqualTo(200);
            assertThat(backend.operatorToken()).isEqualTo(BackendConfig.EMBEDDED_OPERATOR_TOKEN);
        }
    }

    @Test
    void theSameSeedGivesTheSameIssuerAndAnotherSeedAnother() {
        try (ReconciliationBackend a = ReconciliationBackend.startEmbedded(42);
             ReconciliationBackend b = ReconciliationBackend.startEmbedded(42);
             ReconciliationBackend c = ReconciliationBackend.startEmbedded(43)) {
            assertThat(a.issuerPublicKey()).isEqualTo(b.issuerPublicKey()).isEqualTo(IssuerKeySource.seeded(42).newIssuer().publicKey());
            assertThat(c.issuerPublicKey()).isNotEqualTo(a.issuerPublicKey());
        }
    }

    @Test
    void twoEmbeddedBackendsRunSideBySideWithTheirOwnData() {
        try (ReconciliationBackend a = ReconciliationBackend.startEmbedded(1);
             ReconciliationBackend b = ReconciliationBackend.startEmbedded(1)) {
            assertThat(a.port()).isNotEqualTo(b.port());
            BackendApi apiA = new BackendApi(a.baseUrl(), a.operatorToken(), IssuerKeySource.seededRandom(1));
            BackendApi apiB = new BackendApi(b.baseUrl(), b.operatorToken(), IssuerKeySource.seededRandom(2));

            var alice = apiA.enrol("Alice", FormFactor.CARD, null);
            var bob = apiB.enrol("Bob", FormFactor.CARD, null);
            apiA.deposit(alice, 100).then().statusCode(201);

            assertThat(alice.id()).isEqualTo(bob.id()); // both are wallet 1 of their own backend
            assertThat(apiB.wallet(bob).getLong("onlineBalance")).isZero();
        }
    }

    @Test
    void aStoppedBackendNoLongerListensAndCannotBeStartedAgain() {
        ReconciliationBackend backend = ReconciliationBackend.startEmbedded(9);
        String url = backend.baseUrl();
        backend.stop();

        assertThatThrownBy(() -> given().baseUri(url).contentType(ContentType.JSON).body(Map.of()).get("/v1/health"))
                .isInstanceOf(java.net.ConnectException.class);
        assertThatThrownBy(backend::start).hasMessage("this backend was already started; create a new one to start again");
    }

    @Test
    void aConfigWithoutAnOperatorTokenIsRefused() {
        assertThatThrownBy(() -> BackendConfig.of(DatabaseSettings.jdbc("jdbc:h2:mem:x", "sa", ""), null, IssuerKeySource.seeded(1)))
                .hasMessage("the operator token must be non-blank, without surrounding spaces");
    }
}
