package org.dualoffline.backend.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.dualoffline.backend.DatabaseSettings;
import org.dualoffline.backend.testing.TestDatabase;
import org.dualoffline.backend.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Schema v2 on a database that has run v1 for a while: each wallet's count of pending entries is filled in from its records. */
class MigrationsTest {

    @Test
    void upgradingFromV1CountsEachWalletsPendingEntriesOnItsRow() throws SQLException {
        try (TestDatabase db = TestDatabases.open("MigrationsTest")) {
            DatabaseSettings config = db.settings();
            var v1 = Flyway.configure(Migrations.class.getClassLoader()).locations(Migrations.LOCATION).target("1")
                    .dataSource(config.jdbcUrl(), config.user(), config.password());
            if (config.schema() != null) {
                v1 = v1.schemas(config.schema()).defaultSchema(config.schema());
            }
            v1.load().migrate();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (String id : new String[] {"00000000000000a1", "00000000000000b2"}) {
                    s.execute("INSERT INTO wallets (wallet_id, public_key, certificate, form_factor, holder, limits_seq, max_single, "
                            + "max_cumulative, max_count, holding_cap, pin_free_threshold, receive_policy, last_counter, last_hash) VALUES ('"
                            + id + "', '" + id + "', 'c', 'CARD', 'h', 1, 1, 1, 1, 1, 1, 'SPENDABLE_AT_ONCE', 1, 'h')");
                }
                for (String[] r : new String[][] {{"00000000000000a1", "1", "ACCEPTED"}, {"00000000000000a1", "3", "PENDING"},
                        {"00000000000000a1", "4", "PENDING"}, {"00000000000000b2", "1", "ACCEPTED"}}) {
                    s.execute("INSERT INTO wallet_records (wallet_id, counter, entry_type, entry, signature, entry_hash, prev_hash, status) "
                            + "VALUES ('" + r[0] + "', " + r[1] + ", 'PAY', 'e', 's', 'h', 'p', '" + r[2] + "')");
                }
            }

            try (var pool = DataSources.pool(config)) {
                Migrations.migrate(pool, config.schema());
            }

            try (Connection c = db.connect()) {
                assertThat(pending(c, "00000000000000a1")).isEqualTo(2);
                assertThat(pending(c, "00000000000000b2")).isZero();
            }
        }
    }

    private static int pending(Connection c, String wallet) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pending_records FROM wallets WHERE wallet_id = ?")) {
            ps.setString(1, wallet);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getInt(1);
            }
        }
    }
}
