package org.dualoffline.backend.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine is reachable, decided quickly and once per JVM, with a reason fit for a
 * skip message. Container mode and the Testcontainers PostgreSQL fallback ask this first, so a
 * machine without an engine (CI here) skips them cleanly instead of failing or hanging.
 */
public record DockerAvailability(boolean available, String reason, Duration took) {
    /** Upper bound on the probe; Testcontainers answers far sooner when no engine is there. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

    private static volatile DockerAvailability cached;

    /** The cached answer of {@link #probe()}. */
    public static DockerAvailability check() {
        DockerAvailability c = cached;
        if (c == null) {
            synchronized (DockerAvailability.class) {
                c = cached;
                if (c == null) {
                    c = probe();
                    cached = c;
                }
            }
        }
        return c;
    }

    /** Asks Testcontainers' own environment discovery, bounded by {@link #PROBE_TIMEOUT}. */
    public static DockerAvailability probe() {
        long start = System.nanoTime();
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                answer.complete(DockerClientFactory.instance().isDockerAvailable());
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        }, "docker-availability-probe");
        t.setDaemon(true);
        t.start();
        try {
            boolean ok = answer.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return ok
                    ? new DockerAvailability(true, "Docker engine reachable (" + engineHint() + ")", took)
                    : new DockerAvailability(false, "no Docker engine reachable (" + engineHint() + "; Testcontainers found no "
                    + "valid Docker environment in " + took.toMillis() + " ms)", took);
        } catch (TimeoutException e) {
            return new DockerAvailability(false, "Docker engine did not answer within " + PROBE_TIMEOUT.toSeconds() + " s ("
                    + engineHint() + ")", Duration.ofNanos(System.nanoTime() - start));
        } catch (ExecutionException e) {
            return new DockerAvailability(false, "Docker discovery failed: " + e.getCause(), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DockerAvailability(false, "interrupted while looking for a Docker engine", Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static String engineHint() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            return "DOCKER_HOST=" + host;
        }
        Path socket = Path.of("/var/run/docker.sock");
        return Files.exists(socket) ? "socket " + socket + " present" : "DOCKER_HOST unset, no socket at " + socket;
    }
}
