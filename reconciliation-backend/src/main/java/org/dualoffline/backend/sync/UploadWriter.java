package org.dualoffline.backend.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.dualoffline.backend.payment.Settlement;
import org.dualoffline.protocol.WalletId;

/**
 * The writes of one upload, together, in its transaction with the wallet locked: the stored
 * pending records it unblocked become accepted, its new records go in with their status, the
 * payments it reports are settled (see {@link Settlement}), and the head of the wallet's chain
 * moves when it changed, with the chain's balance. Chosen where the backend is assembled, by database:
 * {@link PostgresUploadStatement} on PostgreSQL (one statement), {@link JdbcBatchUploadWriter}
 * elsewhere (portable JDBC batches). Both write the same rows.
 */
public interface UploadWriter {

    /**
     * Writes {@code merged}, with {@code balance} as the balance of the chain at its new head, and
     * settles {@code reports}; returns each report's outcome, in the order of {@code reports}.
     */
    List<Settlement.Outcome> write(Connection c, WalletId wallet, ChainMerge.Merged merged, long balance, List<Settlement.Report> reports)
            throws SQLException;
}
