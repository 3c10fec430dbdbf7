package org.dualoffline.backend.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.dualoffline.backend.BackendConfig;
import org.dualoffline.backend.DatabaseSettings;
import org.dualoffline.backend.ReconciliationBackend;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.backend.testing.TestDatabase;
import org.dualoffline.backend.testing.TestDatabases;
import org.dualoffline.protocol.CryptoSuite;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.Seeds;

/**
 * One backend for many histories: started on first use, in-process on a random port, on a
 * database of its own of the selected kind ({@link TestDatabases}); before each history its
 * ledger tables are emptied, and the history's wallets are fresh. {@link #check} plays a history
 * against the backend and the model and holds the backend to the model and to the
 * {@link Invariants}.
 */
final class ModelBackend implements AutoCloseable {
    static final String OPERATOR_TOKEN = "model-operator-token";

    private final String owner;
    private final long seed;
    private TestDatabase database;
    private ReconciliationBackend backend;
    private LedgerClient client;
    private BackendRows rows;
    private SecureRandom random;
    private List<CryptoSuite.KeyPair> keys;
    private ExecutorService threads;

    ModelBackend(String owner, long seed) {
        this.owner = owner;
        this.seed = seed;
    }

    /** What a history came to, for the properties' statistics: the answers, the covers, the blocklisted wallets' reasons. */
    record Summary(List<String> answers, int claims, int coveredBeyondClosedChains, List<String> blocklisted) {}

    /** Plays {@code h} and checks every answer, the backend's tables and audit against the model, then the invariants. */
    synchronized Summary check(History h) {
        start();
        rows.empty();
        HistoryRun run = new HistoryRun(client, rows, random, keys, threads, h);
        Ledger ledger = run.play();
        Map<String, List<String>> expected = LedgerView.rows(ledger);
        Map<String, List<String>> actual = rows.read();
        Map<String, Object> audit = LedgerView.audit(ledger);
        JsonNode answered = client.audit().json();
        List<String> differences = new ArrayList<>();
        expected.forEach((table, want) -> differ(differences, "table " + table, want, actual.get(table)));
        audit.forEach((field, want) -> differ(differences, "audit " + field, want, want instanceof Boolean
                ? (Object) answered.path(field).asBoolean() : (Object) answered.path(field).asLong()));
        ledger.blocklist.forEach((wallet, reason) -> {
            JsonNode exposure = client.exposure(wallet).json();
            List<String> claims = new ArrayList<>();
            exposure.path("claims").forEach(c -> claims.add(LedgerView.row(c.path("payerCounter").asLong(), c.path("payEntryHash").asText(),
                    c.path("payeeId").asText(), c.path("payeeCounter").asLong(), c.path("amount").asLong())));
            differ(differences, "exposure of " + wallet + ": reason", reason.name(), exposure.path("blocklisted").path("reason").asText());
            differ(differences, "exposure of " + wallet + ": claims", LedgerView.exposureClaims(ledger, wallet),
                    claims.stream().sorted().toList());
        });
        assertThat(differences).as("where the backend differs from the model after the history").isEmpty();
        new Invariants(h, run.walletIds()).check(ledger, audit, run.refused());
        return new Summary(run.answers(), ledger.claims.size(), LedgerView.coveredBeyondClosedChains(ledger).size(),
                ledger.blocklist.values().stream().map(Enum::name).toList());
    }

    /** Adds a line to {@code differences} unless the two are equal; of two lists of rows, the rows that only one side has. */
    private static void differ(List<String> differences, String what, Object expected, Object actual) {
        if (expected.equals(actual)) {
            return;
        }
        if (expected instanceof List<?> model && actual instanceof List<?> backend) {
            differences.add(what + ": only the model has " + model.stream().filter(r -> !backend.contains(r)).toList()
                    + ", only the backend has " + backend.stream().filter(r -> !model.contains(r)).toList());
        } else {
            differences.add(what + ": the model has " + expected + ", the backend " + actual);
        }
    }

    String describe() {
        return database == null ? TestDatabases.selectedKind() : database.describe();
    }

    private void start() {
        if (backend != null) {
            return;
        }
        database = TestDatabases.open(owner);
        backend = ReconciliationBackend.create(BackendConfig.of(withoutWaitingForTheDisk(database.settings()), OPERATOR_TOKEN,
                IssuerKeySource.seeded(seed))).start();
        client = new LedgerClient(backend.baseUrl(), OPERATOR_TOKEN);
        rows = new BackendRows(database);
        random = Seeds.secureRandom(seed * 31 + 7);
        // one key pair per wallet index, the same in every try: the tables are emptied between tries, and within a try
        // every wallet has a key of its own (generating a key, and BouncyCastle's precomputation for a new public key,
        // would be most of the CPU a try costs)
        keys = IntStream.range(0, Histories.MAX_WALLETS).mapToObj(w -> P256Sha256.INSTANCE.generateKeyPair(random)).toList();
        threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "model-upload");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * On PostgreSQL, commits that do not wait for the WAL to reach the disk ({@code synchronous_commit
     * = off}, a session setting): thousands of tries commit tens of thousands of transactions, and
     * what the properties check - locks, constraints, isolation, the service's own logic - is the
     * same; only a crash of the database server could lose the last commits, and none is tried here.
     */
    private static DatabaseSettings withoutWaitingForTheDisk(DatabaseSettings s) {
        if (s.jdbcUrl() == null || !s.jdbcUrl().startsWith("jdbc:postgresql:")) {
            return s;
        }
        String url = s.jdbcUrl() + (s.jdbcUrl().contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Doff";
        return new DatabaseSettings(url, s.user(), s.password(), null, s.schema(), s.maxPoolSize(), s.shutdownOnStop());
    }

    @Override
    public synchronized void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
        if (rows != null) {
            rows.close();
        }
        if (backend != null) {
            backend.stop();
        }
        if (database != null) {
            database.close();
        }
        backend = null;
        database = null;
    }
}
