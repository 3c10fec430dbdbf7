package org.dualoffline.backend.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.Books;
import org.dualoffline.backend.testing.OfflinePayment;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.SignedEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spec 7.2, per wallet: one wallet's negative balance can no longer hide against another's
 * surplus. The books are tampered with straight in the database (no upload can make such a chain
 * any more), so that the totals still balance and only the per-wallet checks can tell; each test
 * puts the rows back.
 */
class AuditPerWalletTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(7207);

    private final Books books = new Books(backend);
    private TestWallet alice;
    private TestWallet bob;
    private OfflinePayment payment;
    private SignedEntry load;

    @BeforeEach
    void alicePaysBob() {
        BackendApi api = backend.api();
        alice = api.enrol("Alice");
        bob = api.enrol("Bob");
        load = api.fund(alice, 1_000);
        payment = OfflinePayment.between(alice, bob, 600);
        api.syncOk(alice, payment.payerRecord());
        api.syncOk(bob, payment.payeeRecord());
        books.auditConserved();
    }

    @AfterEach
    void putTheRowsBack() throws SQLException {
        setEntry(alice, 1, load.entry());
        setEntry(alice, 2, payment.pay().entry());
        setEntry(bob, 1, payment.receive().entry());
        setAmounts(600);
        setKeptBalance(alice, 400);
        setKeptBalance(bob, 600);
        books.auditConserved();
    }

    @Test
    void aWalletBelowZeroIsNotHiddenByAnotherWalletsSurplus() throws SQLException {
        // Alice paid 1,500 of her 1,000 and Bob received 1,500: the totals still add up
        setEntry(alice, 2, withAmount(payment.pay().entry(), 1_500));
        setEntry(bob, 1, withAmount(payment.receive().entry(), 1_500));
        setAmounts(1_500);
        setKeptBalance(alice, -500);
        setKeptBalance(bob, 1_500);

        JsonPath audit = books.audit();

        assertThat(audit.getLong("difference")).as("the sums alone balance").isZero();
        assertThat(audit.getLong("walletsBelowZero")).isEqualTo(1);
        assertThat(audit.getLong("walletsBalanceMismatched")).isZero();
        assertThat(audit.getBoolean("conserved")).isFalse();
    }

    @Test
    void aChainThatGoesBelowZeroOnTheWayIsCaughtEvenWhenItEndsAboveIt() throws SQLException {
        // the payment before the load: same entries, same sum, but the chain spent what it did not hold yet
        setEntry(alice, 1, payment.pay().entry());
        setEntry(alice, 2, load.entry());

        JsonPath audit = books.audit();

        assertThat(audit.getLong("difference")).isZero();
        assertThat(audit.getLong("walletsBelowZero")).isEqualTo(1);
        assertThat(audit.getBoolean("conserved")).isFalse();
    }

    @Test
    void aKeptBalanceThatDisagreesWithTheChainIsReported() throws SQLException {
        setKeptBalance(alice, 401);

        JsonPath audit = books.audit();

        assertThat(audit.getLong("walletsBalanceMismatched")).isEqualTo(1);
        assertThat(audit.getLong("walletsBelowZero")).isZero();
        assertThat(audit.getBoolean("conserved")).isFalse();
    }

    private static Entry withAmount(Entry e, long amount) {
        return new Entry(e.type(), e.walletId(), e.counter(), e.peerId(), amount, e.nonce(), e.peerCounter(), e.refHash(), e.prevHash());
    }

    private static void setEntry(TestWallet w, long counter, Entry e) throws SQLException {
        update("UPDATE wallet_records SET entry = ? WHERE wallet_id = ? AND counter = ?", Hex.of(e.encode()), w.id().hex(), counter);
    }

    private void setAmounts(long amount) throws SQLException {
        update("UPDATE payments SET amount = ? WHERE payer_id = ?", amount, alice.id().hex());
        update("UPDATE ledger_postings SET amount = ? WHERE payer_id = ?", amount, alice.id().hex());
    }

    private static void setKeptBalance(TestWallet w, long balance) throws SQLException {
        update("UPDATE wallets SET offline_balance = ? WHERE wallet_id = ?", balance, w.id().hex());
    }

    private static void update(String sql, Object... args) throws SQLException {
        try (Connection c = backend.database().connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            assertThat(ps.executeUpdate()).as(sql).isPositive();
        }
    }
}
