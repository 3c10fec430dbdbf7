package org.dualoffline.backend.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dualoffline.backend.BackendConfig;
import org.dualoffline.backend.DatabaseSettings;
import org.dualoffline.backend.ReconciliationBackend;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.backend.testing.TestDatabases;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Seeds;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replicas started at once on an empty database, as an orchestrator starts them: each creates the
 * schema if missing, migrates it and creates the issuer key if there is none - all at the same
 * moment as the others. Every one must start, and all must hold the same issuer key.
 *
 * <p>PostgreSQL only: replicas share a database server; an in-memory H2 lives in one JVM.
 */
class ReplicaStartTest {
    private static final int REPLICAS = 4;
    private static final int ROUNDS = 5; // before the start-up lock, round 2 failed (CREATE SCHEMA IF NOT EXISTS raced)

    @Test
    void replicasStartedAtOnceOnAnEmptySchemaAllStartAndAgreeOnTheIssuer() throws Exception {
        Assumptions.assumeTrue(TestDatabases.selectedKind().startsWith("postgres"),
                "replicas share a PostgreSQL server; the H2 pass has none");
        TestDatabases.PostgresServer server = TestDatabases.postgresServer();
        var names = Seeds.secureRandom(20261216);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] b = new byte[6];
            names.nextBytes(b);
            String schema = "bk_start_" + HexFormat.of().formatHex(b) + "_" + Long.toHexString(System.nanoTime() & 0xffff);
            ExecutorService starters = Executors.newFixedThreadPool(REPLICAS);
            List<ReconciliationBackend> started = new ArrayList<>();
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ReconciliationBackend>> futures = new ArrayList<>();
                for (int r = 0; r < REPLICAS; r++) {
                    long seed = 100 + r; // each replica would make another issuer key: only one may be kept
                    futures.add(starters.submit(() -> {
                        go.await();
                        return ReconciliationBackend.create(BackendConfig.of(DatabaseSettings.jdbc(server.url(), server.user(),
                                server.password()).withSchema(schema).withMaxPoolSize(2), "op", IssuerKeySource.seeded(seed))).start();
                    }));
                }
                go.countDown();
                List<String> failures = new ArrayList<>();
                for (Future<ReconciliationBackend> f : futures) {
                    try {
                        started.add(f.get(60, TimeUnit.SECONDS));
                    } catch (java.util.concurrent.ExecutionException e) {
                        failures.add(String.valueOf(e.getCause()));
                    }
                }
                assertThat(failures).as("replicas that failed to start at once on the empty schema %s (round %d)", schema, round)
                        .isEmpty();
                assertThat(started.stream().map(s -> Hex.of(s.issuerPublicKey())).distinct().toList())
                        .as("issuer keys of the replicas").hasSize(1);
            } finally {
                started.forEach(ReconciliationBackend::stop);
                starters.shutdownNow();
                try (Connection c = server.connect(); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }
}
