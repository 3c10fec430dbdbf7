package org.dualoffline.harness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dualoffline.backend.BackendConfig;
import org.dualoffline.backend.ReconciliationBackend;
import org.dualoffline.backend.container.ContainerModeUnavailableException;
import org.dualoffline.backend.container.ContainerizedBackend;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.backend.replicas.ReplicaProcesses;

/**
 * The reconciliation backend a run syncs to, in the profile's mode: {@code embedded} (started
 * in-process on a random port with an in-memory database), {@code container} (the backend's
 * image and PostgreSQL via Testcontainers; needs Docker) or {@code external} (a vendor's URL);
 * or, for load runs ({@link #openReplicas}), several backend processes over one PostgreSQL schema.
 */
public final class BackendConnection implements AutoCloseable {
    private final String mode;
    private final List<String> baseUrls;
    private final String operatorToken;
    private final AutoCloseable owned;

    private BackendConnection(String mode, String baseUrl, String operatorToken, AutoCloseable owned) {
        this(mode, List.of(baseUrl), operatorToken, owned);
    }

    private BackendConnection(String mode, List<String> baseUrls, String operatorToken, AutoCloseable owned) {
        this.mode = mode;
        this.baseUrls = List.copyOf(baseUrls);
        this.operatorToken = operatorToken;
        this.owned = owned;
    }

    /** Opens the profile's backend; container mode builds the image from {@code reconciliation-backend} under {@code repositoryRoot}. */
    public static BackendConnection open(Profile profile, long seed, Path repositoryRoot) {
        return switch (profile.backendMode()) {
            case EMBEDDED -> {
                ReconciliationBackend backend = ReconciliationBackend.create(BackendConfig.embedded(seed));
                backend.start();
                yield new BackendConnection("embedded", backend.baseUrl(), BackendConfig.EMBEDDED_OPERATOR_TOKEN, backend);
            }
            case CONTAINER -> {
                try {
                    ContainerizedBackend stack = ContainerizedBackend.startFromModule(repositoryRoot.resolve("reconciliation-backend"), seed);
                    yield new BackendConnection("container", stack.baseUrl(), stack.operatorToken(), stack);
                } catch (ContainerModeUnavailableException e) {
                    throw new BackendUnavailableException(e.getMessage());
                }
            }
            case EXTERNAL -> {
                checkHealth(profile.backendUrl());
                yield new BackendConnection("external", stripSlash(profile.backendUrl()), profile.operatorToken(), null);
            }
        };
    }

    /**
     * {@code n} backend processes ({@code org.dualoffline.backend.Main} on this JVM's classpath, each
     * with a pool of {@code poolSize}) over a fresh schema of the PostgreSQL that
     * {@code DUALOFFLINE_PG_URL} names (default {@value #DEFAULT_PG_URL}, user
     * {@code DUALOFFLINE_PG_USER} or postgres, password {@code DUALOFFLINE_PG_PASSWORD}), with
     * the issuer key of {@code seed} and a random operator token, as an operator runs stateless
     * replicas. Closing stops them and drops the schema. Every replica's URL is in
     * {@link #baseUrls()}; {@link #baseUrl()} is the first.
     */
    public static BackendConnection openReplicas(int n, int poolSize, long seed) {
        ScratchSchema schema = ScratchSchema.create(setting("DUALOFFLINE_PG_URL", DEFAULT_PG_URL), setting("DUALOFFLINE_PG_USER", "postgres"),
                setting("DUALOFFLINE_PG_PASSWORD", ""), "replicas_");
        byte[] t = new byte[16];
        new java.security.SecureRandom().nextBytes(t);
        String token = "replicas-" + org.dualoffline.protocol.Hex.of(t);
        try {
            Map<String, String> env = Map.of("DUALOFFLINE_DB_URL", schema.url(), "DUALOFFLINE_DB_USER", schema.user(),
                    "DUALOFFLINE_DB_PASSWORD", schema.password(), "DUALOFFLINE_DB_SCHEMA", schema.name(), "DUALOFFLINE_OPERATOR_TOKEN", token,
                    "DUALOFFLINE_ISSUER_SEED", Long.toString(seed), "DUALOFFLINE_ISSUER_PUBLIC_KEY",
                    org.dualoffline.protocol.Hex.of(IssuerKeySource.seeded(seed).newIssuer().publicKey()));
            ReplicaProcesses replicas = ReplicaProcesses.start(n, env, schema.name(), poolSize, "backend replica: ");
            // Interrupted (Ctrl-C, SIGTERM), the run still stops its replicas and drops their schema.
            Thread onExit = new Thread(() -> {
                try {
                    replicas.close();
                } finally {
                    schema.close();
                }
            }, "stop-backend-replicas");
            Runtime.getRuntime().addShutdownHook(onExit);
            AutoCloseable both = () -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(onExit);
                } catch (IllegalStateException e) {
                    return; // shutting down: the hook does it
                }
                onExit.run();
            };
            return new BackendConnection(n + " replicas over PostgreSQL", replicas.baseUrls(), token, both);
        } catch (RuntimeException e) {
            schema.close();
            throw new BackendUnavailableException("the backend replicas did not start: " + e.getMessage());
        }
    }

    /** Where {@link #openReplicas} finds PostgreSQL unless {@code DUALOFFLINE_PG_URL} says otherwise. */
    public static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private static String setting(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void checkHealth(String url) {
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(stripSlash(url) + "/v1/health")).timeout(Duration.ofSeconds(10)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new BackendUnavailableException("the backend at " + url + " answered its health check with HTTP " + r.statusCode());
            }
        } catch (java.io.IOException e) {
            throw new BackendUnavailableException("the backend at " + url + " cannot be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("interrupted while checking " + url);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String mode() {
        return mode;
    }

    public String baseUrl() {
        return baseUrls.get(0);
    }

    /** Every process serving this backend: one, or the replicas of {@link #openReplicas}. */
    public List<String> baseUrls() {
        return baseUrls;
    }

    public String operatorToken() {
        return operatorToken;
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                System.err.println("warning: stopping the " + mode + " backend failed: " + e);
            }
        }
    }

    /** The backend the profile names cannot be used; the run stops with exit code 2. */
    public static class BackendUnavailableException extends RuntimeException {
        public BackendUnavailableException(String message) {
            super(message);
        }
    }
}
