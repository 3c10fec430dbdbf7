package org.dualoffline.backend.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.dualoffline.backend.ReconciliationBackend;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.OfflinePayment;
import org.dualoffline.backend.testing.TestDatabase;
import org.dualoffline.backend.testing.TestDatabases;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Issuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The issuer key lives in the database: a restart keeps the issuer, and the wallets it certified keep syncing. */
class IssuerPersistenceTest {
    private TestDatabase database;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabases.open(getClass().getSimpleName());
    }

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    private ReconciliationBackend start(IssuerKeySource keys) {
        return ReconciliationBackend.create(database.backendConfig("op", keys)).start();
    }

    @Test
    void aRestartKeepsTheIssuerCreatedAtFirstStart() {
        byte[] first;
        try (ReconciliationBackend b = start(IssuerKeySource.seeded(1))) {
            first = b.issuerPublicKey();
        }

        try (ReconciliationBackend b = start(IssuerKeySource.seeded(2))) {
            assertThat(b.issuerPublicKey()).isEqualTo(first);
        }
    }

    @Test
    void theSameSeedGivesTheSameIssuerOnAFreshDatabase() {
        Issuer expected = IssuerKeySource.seeded(77).newIssuer();

        try (ReconciliationBackend b = start(IssuerKeySource.seeded(77))) {
            assertThat(b.issuerPublicKey()).isEqualTo(expected.publicKey());
        }
    }

    @Test
    void aDatabaseHoldingAnotherIssuerRefusesAFixedIssuer() {
        byte[] held;
        try (ReconciliationBackend b = start(IssuerKeySource.seeded(1))) {
            held = b.issuerPublicKey();
        }
        Issuer other = Issuer.generate(IssuerKeySource.seededRandom(3));

        assertThatThrownBy(() -> start(IssuerKeySource.fixed(other))).hasMessage("the database already holds a different issuer key "
                + "(public key " + Hex.of(held) + "); refusing to start with another one");
    }

    @Test
    void aReplicaExpectingTheIssuerStartsWhereTheDatabaseHoldsItWhateverItsOwnSeed() {
        byte[] held;
        try (ReconciliationBackend b = start(IssuerKeySource.seeded(1))) {
            held = b.issuerPublicKey();
        }

        try (ReconciliationBackend b = start(IssuerKeySource.generatedWith(new SecureRandom()).expecting(held))) {
            assertThat(b.issuerPublicKey()).isEqualTo(held);
        }
    }

    @Test
    void aReplicaExpectingTheIssuerRefusesADatabaseWithoutItAndLeavesNoIssuerThere() throws Exception {
        byte[] held;
        try (ReconciliationBackend b = start(IssuerKeySource.seeded(1))) {
            held = b.issuerPublicKey();
        }
        Issuer own = IssuerKeySource.seeded(2).newIssuer();

        try (TestDatabase wrongSchema = TestDatabases.open(getClass().getSimpleName() + "Wrong")) {
            assertThatThrownBy(() -> ReconciliationBackend.create(wrongSchema.backendConfig("op",
                    IssuerKeySource.seeded(2).expecting(held))).start())
                    .hasMessage("the issuer key here would be " + Hex.of(own.publicKey()) + ", not the expected " + Hex.of(held)
                            + "; refusing to start (is this replica pointed at the right database and schema? an empty one gets "
                            + "an issuer of its own)");
            try (var c = wrongSchema.connect(); var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM issuer_key")) {
                rs.next();
                assertThat(rs.getLong(1)).as("issuer keys left in the wrong schema").isZero();
            }
        }
        try (TestDatabase otherDatabase = TestDatabases.open(getClass().getSimpleName() + "Other")) {
            assertThatThrownBy(() -> ReconciliationBackend.create(otherDatabase.backendConfig("op", IssuerKeySource.seeded(1)
                    .expecting(own.publicKey()))).start()).hasMessageStartingWith("the issuer key here would be " + Hex.of(held) + ",");
        }
    }

    @Test
    void walletsEnrolledBeforeARestartKeepSyncingAfterIt() {
        SecureRandom random = IssuerKeySource.seededRandom(5);
        TestWallet alice;
        TestWallet bob;
        OfflinePayment p;
        try (ReconciliationBackend b = start(IssuerKeySource.seeded(1))) {
            BackendApi api = new BackendApi(b.baseUrl(), "op", random);
            alice = api.enrol("Alice");
            bob = api.enrol("Bob");
            api.fund(alice, 1_000);
            p = OfflinePayment.between(alice, bob, 600);
            api.syncOk(alice, p.payerRecord());
        }

        try (ReconciliationBackend b = start(IssuerKeySource.seeded(1))) {
            BackendApi api = new BackendApi(b.baseUrl(), "op", random);
            BackendApi.SyncReply reply = api.syncOk(bob, p.payeeRecord());
            assertThat(reply.accepted()).isEqualTo(1);
            assertThat(api.wallet(bob).getLong("settledIncoming")).isEqualTo(600);
            assertThat(api.payments(bob)).singleElement().satisfies(m -> assertThat(m).containsEntry("reportedByPayee", true));
        }
    }

    @Test
    void anIssuerKeyOfSuite02IsRefusedUntilTheBackendServesThatSuite() {
        var pair = org.dualoffline.protocol.Sm2Sm3.INSTANCE.generateKeyPair(IssuerKeySource.seededRandom(5));
        Issuer sm2 = new Issuer(org.dualoffline.protocol.Sm2Sm3.INSTANCE, pair.privateKey(), pair.publicKey());
        assertThatThrownBy(() -> start(IssuerKeySource.fixed(sm2))).hasStackTraceContaining("serves suite 01 only");
    }
}
