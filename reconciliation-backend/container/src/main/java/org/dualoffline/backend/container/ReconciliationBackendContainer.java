package org.dualoffline.backend.container;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * The backend as a container (testcontainers-java style) on the host's network, listening on
 * 127.0.0.1 at a port free at start, healthy when {@code GET /v1/health} answers 200 there; the
 * image is never pulled (build it with {@link BackendImage#ensure}).
 *
 * <pre>{@code
 * try (var backend = new ReconciliationBackendContainer(BackendImage.ensure(moduleDir, ContainerImages.configured()))
 *         .withDatabase("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")
 *         .withOperatorToken("s3cret")) {
 *     backend.start();
 *     String url = backend.getBaseUrl(); // http://127.0.0.1:<port>, the API under /v1
 * }
 * }</pre>
 */
public class ReconciliationBackendContainer extends GenericContainer<ReconciliationBackendContainer> {
    public static final String DEFAULT_OPERATOR_TOKEN = "container-operator-token";
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final int port;
    private String operatorToken = DEFAULT_OPERATOR_TOKEN;

    public ReconciliationBackendContainer(String image) {
        super(DockerImageName.parse(image));
        this.port = Loopback.freePort();
        withNetworkMode(Loopback.NETWORK_MODE);
        withEnv("DUALOFFLINE_HOST", Loopback.ADDRESS);
        withEnv("DUALOFFLINE_PORT", Integer.toString(port));
        withEnv("DUALOFFLINE_OPERATOR_TOKEN", DEFAULT_OPERATOR_TOKEN);
        withImagePullPolicy(NeverPull.INSTANCE);
        withLabels(RunLabel.labels());
        waitingFor(new HealthAnswers(port).withStartupTimeout(STARTUP_TIMEOUT));
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

    /** Uses {@code postgres} (on the same loopback) and starts after it. */
    public ReconciliationBackendContainer withPostgres(LoopbackPostgres postgres) {
        dependsOn(postgres);
        return withDatabase("jdbc:postgresql://" + Loopback.ADDRESS + ":" + postgres.port() + "/" + postgres.getDatabaseName(),
                postgres.getUsername(), postgres.getPassword());
    }

    public ReconciliationBackendContainer withIssuerSeed(long seed) {
        return withEnv("DUALOFFLINE_ISSUER_SEED", Long.toString(seed));
    }

    /** {@code http://127.0.0.1:<port>}; the API lives under {@code /v1}. */
    public String getBaseUrl() {
        return "http://" + Loopback.ADDRESS + ":" + port;
    }

    public int port() {
        return port;
    }

    public String getOperatorToken() {
        return operatorToken;
    }

    /** Ready when {@code GET /v1/health} at 127.0.0.1 answers 200; a container that has stopped fails at once, with its log. */
    static final class HealthAnswers extends AbstractWaitStrategy {
        private static final Duration POLL = Duration.ofMillis(200);
        private final URI health;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        HealthAnswers(int port) {
            this.health = URI.create("http://" + Loopback.ADDRESS + ":" + port + "/v1/health");
        }

        @Override
        protected void waitUntilReady() {
            Instant deadline = Instant.now().plus(startupTimeout);
            while (!answers200()) {
                if (!waitStrategyTarget.isRunning()) {
                    throw new ContainerLaunchException("the backend container stopped before " + health + " answered; its log:\n"
                            + waitStrategyTarget.getLogs());
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new ContainerLaunchException(health + " did not answer 200 within " + startupTimeout.toSeconds() + " s; its log:\n"
                            + waitStrategyTarget.getLogs());
                }
                try {
                    Thread.sleep(POLL.toMillis()); // production polling of a starting server, not a test's wait
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ContainerLaunchException("interrupted while waiting for " + health);
                }
            }
        }

        private boolean answers200() {
            try {
                return http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
