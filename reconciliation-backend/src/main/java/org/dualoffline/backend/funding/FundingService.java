package org.dualoffline.backend.funding;

import java.util.Arrays;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.db.Database;
import org.dualoffline.backend.wallet.Wallet;
import org.dualoffline.backend.wallet.WalletRepository;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.WalletId;

/**
 * Funding: deposits credit the holder's online account; load tokens move value from the online
 * account to the SE (the online debit happens when the token is issued, so value is never both
 * online and offline); a wallet's LOAD entry redeems its token exactly once. Defunding goes the
 * other way: the wallet debits itself and signs an UNLOAD entry, and the backend credits the
 * online account when it accepts that entry into the wallet's chain, once.
 */
public final class FundingService {
    private final Database db;
    private final Issuer issuer;
    private final WalletRepository wallets;
    private final LoadTokenRepository tokens;

    public FundingService(Database db, Issuer issuer, WalletRepository wallets, LoadTokenRepository tokens) {
        this.db = db;
        this.issuer = issuer;
        this.wallets = wallets;
        this.tokens = tokens;
    }

    public record DepositReceipt(WalletId walletId, long amount, long onlineBalance) {}

    public DepositReceipt deposit(WalletId walletId, Long requestedAmount) {
        long amount = Amounts.positive("amount", requestedAmount);
        return db.inTransaction(c -> {
            Wallet w = wallets.requireLocked(c, walletId);
            tokens.insertDeposit(c, walletId, amount);
            wallets.credit(c, walletId, amount);
            return new DepositReceipt(walletId, amount, w.onlineBalance() + amount);
        });
    }

    /** Debits the online account and issues the token for the wallet's next load sequence. */
    public LoadToken issueLoadToken(WalletId walletId, Long requestedAmount) {
        long amount = Amounts.positive("amount", requestedAmount);
        return db.inTransaction(c -> {
            Wallet w = wallets.requireLocked(c, walletId);
            if (w.onlineBalance() < amount) {
                throw new BackendException(Failure.INSUFFICIENT_FUNDS, "the online balance of wallet " + walletId + " is "
                        + Money.yuan(w.onlineBalance()) + ", less than the " + Money.yuan(amount) + " to load");
            }
            long loadSeq = w.loadSeq() + 1;
            LoadToken token = issuer.loadToken(walletId, loadSeq, amount);
            tokens.insert(c, token, issuer.suite().hash(token.body()));
            wallets.moveOnlineToOffline(c, walletId, loadSeq, amount);
            return token;
        });
    }

    /** What redeeming a LOAD entry found. */
    public enum Redemption { REDEEMED, ALREADY_REDEEMED }

    /**
     * Redeems the load token a wallet's accepted LOAD entry names (its peerCounter is the load
     * sequence), inside the caller's upload transaction. A LOAD entry that matches no issued token
     * is refused (422); a second LOAD entry for a redeemed token is reported as ALREADY_REDEEMED.
     */
    public Redemption redeem(java.sql.Connection c, Entry load) throws java.sql.SQLException {
        WalletId walletId = load.walletId();
        long loadSeq = load.peerCounter();
        LoadTokenRepository.StoredToken stored = tokens.lock(c, walletId, loadSeq).orElseThrow(() -> new BackendException(
                Failure.UNACCEPTABLE_ENTRY, "LOAD entry #" + load.counter() + " names load sequence " + loadSeq
                + ", but no load token with that sequence was issued to wallet " + walletId));
        LoadToken token = stored.token();
        if (token.amount() != load.amount()) {
            throw new BackendException(Failure.UNACCEPTABLE_ENTRY, "LOAD entry #" + load.counter() + " loads "
                    + load.amount() + " fen, but load token " + loadSeq + " was issued for " + token.amount() + " fen");
        }
        if (!Arrays.equals(load.refHash(), issuer.suite().hash(token.body()))) {
            throw new BackendException(Failure.UNACCEPTABLE_ENTRY, "LOAD entry #" + load.counter()
                    + " refHash is not the hash of load token " + loadSeq + "'s body");
        }
        if (stored.status() == LoadTokenRepository.Status.REDEEMED) {
            return Redemption.ALREADY_REDEEMED;
        }
        tokens.markRedeemed(c, walletId, loadSeq, load.counter());
        return Redemption.REDEEMED;
    }

    /**
     * Credits the online account with an accepted UNLOAD entry (the wallet's signed redeem
     * record), inside the caller's upload transaction, which holds the wallet's row lock. The
     * entry was accepted once into the chain, so it is credited once; the unloads table's key
     * (wallet, counter) would refuse a second credit anyway.
     */
    public void creditUnload(java.sql.Connection c, Entry unload, byte[] entryHash) throws java.sql.SQLException {
        tokens.insertUnload(c, unload.walletId(), unload.counter(), unload.amount(), entryHash);
        wallets.credit(c, unload.walletId(), unload.amount());
    }
}
