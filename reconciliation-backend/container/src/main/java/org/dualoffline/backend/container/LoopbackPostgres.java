package org.dualoffline.backend.container;

import java.time.Duration;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL 15 from the project's image ({@link ContainerImages#postgres()}, declared a compatible
 * substitute for Testcontainers' {@code postgres}) on the host's network, listening on 127.0.0.1 only,
 * on a port free at start ({@code PGPORT}); never pulled. Testcontainers' own PostgreSQL module does
 * the rest: the user, password and database, the wait for the second "ready to accept connections".
 *
 * <pre>{@code
 * try (var pg = new LoopbackPostgres(ContainerImages.configured().postgres()).withDatabaseName("dualoffline")) {
 *     pg.start();
 *     String url = pg.getJdbcUrl(); // jdbc:postgresql://127.0.0.1:<port>/dualoffline?loggerLevel=OFF
 * }
 * }</pre>
 */
public class LoopbackPostgres extends PostgreSQLContainer<LoopbackPostgres> {
    private final int port;

    public LoopbackPostgres(String image) {
        this(image, Loopback.freePort());
    }

    LoopbackPostgres(String image, int port) {
        super(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
        this.port = port;
        // Host networking publishes nothing; Testcontainers would wait for the port it exposes to appear mapped.
        setExposedPorts(java.util.List.of());
        withNetworkMode(Loopback.NETWORK_MODE);
        withEnv("PGPORT", Integer.toString(port));
        withEnv("POSTGRES_LISTEN_ADDRESSES", Loopback.ADDRESS);
        withImagePullPolicy(NeverPull.INSTANCE);
        withLabels(RunLabel.labels());
        withStartupTimeout(Duration.ofSeconds(60));
    }

    /** The port PostgreSQL listens on at 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Host networking maps nothing: PostgreSQL's own port is the one to reach. */
    @Override
    public Integer getMappedPort(int originalPort) {
        if (originalPort == POSTGRESQL_PORT) {
            return port;
        }
        throw new IllegalArgumentException("PostgreSQL listens on " + POSTGRESQL_PORT + " (here " + port + ") only, not " + originalPort);
    }

    /** The containers share this machine's loopback. */
    @Override
    public String getHost() {
        return Loopback.ADDRESS;
    }
}
