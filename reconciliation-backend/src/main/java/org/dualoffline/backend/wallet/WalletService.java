package org.dualoffline.backend.wallet;

import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.db.Database;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletId;

/** Enrols wallets (certificate + first acknowledgement) and reports their balances and sync state. */
public final class WalletService {
    private final Database db;
    private final Issuer issuer;
    private final WalletRepository wallets;

    public WalletService(Database db, Issuer issuer, WalletRepository wallets) {
        this.db = db;
        this.issuer = issuer;
        this.wallets = wallets;
    }

    /** What enrolment hands back to be personalized into the SE. */
    public record EnrolledWallet(Wallet wallet, Certificate certificate, SyncAck initialAck) {}

    /** A wallet with the sums that are kept outside its row. */
    public record WalletSummary(Wallet wallet, WalletRepository.Totals totals) {
        /** What the backend believes the SE holds: loaded - settled outgoing + settled incoming - unloaded. */
        public long offlineBalance() {
            return wallet.loadedTotal() - totals.settledOutgoing() + totals.settledIncoming() - totals.unloaded();
        }
    }

    /**
     * Assigns the next wallet id, certifies the key under it and issues the acknowledgement with
     * counter 0 and hash H(certificate body) that activates the wallet with its first limits.
     */
    public EnrolledWallet enrol(Enrolment e) {
        return db.inTransaction(c -> {
            wallets.findIdByPublicKey(c, e.publicKey()).ifPresent(existing -> {
                throw new BackendException(Failure.ALREADY_ENROLLED,
                        "public key " + Hex.of(e.publicKey()) + " is already enrolled as wallet " + existing);
            });
            WalletId id = wallets.nextId(c);
            Certificate certificate = issuer.certify(id, e.formFactor(), e.publicKey());
            byte[] genesis = certificate.chainGenesis();
            Wallet wallet = Wallet.enrolled(id, certificate, e.holder(), e.limits());
            wallets.insert(c, wallet);
            return new EnrolledWallet(wallet, certificate, issuer.acknowledge(id, 0, genesis, e.limits()));
        });
    }

    /**
     * Changes a wallet's offline limits: the given fields replace the current ones and limitsSeq
     * goes up by one. Nothing reaches the wallet until its next sync, whose issuer-signed
     * acknowledgement carries the new limits (the wallet checks the signature and that limitsSeq
     * never goes down).
     */
    public Limits renewLimits(WalletId id, LimitsInput in) {
        return db.inTransaction(c -> {
            Wallet w = wallets.requireLocked(c, id);
            Limits renewed = Enrolment.renewal(in, w.limits());
            wallets.setLimits(c, id, renewed);
            return renewed;
        });
    }

    public WalletSummary summary(WalletId id) {
        return db.inTransaction(c -> new WalletSummary(wallets.require(c, id), wallets.totals(c, id)));
    }

    /** The wallet, read without locking (for its certified key, which never changes). */
    public Wallet require(WalletId id) {
        return db.read(c -> wallets.require(c, id));
    }
}
