package org.dualoffline.backend.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * The backend as a container (testcontainers-java style): built from this module's Dockerfile
 * or taken from an image name, healthy when {@code GET /v1/health} answers 200.
 *
 * <pre>{@code
 * try (var backend = new ReconciliationBackendContainer("dualoffline/reconciliation-backend:0.1.0")
 *         .withDatabase("jdbc:postgresql://db:5432/test", "postgres", "")
 *         .withOperatorToken("s3cret")) {
 *     backend.start();
 *     String url = backend.getBaseUrl();
 * }
 * }</pre>
 */
public class ReconciliationBackendContainer extends GenericContainer<ReconciliationBackendContainer> {
    public static final int PORT = 8080;
    public static final String DEFAULT_OPERATOR_TOKEN = "container-operator-token";
    public static final String DEFAULT_IMAGE = "dualoffline/reconciliation-backend";

    private String operatorToken = DEFAULT_OPERATOR_TOKEN;

    public ReconciliationBackendContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public ReconciliationBackendContainer(DockerImageName image) {
        super(image);
        configure(this);
    }

    /** For an image built on the fly, e.g. {@link #imageFromModule(Path)}. */
    public ReconciliationBackendContainer(Future<String> image) {
        super(image);
        configure(this);
    }

    private static void configure(ReconciliationBackendContainer c) {
        c.withExposedPorts(PORT);
        c.withEnv("DUALOFFLINE_PORT", String.valueOf(PORT));
        c.withEnv("DUALOFFLINE_OPERATOR_TOKEN", DEFAULT_OPERATOR_TOKEN);
        c.waitingFor(Wait.forHttp("/v1/health").forPort(PORT).forStatusCode(200).withStartupTimeout(Duration.ofSeconds(120)));
    }

    /**
     * The image of this module's Dockerfile, with the shaded jar from {@code target/} (run
     * {@code ./mvnw -pl reconciliation-backend -am package} first).
     */
    public static ImageFromDockerfile imageFromModule(Path moduleDir) {
        Path target = moduleDir.resolve("target");
        List<Path> jars;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            jars = files.filter(p -> p.getFileName().toString().matches("reconciliation-backend-.*-all\\.jar")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (jars.size() != 1) {
            throw new IllegalStateException("expected one shaded jar reconciliation-backend-*-all.jar in " + target + ", found "
                    + jars + "; build it with ./mvnw -pl reconciliation-backend -am package");
        }
        return new ImageFromDockerfile(DEFAULT_IMAGE, false)
                .withFileFromPath("Dockerfile", moduleDir.resolve("Dockerfile"))
                .withFileFromPath("target/" + jars.get(0).getFileName(), jars.get(0));
    }

    public ReconciliationBackendContainer withOperatorToken(String token) {
        this.operatorToken = token;
        return withEnv("DUALOFFLINE_OPERATOR_TOKEN", token);
    }

    public ReconciliationBackendContainer withDatabase(String jdbcUrl, String user, String password) {
        withEnv("DUALOFFLINE_DB_URL", jdbcUrl);
        withEnv("DUALOFFLINE_DB_USER", user == null ? "" : user);
        return withEnv("DUALOFFLINE_DB_PASSWORD", password == null ? "" : password);
    }

    public ReconciliationBackendContainer withDatabaseSchema(String schema) {
        return withEnv("DUALOFFLINE_DB_SCHEMA", schema);
    }

    /** Reach {@code postgres} on a shared network under {@code alias}; starts after it. */
    public ReconciliationBackendContainer withPostgres(PostgreSQLContainer<?> postgres, String alias) {
        dependsOn(postgres);
        return withDatabase("jdbc:postgresql://" + alias + ":" + PostgreSQLContainer.POSTGRESQL_PORT + "/" + postgres.getDatabaseName(),
                postgres.getUsername(), postgres.getPassword());
    }

    public ReconciliationBackendContainer withIssuerSeed(long seed) {
        return withEnv("DUALOFFLINE_ISSUER_SEED", Long.toString(seed));
    }

    /** {@code http://<docker host>:<mapped port>}; the API lives under {@code /v1}. */
    public String getBaseUrl() {
        return "http://" + getHost() + ":" + getMappedPort(PORT);
    }

    public String getOperatorToken() {
        return operatorToken;
    }
}
