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
 * machine without an engine skips them cleanly instead of failing or hanging - or, with
 * {@value #REQUIRE_FLAG}{@code =true} (CI), fails them ({@link #requireDocker()}).
 *
 * <p>Testcontainers starts its Ryuk reaper the first time it talks to the engine, pulling its image
 * when it is not there (which hangs for minutes on a machine without a registry), unless
 * {@value #RYUK_DISABLED}{@code =true} is in the environment - the only place it reads that from.
 * {@code ./certify} and the Maven build set it; without it this answers "unavailable" with the
 * fix instead of letting Testcontainers try.
 */
public record DockerAvailability(boolean available, String reason, Duration took) {
    /** Upper bound on the probe; Testcontainers answers far sooner when no engine is there. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(6);
    /** Set to true, a missing engine fails the tests that need one instead of skipping them. */
    public static final String REQUIRE_FLAG = "DUALOFFLINE_REQUIRE_DOCKER";
    public static final String RYUK_DISABLED = "TESTCONTAINERS_RYUK_DISABLED";
    public static final String HOST_OVERRIDE = "TESTCONTAINERS_HOST_OVERRIDE";

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

    /** Whether {@value #REQUIRE_FLAG} (system property or environment) is true: then no engine is a failure, not a skip. */
    public static boolean requireDocker() {
        return "true".equalsIgnoreCase(ContainerImages.setting(REQUIRE_FLAG, "false"));
    }

    /** Asks Testcontainers' own environment discovery, bounded by {@link #PROBE_TIMEOUT}. */
    public static DockerAvailability probe() {
        return probe(System.getenv());
    }

    static DockerAvailability probe(java.util.Map<String, String> env) {
        long start = System.nanoTime();
        if (!"true".equalsIgnoreCase(env.getOrDefault(RYUK_DISABLED, "").strip())) {
            return new DockerAvailability(false, "not asked: Testcontainers would first start its Ryuk reaper, pulling its image (which hangs "
                    + "where no image registry is reachable); set " + RYUK_DISABLED + "=true in the environment (./certify and the Maven build do; the run's "
                    + "containers are removed without it)", Duration.ofNanos(System.nanoTime() - start));
        }
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
            String cause = String.valueOf(e.getCause());
            if (cause.contains("network bridge not found")) {
                cause = "Testcontainers thinks it runs inside a container and looks for the engine's bridge network, which an engine "
                        + "started with --bridge=none has not; set " + HOST_OVERRIDE + "=127.0.0.1 (./certify and the Maven build do): "
                        + cause;
            }
            return new DockerAvailability(false, "Docker discovery failed: " + cause, Duration.ofNanos(System.nanoTime() - start));
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
