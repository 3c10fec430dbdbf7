package org.dualoffline.backend;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendProcess;
import org.dualoffline.backend.testing.TestWallet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The standalone backend ({@code Main}, as {@code java -jar}) on the plain in-memory H2 URL that
 * its usage offers for a trial, {@code jdbc:h2:mem:<name>}: it starts, and keeps its data while it
 * runs (the database must not vanish when the migration's connection closes, and must speak the
 * PostgreSQL dialect the backend's statements are written in).
 */
@Tag("no-database")
class StandaloneTrialTest {

    @Test
    void theStandaloneBackendStartsOnAPlainInMemoryH2UrlAndKeepsItsData() throws Exception {
        try (BackendProcess trial = BackendProcess.start(Map.of("DUALOFFLINE_DB_URL", "jdbc:h2:mem:trial",
                "DUALOFFLINE_OPERATOR_TOKEN", "trial-token", "DUALOFFLINE_ISSUER_SEED", "7"), Duration.ofSeconds(60))) {
            BackendApi api = new BackendApi(trial.baseUrl(), "trial-token", IssuerKeySource.seededRandom(7));

            assertThat(given().baseUri(trial.baseUrl()).get("/v1/health").statusCode()).isEqualTo(200);
            TestWallet alice = api.enrol("Alice");
            api.deposit(alice, 500).then().statusCode(201);
            assertThat(api.wallet(alice).getLong("onlineBalance")).isEqualTo(500);
        }
    }
}
