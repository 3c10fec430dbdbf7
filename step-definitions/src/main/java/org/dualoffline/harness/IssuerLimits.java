package org.dualoffline.harness;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.ReceivePolicy;

/**
 * The offline limits the issuer gives the wallets it issues in a scenario: each change keeps the
 * limits coherent (no single payment above the cumulative limit, no PIN-free threshold above the
 * single-payment limit).
 */
public final class IssuerLimits {
    private final ScenarioContext context;

    public IssuerLimits(ScenarioContext context) {
        this.context = context;
    }

    /** Single payments up to {@code amount} fen; the cumulative limit rises to it and the PIN-free threshold falls to it if need be. */
    public void singlePayment(long amount) {
        change(l -> new Limits(l.limitsSeq(), amount, Math.max(l.maxCumulative(), amount), l.maxCount(), l.holdingCap(),
                Math.min(l.pinFreeThreshold(), amount), l.receivePolicy()));
    }

    /** At most {@code count} offline payments between two syncs. */
    public void offlinePayments(int count) {
        change(l -> new Limits(l.limitsSeq(), l.maxSingle(), l.maxCumulative(), count, l.holdingCap(), l.pinFreeThreshold(), l.receivePolicy()));
    }

    /** At most {@code amount} fen paid offline between two syncs; single payments and the PIN-free threshold fall to it if need be. */
    public void cumulative(long amount) {
        change(l -> new Limits(l.limitsSeq(), Math.min(l.maxSingle(), amount), amount, l.maxCount(), l.holdingCap(),
                Math.min(l.pinFreeThreshold(), amount), l.receivePolicy()));
    }

    /** The wallets issued from now on may hold (balance and held value) up to {@code amount} fen. */
    public void holdingCap(long amount) {
        change(l -> new Limits(l.limitsSeq(), l.maxSingle(), l.maxCumulative(), l.maxCount(), amount, l.pinFreeThreshold(), l.receivePolicy()));
    }

    /** Payments above {@code amount} fen need the PIN. */
    public void pinFreeThreshold(long amount) {
        change(l -> new Limits(l.limitsSeq(), l.maxSingle(), l.maxCumulative(), l.maxCount(), l.holdingCap(), amount, l.receivePolicy()));
    }

    /** The wallet {@code issue} makes may hold at most {@code cap} fen; the issuer's limits for other wallets stay. */
    public Party withHoldingCap(long cap, Supplier<Party> issue) {
        return issueUnder(l -> new Limits(l.limitsSeq(), l.maxSingle(), l.maxCumulative(), l.maxCount(), cap, l.pinFreeThreshold(),
                l.receivePolicy()), issue);
    }

    /** The wallet {@code issue} makes holds what it receives until it syncs; the issuer's limits for other wallets stay. */
    public Party holdingUntilSync(Supplier<Party> issue) {
        return issueUnder(l -> new Limits(l.limitsSeq(), l.maxSingle(), l.maxCumulative(), l.maxCount(), l.holdingCap(),
                l.pinFreeThreshold(), ReceivePolicy.HELD_UNTIL_SYNC), issue);
    }

    /**
     * {@code limits} with the single-payment limit raised to {@code amount} fen (the cumulative limit
     * with it if need be) under the next limitsSeq: what an issuer's renewal would sign.
     */
    public static Limits raisedSinglePayment(Limits limits, long amount) {
        return new Limits(limits.limitsSeq() + 1, amount, Math.max(limits.maxCumulative(), amount), limits.maxCount(), limits.holdingCap(),
                limits.pinFreeThreshold(), limits.receivePolicy());
    }

    private void change(UnaryOperator<Limits> change) {
        context.setLimitsForNewWallets(change.apply(context.limitsForNewWallets()));
    }

    private Party issueUnder(UnaryOperator<Limits> change, Supplier<Party> issue) {
        Limits issuerLimits = context.limitsForNewWallets();
        context.setLimitsForNewWallets(change.apply(issuerLimits));
        try {
            return issue.get();
        } finally {
            context.setLimitsForNewWallets(issuerLimits);
        }
    }
}
