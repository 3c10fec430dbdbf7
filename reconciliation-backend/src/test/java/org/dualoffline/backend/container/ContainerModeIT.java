package org.dualoffline.backend.container;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.NotFoundException;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.backend.testing.ContainerTests;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.P256Sha256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * Container mode for real: the image built from this module's Dockerfile and shaded jar on the
 * project's JRE image, PostgreSQL 15 from the project's image, both on the host's loopback. Runs
 * after {@code package} (failsafe); skipped with the reason where there is no engine or image,
 * failed instead with {@code DUALOFFLINE_REQUIRE_DOCKER=true} (CI).
 */
class ContainerModeIT {
    private static ContainerizedBackend stack;

    @BeforeAll
    static void startContainers() {
        ContainerTests.requireContainersOrSkip("container mode");
        stack = ContainerizedBackend.startFromModule(Path.of("").toAbsolutePath(), 42);
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
    void theContainerisedBackendEnrolsAWalletInPostgres() throws Exception {
        byte[] publicKey = P256Sha256.INSTANCE.generateKeyPair(IssuerKeySource.seededRandom(1)).publicKey();

        int status = given().baseUri(stack.baseUrl()).header("Authorization", "Bearer " + stack.operatorToken())
                .contentType(ContentType.JSON).body(Map.of("publicKey", Hex.of(publicKey), "formFactor", "CARD", "holder", "Alice"))
                .post("/v1/wallets").statusCode();

        assertThat(status).isEqualTo(201);
        try (Connection c = DriverManager.getConnection(stack.postgres().getJdbcUrl(), stack.postgres().getUsername(),
                stack.postgres().getPassword()); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM wallets")) {
            r.next();
            assertThat(r.getInt(1)).as("the wallet row is in the container's PostgreSQL").isEqualTo(1);
        }
    }

    @Test
    void everythingListensOnLoopbackOnlyAtPortsChosenAtRunTime() throws Exception {
        assertThat(stack.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(stack.postgres().port()).as("not the machine's own PostgreSQL").isNotEqualTo(5432);
        try (Connection c = DriverManager.getConnection(stack.postgres().getJdbcUrl(), stack.postgres().getUsername(),
                stack.postgres().getPassword()); Statement s = c.createStatement()) {
            assertThat(single(s, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(single(s, "SHOW port")).isEqualTo(Integer.toString(stack.postgres().port()));
            assertThat(single(s, "SHOW server_version")).startsWith("15.");
        }
        var postgresHost = DockerClientFactory.instance().client().inspectContainerCmd(stack.postgres().getContainerId()).exec().getHostConfig();
        var backendHost = DockerClientFactory.instance().client().inspectContainerCmd(stack.backend().getContainerId()).exec().getHostConfig();
        assertThat(List.of(postgresHost.getNetworkMode(), backendHost.getNetworkMode())).containsOnly("host");
    }

    @Test
    void theContainersRunTheProjectsOwnImagesNeverAnOfficialOne() {
        var client = DockerClientFactory.instance().client();
        for (String id : List.of(stack.postgres().getContainerId(), stack.backend().getContainerId())) {
            var container = client.inspectContainerCmd(id).exec();
            assertThat(container.getConfig().getImage()).startsWith("dualoffline/");
            assertThat(container.getConfig().getLabels()).containsEntry(RunLabel.KEY, RunLabel.value());
        }
        var postgresImage = client.inspectImageCmd(ContainerImages.configured().postgres()).exec();
        assertThat(postgresImage.getConfig().getLabels()).hasEntrySatisfying("org.dualoffline.image.built-from",
                from -> assertThat(from).startsWith("debootstrap"));
    }

    @Test
    void theOperatorTokenAndDatabasePasswordAreDrawnForTheRunNotWellKnown() {
        assertThat(stack.operatorToken()).isNotEqualTo(ReconciliationBackendContainer.DEFAULT_OPERATOR_TOKEN).hasSize(48);
        assertThat(stack.postgres().getPassword()).isNotEqualTo("test").hasSize(48);
        assertThat(given().baseUri(stack.baseUrl()).header("Authorization", "Bearer " + ReconciliationBackendContainer.DEFAULT_OPERATOR_TOKEN)
                .get("/v1/audit").statusCode()).as("the well-known token").isEqualTo(401);
    }

    @Test
    void aStoppedStackLeavesNoContainerBehind() {
        ContainerizedBackend second = ContainerizedBackend.startFromModule(Path.of("").toAbsolutePath(), 7);
        List<String> ids = List.of(second.postgres().getContainerId(), second.backend().getContainerId());

        second.close();

        var client = DockerClientFactory.instance().client();
        for (String id : ids) {
            assertThatThrownBy(() -> client.inspectContainerCmd(id).exec()).as("container " + id + " is removed").isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void aMissingImageIsNamedWithItsFixAndNeverPulled() {
        String absent = "dualoffline/postgres:absent-" + System.nanoTime();

        assertThatThrownBy(() -> ContainerPreflight.require(new ContainerImages(ContainerImages.configured().jre(), absent)))
                .isInstanceOf(ContainerModeUnavailableException.class)
                .hasMessageContaining(absent).hasMessageContaining(ContainerImages.BUILD_COMMAND).hasMessageContaining("never pulls");

        assertThatThrownBy(() -> DockerClientFactory.instance().client().inspectImageCmd(absent).exec()).isInstanceOf(NotFoundException.class);
    }

    private static String single(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
