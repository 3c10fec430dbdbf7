package org.dualoffline.backend.sync;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dualoffline.backend.db.Dialect;
import org.dualoffline.backend.payment.Settlement;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.WalletId;

/**
 * The writes of one upload on PostgreSQL as a single statement (one round trip, one plan, the
 * rows passed as arrays), after the promotion of pending records it unblocked (a statement of
 * its own, only then): the new records; the payments reported for the first time, with their
 * two postings; the payments reported before, marked as confirmed by this side where settled from
 * the same PAY entry and not reported by this side before; the new head of the wallet's chain
 * with the chain's balance. Returns which payments it inserted and which it marked;
 * {@link Settlement.Batch#resolve} sorts out the rest (a payment committed by a concurrent upload
 * while this one waited for it is not visible to this statement's snapshot, and is marked again
 * by a statement of its own; a payment this side reported already is a repeated report).
 *
 * <p>The payments are inserted in (payer, counter) order, as everywhere: concurrent uploads wait
 * for each other, never deadlock. The postings' foreign key to {@code payments} is checked at the
 * end of the statement, when the payments inserted by it are there. The statement is planned at
 * every execution (see {@link Dialect#planEachExecution}): its join of the reported payments with
 * {@code payments} must stay an index look-up however small the table was when first planned.
 */
public final class PostgresUploadStatement implements UploadWriter {
    private static final String SQL = """
            WITH u AS (
                SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], ?::boolean[],
                                     ?::boolean[])
                    WITH ORDINALITY AS u(payer_id, payer_counter, payee_id, amount, nonce, pay_entry_hash, by_payer, by_payee, ord)
            ), rec AS (
                INSERT INTO wallet_records (wallet_id, counter, entry_type, entry, signature, entry_hash, prev_hash, peer_entry,
                                            peer_signature, status, accepted_at)
                SELECT ?, r.counter, r.entry_type, r.entry, r.signature, r.entry_hash, r.prev_hash, r.peer_entry, r.peer_signature,
                       r.status, CASE WHEN r.status = 'ACCEPTED' THEN CURRENT_TIMESTAMP END
                FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                            ?::varchar[], ?::varchar[])
                    AS r(counter, entry_type, entry, signature, entry_hash, prev_hash, peer_entry, peer_signature, status)
            ), ins AS (
                INSERT INTO payments (payer_id, payer_counter, payee_id, amount, nonce, pay_entry_hash, status, reported_by_payer,
                                      reported_by_payee)
                SELECT payer_id, payer_counter, payee_id, amount, nonce, pay_entry_hash, 'SETTLED', by_payer, by_payee
                FROM u ORDER BY ord
                ON CONFLICT DO NOTHING
                RETURNING payer_id, payer_counter, payee_id, amount
            ), post AS (
                INSERT INTO ledger_postings (kind, wallet_id, amount, payer_id, payer_counter)
                SELECT 'SETTLE_OUT', payer_id, amount, payer_id, payer_counter FROM ins
                UNION ALL
                SELECT 'SETTLE_IN', payee_id, amount, payer_id, payer_counter FROM ins
                ON CONFLICT DO NOTHING
            ), upd AS (
                UPDATE payments p
                SET reported_by_payer = p.reported_by_payer OR u.by_payer, reported_by_payee = p.reported_by_payee OR u.by_payee
                FROM u
                WHERE p.payer_id = u.payer_id AND p.payer_counter = u.payer_counter AND p.pay_entry_hash = u.pay_entry_hash
                  AND NOT (u.by_payer AND p.reported_by_payer OR u.by_payee AND p.reported_by_payee)
                RETURNING p.payer_id, p.payer_counter
            ), head AS (
                UPDATE wallets SET last_counter = ?, last_hash = ?, offline_balance = ?, pending_records = ? WHERE wallet_id = ? AND ?
                RETURNING 1
            )
            SELECT TRUE, payer_id, payer_counter FROM ins
            UNION ALL
            SELECT FALSE, payer_id, payer_counter FROM upd""";

    private final RecordRepository records;
    private final Settlement settlement;

    public PostgresUploadStatement(RecordRepository records, Settlement settlement) {
        this.records = records;
        this.settlement = settlement;
    }

    /** Payments this statement inserted and payments it marked, as {@link Settlement#key} strings. */
    private record Touched(Set<String> inserted, Set<String> marked) {}

