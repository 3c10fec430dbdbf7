package org.dualoffline.backend.container;

import java.nio.file.Path;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Container mode in one call: PostgreSQL 15 and the backend image on a private network.
 * Ask {@link DockerAvailability#check()} first; without an engine this cannot start.
 *
 * <pre>{@code
 * try (var stack = ContainerizedBackend.startFromModule(Path.of("reconciliation-backend"), 42)) {
 *     String url = stack.baseUrl();
 * }
 * }</pre>
 */
public final class ContainerizedBackend implements AutoCloseable {
    public static final String POSTGRES_IMAGE = "postgres:15-alpine";
    public static final String POSTGRES_ALIAS = "postgres";

    private final Network network;
    private final PostgreSQLContainer<?> postgres;
    private final ReconciliationBackendContainer backend;

    private ContainerizedBackend(Network network, PostgreSQLContainer<?> postgres, ReconciliationBackendContainer backend) {
        this.network = network;
        this.postgres = postgres;
        this.backend = backend;
    }

    /** Builds the image from the module's Dockerfile and shaded jar, then starts both containers. */
    public static ContainerizedBackend startFromModule(Path moduleDir, long issuerSeed) {
        return start(new ReconciliationBackendContainer(ReconciliationBackendContainer.imageFromModule(moduleDir)), issuerSeed);
    }

    /** Starts PostgreSQL and the given backend image. */
    public static ContainerizedBackend start(String backendImage, long issuerSeed) {
        return start(new ReconciliationBackendContainer(DockerImageName.parse(backendImage)), issuerSeed);
    }

    @SuppressWarnings("resource") // closed by close()
    private static ContainerizedBackend start(ReconciliationBackendContainer backend, long issuerSeed) {
        Network network = Network.newNetwork();
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse(POSTGRES_IMAGE))
                .withDatabaseName("dualoffline")
                .withNetwork(network)
                .withNetworkAliases(POSTGRES_ALIAS);
        backend.withNetwork(network).withPostgres(postgres, POSTGRES_ALIAS).withIssuerSeed(issuerSeed);
        ContainerizedBackend stack = new ContainerizedBackend(network, postgres, backend);
        try {
            postgres.start();
            backend.start();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public String baseUrl() {
        return backend.getBaseUrl();
    }

    public String operatorToken() {
        return backend.getOperatorToken();
    }

    public ReconciliationBackendContainer backend() {
        return backend;
    }

    public PostgreSQLContainer<?> postgres() {
        return postgres;
    }

    @Override
    public void close() {
        backend.stop();
        postgres.stop();
        network.close();
    }
}
