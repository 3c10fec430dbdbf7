package org.dualoffline.harness;

import java.util.List;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Seeds;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletStatus;

/**
 * Limits that change after issue: the issuer's renewal at the bank, and the acknowledgements a
 * wallet is handed outside a sync (a forger's, or an old one presented again), with the wallet's
 * answer to the last of them.
 */
public final class LimitRenewals {
    private final ScenarioContext context;
    private final WalletInspector inspector;
    private int lastAnswer = -1;

    public LimitRenewals(ScenarioContext context, WalletInspector inspector) {
        this.context = context;
        this.inspector = inspector;
    }

    /** The issuer sets {@code holder}'s single-payment limit and PIN-free threshold to {@code amount} fen for the next sync. */
    public void renewSinglePaymentAndPinFree(String holder, long amount) {
        context.backend().renewLimits(context.party(holder).walletId(), LimitsRenewal.singlePaymentAndPinFree(amount));
    }

    /**
     * A reader hands {@code holder}'s wallet an acknowledgement that would raise its single-payment
     * limit to {@code amount} fen, well formed for the wallet's current state but signed by a key of
     * the reader's own (seeded from the run).
     */
    public void presentForgedRaise(String holder, long amount) {
        Party p = context.party(holder);
        WalletStatus s = inspector.status(p);
        Issuer forger = Issuer.generate(Seeds.secureRandom(context.run().seed() ^ holder.hashCode() ^ 0x5EEDL));
        SyncAck forged = forger.acknowledge(p.walletId(), s.counter(), s.lastHash(), IssuerLimits.raisedSinglePayment(s.limits(), amount),
                s.blocklistSeq(), List.of());
        lastAnswer = inspector.statusWordOf(p, "a reader gives " + holder + "'s wallet an acknowledgement signed by another key",
                w -> w.applySyncAck(forged.encode()));
    }

    /** {@code holder}'s phone presents the acknowledgement of the wallet's last sync to it again. */
    public void presentLastAckAgain(String holder) {
        SyncAck kept = context.lastAck(holder).orElseThrow(() -> new IllegalStateException(
                holder + "'s wallet has not synced in this scenario: there is no acknowledgement to present again"));
        lastAnswer = inspector.statusWordOf(context.party(holder),
                holder + "'s phone, its clock set back, presents the acknowledgement of the last sync again", w -> w.applySyncAck(kept.encode()));
    }

    /** The wallet's answer to the last acknowledgement presented: {@link Sw#OK}, or its refusal. */
    public int lastAnswer() {
        return lastAnswer;
    }
}
