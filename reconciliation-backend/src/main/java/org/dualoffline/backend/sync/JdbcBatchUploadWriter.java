package org.dualoffline.backend.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.dualoffline.backend.payment.Settlement;
import org.dualoffline.backend.wallet.WalletRepository;
import org.dualoffline.protocol.WalletId;

/**
 * The writes of an upload as portable JDBC: the records in one batch, the settlements in a few
 * ({@link Settlement#reportAll}), the head in one update - a round trip each. Any database the
 * backend runs on; the backend assembles it for all but PostgreSQL.
 */
public final class JdbcBatchUploadWriter implements UploadWriter {
    private final RecordRepository records;
    private final Settlement settlement;
    private final WalletRepository wallets;

    public JdbcBatchUploadWriter(RecordRepository records, Settlement settlement, WalletRepository wallets) {
        this.records = records;
        this.settlement = settlement;
        this.wallets = wallets;
    }

    @Override
    public List<Settlement.Outcome> write(Connection c, WalletId wallet, ChainMerge.Merged merged, long balance,
                                          List<Settlement.Report> reports) throws SQLException {
        records.acceptAll(c, wallet, merged.promoted());
        records.insertAll(c, merged.inserts());
        List<Settlement.Outcome> outcomes = settlement.reportAll(c, reports);
        if (merged.headChanged()) {
            ChainMerge.Head head = merged.head();
            wallets.advanceChain(c, wallet, head.lastCounter(), head.lastHash(), balance, head.pending());
        }
        return outcomes;
    }
}
