package org.dualoffline.harness;

import java.util.ArrayList;
import java.util.List;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.WalletStatus;

/**
 * The purse invariants a wallet keeps whatever happens to its power: no value created; all value
 * accounted for (what a payer lost is what the bank settles from its records; what a holder
 * unloaded is in the bank account); no counter going back or used twice; storage consistent with
 * the bank's chain, nothing left pending. Each check answers what it found broken, in words, and
 * nothing when the invariant holds: the tearing campaigns note it at the tear point, the
 * power-loss steps assert there is nothing.
 */
public final class PurseInvariants {
    private final ScenarioContext context;

    public PurseInvariants(ScenarioContext context) {
        this.context = context;
    }

    /** What a payment moved, in fen, of the value each wallet holds (spendable and held): the payer's loss and the payee's gain. */
    public record ValueMoved(long debit, long credit) {
        /** The change between two readings of each side, before and after. */
        public static ValueMoved between(WalletStatus payerBefore, WalletStatus payerAfter, WalletStatus payeeBefore, WalletStatus payeeAfter) {
            return new ValueMoved(valueHeld(payerBefore) - valueHeld(payerAfter), valueHeld(payeeAfter) - valueHeld(payeeBefore));
        }
    }

    /** What a wallet holds, spendable or held until its next sync, in fen. */
    public static long valueHeld(WalletStatus s) {
        return s.balance() + s.held();
    }

    /** No value created: the payee gained no more than the payer lost. */
    public List<String> noValueCreated(ValueMoved moved) {
        if (moved.credit() > moved.debit()) {
            return List.of("value created: the payee gained " + Money.yuan(moved.credit()) + " but the payer lost " + Money.yuan(moved.debit()));
        }
        return List.of();
    }

    /** All value accounted: every fen the payer lost the bank settles from the payer's records (asks the bank). */
    public List<String> payerLossSettled(Party payer, ValueMoved moved) {
        long settled = context.backend().settledFrom(payer.walletId());
        if (settled != moved.debit()) {
            return List.of("value not accounted: the payer lost " + Money.yuan(moved.debit()) + " but the backend settled "
                    + Money.yuan(settled) + " from its records");
        }
        return List.of();
    }

    /** All value accounted for a holder's own money: what the wallet holds and the bank account together are what was loaded (asks the bank). */
    public List<String> onCardOrInAccount(Party holder, long onCard, long loaded) {
        long inAccount = context.backend().wallet(holder.walletId()).onlineBalance();
        if (inAccount + onCard != loaded) {
            return List.of("the bank account holds " + Money.yuan(inAccount) + " and the wallet " + Money.yuan(onCard)
                    + "; together they must be the " + Money.yuan(loaded) + " loaded");
        }
        return List.of();
    }

    /** A counter never goes back: {@code whose} counter read {@code after} is not below {@code before}. */
    public List<String> counterNotBack(String whose, long before, long after) {
        if (after < before) {
            return List.of(whose + " counter went back from " + before + " to " + after);
        }
        return List.of();
    }

    /** No counter reused: the record written next takes a counter above {@code lastUsed}. */
    public List<String> counterNotReused(long lastUsed, long next) {
        if (next <= lastUsed) {
            return List.of("counter reused: the next payment took counter " + next);
        }
        return List.of();
    }

    /**
     * Storage consistent after a full sync: the wallet ({@code status} read just now) holds no
     * record, its counter is where the bank's chain ends, and the bank keeps none of its records
     * pending (asks the bank).
     */
    public List<String> storageConsistent(Party p, WalletStatus status) {
        List<String> broken = new ArrayList<>();
        ReconciliationClient.WalletView view = context.backend().wallet(p.walletId());
        if (status.records() != 0) {
            broken.add(p.name() + "'s wallet still holds " + status.records() + " records after a full sync");
        }
        if (view.lastCounter() != status.counter()) {
            broken.add(p.name() + "'s wallet is at counter " + status.counter() + " but the backend's chain ends at " + view.lastCounter());
        }
        if (view.pendingRecords() != 0) {
            broken.add("the backend keeps " + view.pendingRecords() + " of " + p.name() + "'s records pending");
        }
        return broken;
    }
}
