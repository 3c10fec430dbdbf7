package org.dualoffline.backend.container;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.util.Map;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.P256Sha256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Container mode: the image built from this module's Dockerfile and shaded jar, on PostgreSQL 15,
 * both in Docker. Runs after {@code package} (failsafe); skipped with the reason where there is no engine.
 */
class ContainerModeIT {
    private static ContainerizedBackend stack;

    @BeforeAll
    static void startContainers() {
        if (DockerAvailability.check().available()) {
            stack = ContainerizedBackend.startFromModule(Path.of("").toAbsolutePath(), 42);
        }
    }

    @BeforeEach
    void requireDocker() {
        Assumptions.assumeTrue(stack != null, () -> "container mode skipped: " + DockerAvailability.check().reason());
    }

    @AfterAll
    static void stopContainers() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theContainerisedBackendIsHealthyAndKeepsItsSeededIssuer() {
        assertThat(given().baseUri(stack.baseUrl()).get("/v1/health").statusCode()).isEqualTo(200);
        String key = given().baseUri(stack.baseUrl()).get("/v1/issuer").jsonPath().getString("publicKey");
        assertThat(Hex.parse(key)).isEqualTo(IssuerKeySource.seeded(42).newIssuer().publicKey());
    }

    @Test
    void theContainerisedBackendEnrolsAWalletInPostgres() {
        byte[] publicKey = P256Sha256.INSTANCE.generateKeyPair(IssuerKeySource.seededRandom(1)).publicKey();

        int status = given().baseUri(stack.baseUrl()).header("Authorization", "Bearer " + stack.operatorToken())
                .contentType(ContentType.JSON).body(Map.of("publicKey", Hex.of(publicKey), "formFactor", "CARD", "holder", "Alice"))
                .post("/v1/wallets").statusCode();

        assertThat(status).isEqualTo(201);
    }
}
