package org.dualoffline.backend.sync;

import java.util.List;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.WalletId;

/**
 * The balance of a wallet's accepted chain (spec 7, DS-04), walked in chain order over the entries
 * an upload accepted: LOAD and RECEIVE entries add their amount, PAY and UNLOAD entries take theirs
 * away. A PAY or UNLOAD entry whose amount is more than the balance before it is an overspend: the
 * wallet's SE signed value it did not hold. Pure logic, no database; the balance before the upload
 * is the one kept on the wallet's row.
 */
public final class ChainBalance {
    private ChainBalance() {}

    /**
     * The balance after {@code nowAccepted} (in chain order) joined a chain whose balance was
     * {@code before} and whose last accepted entry has hash {@code headHash}.
     *
     * @throws ConflictDetected ({@link Conflict.Kind#OVERSPEND}) at the first entry that would take it below zero
     */
    public static long after(WalletId wallet, long before, byte[] headHash, List<WalletRecord> nowAccepted) {
        long balance = before;
        WalletRecord previous = null;
        for (WalletRecord r : nowAccepted) {
            Entry e = r.entry();
            switch (e.type()) {
                case LOAD, RECEIVE -> balance += e.amount();
                case PAY, UNLOAD -> {
                    if (e.amount() > balance) {
                        throw overspend(wallet, e, r, previous == null ? headHash : previous.hash(), balance);
                    }
                    balance -= e.amount();
                }
            }
            previous = r;
        }
        return balance;
    }

    private static ConflictDetected overspend(WalletId wallet, Entry e, WalletRecord r, byte[] previous, long balance) {
        return new ConflictDetected(new Conflict(Conflict.Kind.OVERSPEND, wallet, e.counter(), r, previous, "overspend: " + e.type()
                + " entry #" + e.counter() + " of wallet " + wallet + " takes " + e.amount() + " fen, but its accepted chain holds "
                + balance + " fen before it; the upload was not applied"));
    }
}
