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
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.WalletId;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Upgrades of a database that has run an older schema for a while: v2 fills in each wallet's count of
 * pending entries from its records, v5 each wallet's chain balance from its accepted entries.
 */
class MigrationsTest {

    @Test
    void upgradingFromV1CountsEachWalletsPendingEntriesOnItsRow() throws SQLException {
        try (TestDatabase db = TestDatabases.open("MigrationsTest")) {
            DatabaseSettings config = db.settings();
            migrateTo(config, "1");
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
                assertThat(walletColumn(c, "pending_records", "00000000000000a1")).isEqualTo(2);
                assertThat(walletColumn(c, "pending_records", "00000000000000b2")).isZero();
            }
        }
    }

    @Test
    void upgradingToV5KeepsEachWalletsChainBalanceOnItsRowFromItsAcceptedEntries() throws SQLException {
        try (TestDatabase db = TestDatabases.open("MigrationsTest")) {
            DatabaseSettings config = db.settings();
            migrateTo(config, "4");
            WalletId a = new WalletId(0xA1);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (String id : new String[] {a.hex(), "00000000000000b2"}) {
                    s.execute("INSERT INTO wallets (wallet_id, public_key, certificate, form_factor, holder, limits_seq, max_single, "
                            + "max_cumulative, max_count, holding_cap, pin_free_threshold, receive_policy, last_counter, last_hash) VALUES ('"
                            + id + "', '" + id + "', 'c', 'CARD', 'h', 1, 1, 1, 1, 1, 1, 'SPENDABLE_AT_ONCE', 4, 'h')");
                }
                insertRecord(s, entry(EntryType.LOAD, a, 1, 0xFFFF_FFFFL), "ACCEPTED");
                insertRecord(s, entry(EntryType.PAY, a, 2, 300), "ACCEPTED");
                insertRecord(s, entry(EntryType.RECEIVE, a, 3, 0x0A0B_0C0DL), "ACCEPTED");
                insertRecord(s, entry(EntryType.UNLOAD, a, 4, 100), "ACCEPTED");
                insertRecord(s, entry(EntryType.PAY, a, 6, 50), "PENDING");
            }

            try (var pool = DataSources.pool(config)) {
                Migrations.migrate(pool, config.schema());
            }

            try (Connection c = db.connect()) {
                assertThat(walletColumn(c, "offline_balance", a.hex())).as("accepted entries only, every hex digit of each amount")
                        .isEqualTo(0xFFFF_FFFFL - 300 + 0x0A0B_0C0DL - 100);
                assertThat(walletColumn(c, "offline_balance", "00000000000000b2")).isZero();
            }
        }
    }

    private static Entry entry(EntryType type, WalletId wallet, long counter, long amount) {
        boolean withPeer = type == EntryType.PAY || type == EntryType.RECEIVE;
        return new Entry(type, wallet, counter, withPeer ? new WalletId(0xB2) : WalletId.NONE, amount, new byte[16], 0, new byte[32],
                new byte[32]);
    }

    private static void insertRecord(Statement s, Entry e, String status) throws SQLException {
        s.execute("INSERT INTO wallet_records (wallet_id, counter, entry_type, entry, signature, entry_hash, prev_hash, status) VALUES ('"
                + e.walletId().hex() + "', " + e.counter() + ", '" + e.type().name() + "', '" + Hex.of(e.encode()) + "', 's', 'h', 'p', '"
                + status + "')");
    }

    /** Runs the migrations up to version {@code target} only, as a database that has not seen the later ones. */
    private static void migrateTo(DatabaseSettings config, String target) {
        var flyway = Flyway.configure(Migrations.class.getClassLoader()).locations(Migrations.LOCATION).target(target)
                .dataSource(config.jdbcUrl(), config.user(), config.password());
        if (config.schema() != null) {
            flyway = flyway.schemas(config.schema()).defaultSchema(config.schema());
        }
        flyway.load().migrate();
    }

    /** {@code column} of {@code wallet}'s row. */
    private static long walletColumn(Connection c, String column, String wallet) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM wallets WHERE wallet_id = ?")) {
            ps.setString(1, wallet);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }
}