    @Override
    public List<Settlement.Outcome> write(Connection c, WalletId wallet, ChainMerge.Merged merged, long balance,
                                          List<Settlement.Report> reports) throws SQLException {
        records.acceptAll(c, wallet, merged.promoted());
        Settlement.Batch batch = settlement.batch(reports);
        Touched touched = merged.inserts().isEmpty() && reports.isEmpty() && !merged.headChanged()
                ? new Touched(Set.of(), Set.of())
                : run(c, wallet, merged.inserts(), batch.leads(), new Head(merged.head(), balance, merged.headChanged()));
        return batch.resolve(c, touched.inserted(), touched.marked());
    }

    /** The head of the chain after the upload and its balance, written when {@code changed}. */
    private record Head(ChainMerge.Head head, long balance, boolean changed) {}

    /** The statement. */
    private static Touched run(Connection c, WalletId wallet, List<NewRecord> records, List<Settlement.Report> leads, Head head)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            Dialect.POSTGRESQL.planEachExecution(ps);
            int n = leads.size();
            String[][] payText = new String[4][n];
            Long[] payCounter = new Long[n];
            Long[] amount = new Long[n];
            Boolean[] byPayer = new Boolean[n];
            Boolean[] byPayee = new Boolean[n];
            for (int i = 0; i < n; i++) {
                Settlement.Report r = leads.get(i);
                payText[0][i] = r.pay().walletId().hex();
                payCounter[i] = r.pay().counter();
                payText[1][i] = r.pay().peerId().hex();
                amount[i] = r.pay().amount();
                payText[2][i] = Hex.of(r.pay().nonce());
                payText[3][i] = Hex.of(r.payHash());
                byPayer[i] = r.reporter() == Settlement.Reporter.PAYER;
                byPayee[i] = r.reporter() == Settlement.Reporter.PAYEE;
            }
            int p = 1;
            ps.setArray(p++, array(c, "varchar", payText[0]));
            ps.setArray(p++, array(c, "bigint", payCounter));
            ps.setArray(p++, array(c, "varchar", payText[1]));
            ps.setArray(p++, array(c, "bigint", amount));
            ps.setArray(p++, array(c, "varchar", payText[2]));
            ps.setArray(p++, array(c, "varchar", payText[3]));
            ps.setArray(p++, array(c, "boolean", byPayer));
            ps.setArray(p++, array(c, "boolean", byPayee));

            int m = records.size();
            Long[] counter = new Long[m];
            String[][] text = new String[8][m];
            for (int i = 0; i < m; i++) {
                NewRecord r = records.get(i);
                if (!r.entry().walletId().equals(wallet)) {
                    throw new IllegalArgumentException("entry #" + r.entry().counter() + " is not wallet " + wallet + "'s");
                }
                counter[i] = r.entry().counter();
                text[0][i] = r.entry().type().name();
                text[1][i] = Hex.of(r.record().entryBytes());
                text[2][i] = Hex.of(r.record().signature());
                text[3][i] = Hex.of(r.hash());
                text[4][i] = Hex.of(r.entry().prevHash());
                text[5][i] = r.record().peerEntryBytes() == null ? null : Hex.of(r.record().peerEntryBytes());
                text[6][i] = r.record().peerSignature() == null ? null : Hex.of(r.record().peerSignature());
                text[7][i] = r.status().name();
            }
            ps.setString(p++, wallet.hex());
            ps.setArray(p++, array(c, "bigint", counter));
            for (String[] column : text) {
                ps.setArray(p++, array(c, "varchar", column));
            }

            ps.setLong(p++, head.head().lastCounter());
            ps.setString(p++, Hex.of(head.head().lastHash()));
            ps.setLong(p++, head.balance());
            ps.setInt(p++, head.head().pending());
            ps.setString(p++, wallet.hex());
            ps.setBoolean(p, head.changed());

            Set<String> inserted = new HashSet<>();
            Set<String> marked = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    (rs.getBoolean(1) ? inserted : marked).add(Settlement.key(rs.getString(2), rs.getLong(3)));
                }
            }
            return new Touched(inserted, marked);
        }
    }

    private static Array array(Connection c, String type, Object[] values) throws SQLException {
        return c.createArrayOf(type, values);
    }
}
