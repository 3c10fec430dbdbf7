package org.dualoffline.backend.payment;

import java.util.List;
import org.dualoffline.backend.db.Database;
import org.dualoffline.backend.wallet.WalletRepository;
import org.dualoffline.protocol.WalletId;

/** Reads the payments a wallet made or received. */
public final class PaymentService {
    private final Database db;
    private final WalletRepository wallets;
    private final PaymentRepository payments;

    public PaymentService(Database db, WalletRepository wallets, PaymentRepository payments) {
        this.db = db;
        this.wallets = wallets;
        this.payments = payments;
    }

    public List<Payment> listFor(WalletId wallet) {
        return db.inTransaction(c -> {
            wallets.require(c, wallet);
            return payments.listFor(c, wallet);
        });
    }
}
