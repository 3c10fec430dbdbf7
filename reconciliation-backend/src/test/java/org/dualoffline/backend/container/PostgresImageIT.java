package org.dualoffline.backend.container;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.dualoffline.backend.BackendConfig;
import org.dualoffline.backend.DatabaseSettings;
import org.dualoffline.backend.ReconciliationBackend;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.backend.testing.ContainerTests;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.P256Sha256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's PostgreSQL image ({@code ./certify images}) as Testcontainers' PostgreSQL module
 * uses it: the user, password and database it is given, password authentication over TCP, the
 * port chosen at run time on loopback, and the backend's migrations and writes on it. Skipped
 * without an engine or the image; failed instead with {@code DUALOFFLINE_REQUIRE_DOCKER=true}.
 */
class PostgresImageIT {
    private static LoopbackPostgres postgres;

    @BeforeAll
    static void start() {
        ContainerTests.requireContainersOrSkip("PostgreSQL image test");
        postgres = new LoopbackPostgres(ContainerImages.configured().postgres()).withDatabaseName("ledger").withUsername("clerk")
                .withPassword("s3cret pass");
        postgres.start();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void theUserPasswordAndDatabaseGivenAreTheOnesThatWork() throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl(), "clerk", "s3cret pass"); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT current_user")).isEqualTo("clerk");
            assertThat(single(s, "SELECT current_database()")).isEqualTo("ledger");
            assertThat(single(s, "SHOW server_version")).startsWith("15.");
            assertThat(single(s, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(single(s, "SHOW port")).isEqualTo(Integer.toString(postgres.port()));
        }
        assertThatThrownBy(() -> DriverManager.getConnection(postgres.getJdbcUrl(), "clerk", "not the password").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }

    @Test
    void theBackendMigratesAndWritesItsBooksOnIt() throws SQLException {
        try (ReconciliationBackend backend = ReconciliationBackend.create(BackendConfig.of(
                DatabaseSettings.jdbc(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword()), "image-test-token",
                IssuerKeySource.seeded(3)))) {
            backend.start();
            byte[] publicKey = P256Sha256.INSTANCE.generateKeyPair(IssuerKeySource.seededRandom(2)).publicKey();

            int status = given().baseUri(backend.baseUrl()).header("Authorization", "Bearer image-test-token").contentType(ContentType.JSON)
                    .body(Map.of("publicKey", Hex.of(publicKey), "formFactor", "CARD", "holder", "Bob")).post("/v1/wallets").statusCode();

            assertThat(status).isEqualTo(201);
        }
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl(), "clerk", "s3cret pass"); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT count(*) FROM wallets")).isEqualTo("1");
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
