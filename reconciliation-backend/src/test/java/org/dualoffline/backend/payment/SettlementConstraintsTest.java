package org.dualoffline.backend.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.OfflinePayment;
import org.dualoffline.backend.testing.TestWallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The database itself refuses a second settlement of one payment, whatever the application does. */
class SettlementConstraintsTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(7007);

    @Test
    void aSecondCreditOfOnePaymentIsRefusedByTheDatabase() throws SQLException {
        BackendApi api = backend.api();
        TestWallet alice = api.enrol("Alice");
        TestWallet bob = api.enrol("Bob");
        api.fund(alice, 1_000);
        OfflinePayment p = OfflinePayment.between(alice, bob, 100);
        api.syncOk(alice, p.payerRecord());

        try (Connection c = backend.database().connect()) {
            assertThat(count(c, "SELECT COUNT(*) FROM ledger_postings WHERE payer_id = ? AND payer_counter = ?", alice.id().hex(),
                    p.payerCounter())).isEqualTo(2);
            assertThatThrownBy(() -> insertPosting(c, "SETTLE_IN", bob.id().hex(), alice.id().hex(), p.payerCounter()))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
        }
    }

    @Test
    void anOnlineBalanceCannotGoNegativeInTheDatabase() throws SQLException {
        TestWallet carol = backend.api().enrol("Carol");

        try (Connection c = backend.database().connect();
             PreparedStatement ps = c.prepareStatement("UPDATE wallets SET online_balance = -1 WHERE wallet_id = ?")) {
            ps.setString(1, carol.id().hex());
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                    // check violation: 23514 on PostgreSQL, 23513 on H2
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("2351"));
        }
    }

    private static void insertPosting(Connection c, String kind, String wallet, String payer, long counter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ledger_postings (kind, wallet_id, amount, payer_id, payer_counter) VALUES (?, ?, 100, ?, ?)")) {
            ps.setString(1, kind);
            ps.setString(2, wallet);
            ps.setString(3, payer);
            ps.setLong(4, counter);
            ps.executeUpdate();
        }
    }

    static long count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
