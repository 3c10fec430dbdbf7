package org.dualoffline.backend.container;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.output.Slf4jLogConsumer;

/**
 * Container mode in one call: PostgreSQL 15 and the backend, both from the project's images, on
 * the host's loopback at ports free at start. {@link ContainerPreflight} runs first: without an
 * engine or an image this throws {@link ContainerModeUnavailableException} in seconds, with the
 * fix, having started and pulled nothing. The containers' output goes to the logger
 * {@code dualoffline.container.postgres} / {@code .backend} (the run's log file), and stays in
 * {@code docker logs} while they live.
 *
 * <pre>{@code
 * try (var stack = ContainerizedBackend.startFromModule(Path.of("reconciliation-backend"), 42)) {
 *     String url = stack.baseUrl();
 * }
 * }</pre>
 */
public final class ContainerizedBackend implements AutoCloseable {
    public static final String DATABASE = "dualoffline";
    private static final SecureRandom SECRETS = new SecureRandom(); // credentials, not test data

    private final LoopbackPostgres postgres;
    private final ReconciliationBackendContainer backend;

    private ContainerizedBackend(LoopbackPostgres postgres, ReconciliationBackendContainer backend) {
        this.postgres = postgres;
        this.backend = backend;
    }

    /** The image of the module's Dockerfile and shaded jar ({@link BackendImage}), on the configured images. */
    public static ContainerizedBackend startFromModule(Path moduleDir, long issuerSeed) {
        ContainerImages images = ContainerImages.configured();
        ContainerPreflight.require(images);
        return start(images, BackendImage.ensure(moduleDir, images), issuerSeed);
    }

    /** Starts PostgreSQL and the given backend image (which must be there: it is not pulled). */
    public static ContainerizedBackend start(String backendImage, long issuerSeed) {
        ContainerImages images = ContainerImages.configured();
        ContainerPreflight.require(images);
        return start(images, backendImage, issuerSeed);
    }

    @SuppressWarnings("resource") // closed by close()
    private static ContainerizedBackend start(ContainerImages images, String backendImage, long issuerSeed) {
        // Everything listens on the shared loopback: the database password and the operator token are
        // drawn for this run, so no other process on the machine can log in with well-known ones.
        LoopbackPostgres postgres = new LoopbackPostgres(images.postgres()).withDatabaseName(DATABASE).withUsername(DATABASE)
                .withPassword(secret()).withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("dualoffline.container.postgres")));
        ReconciliationBackendContainer backend = new ReconciliationBackendContainer(backendImage).withPostgres(postgres)
                .withIssuerSeed(issuerSeed).withOperatorToken(secret())
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("dualoffline.container.backend")));
        ContainerizedBackend stack = new ContainerizedBackend(postgres, backend);
        try {
            postgres.start();
            backend.start();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private static String secret() {
        byte[] b = new byte[24];
        SECRETS.nextBytes(b);
        return HexFormat.of().formatHex(b);
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

    public LoopbackPostgres postgres() {
        return postgres;
    }

    /** Stops and removes both containers. */
    @Override
    public void close() {
        try {
            backend.stop();
        } finally {
            postgres.stop();
        }
    }
}
