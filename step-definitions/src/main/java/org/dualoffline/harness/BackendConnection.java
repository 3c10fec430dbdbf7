package org.dualoffline.harness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.dualoffline.backend.BackendConfig;
import org.dualoffline.backend.ReconciliationBackend;
import org.dualoffline.backend.container.ContainerModeUnavailableException;
import org.dualoffline.backend.container.ContainerizedBackend;

/**
 * The reconciliation backend a run syncs to, in the profile's mode: {@code embedded} (started
 * in-process on a random port with an in-memory database), {@code container} (the backend's
 * image and PostgreSQL via Testcontainers; needs Docker) or {@code external} (a vendor's URL).
 */
public final class BackendConnection implements AutoCloseable {
    private final String mode;
    private final String baseUrl;
    private final String operatorToken;
    private final AutoCloseable owned;

    private BackendConnection(String mode, String baseUrl, String operatorToken, AutoCloseable owned) {
        this.mode = mode;
        this.baseUrl = baseUrl;
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
        return baseUrl;
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
