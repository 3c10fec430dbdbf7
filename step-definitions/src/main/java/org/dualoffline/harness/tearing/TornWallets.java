package org.dualoffline.harness.tearing;

import java.util.function.UnaryOperator;
import org.dualoffline.devices.DeviceKind;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.WalletProvisioner;

/**
 * Issues the wallets of a torn flow, afresh for every run of the scenario's campaigns, each SE
 * reached through the run's {@link TearPlan}. Every issue gets a number of its own, which tells
 * the SEs of the runs apart (and so seeds them differently).
 */
public final class TornWallets {
    private final WalletProvisioner provisioner;
    private int issues;

    public TornWallets(WalletProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    /** Who takes part in a torn flow and with what: one wallet, or a payer and a payee. */
    public record Holder(String name, DeviceKind kind, long balance) {
        /** The SE's name in the tear points and the log, as in a touch's trace ("Wei SE"). */
        String seName() {
            return name + " SE";
        }
    }

    /** Who pays whom how much (in fen) in a torn flow. */
    public record Payment(Holder payer, Holder payee, long amount) {}

    /** A payer and a payee, issued together. */
    public record Pair(Party payer, Party payee) {}

    /** A new issue of {@code holder}'s wallet, its SE in the field (a card) so that a tear before an APDU takes it down. */
    public Party issue(Holder holder, TearPlan plan) {
        issues++;
        return issue(holder, plan, holder.seName(), true, "#" + issues);
    }

    /**
     * A new issue of {@code holder}'s wallet that takes no part in the torn flow: its SE is not
     * reached through the plan, and no tear powers it off (a merchant a recovered wallet pays).
     */
    public Party issueOutsideFlow(Holder holder) {
        issues++;
        return provisioner.issue(holder.name(), holder.kind(), holder.balance(), UnaryOperator.identity(), false, "#" + issues);
    }

    /**
     * A new payer and payee; {@code payeeSeName} names the payee's SE in the tear points. Each SE
     * is powered by the field unless its device has a reader of its own (the payer's only when the
     * payee has a reader too, as then the payee drives the field).
     */
    public Pair issuePair(Holder payer, TearPlan payerPlan, Holder payee, TearPlan payeePlan, String payeeSeName) {
        issues++;
        String suffix = "#" + issues;
        boolean payerInField = !payer.kind().hasReader || payee.kind().hasReader;
        return new Pair(issue(payer, payerPlan, payer.seName(), payerInField, suffix),
                issue(payee, payeePlan, payeeSeName, !payee.kind().hasReader, suffix));
    }

    /** {@link #issuePair} with both SEs under one plan and named as in a touch. */
    public Pair issuePair(Holder payer, Holder payee, TearPlan plan) {
        return issuePair(payer, plan, payee, plan, payee.seName());
    }

    private Party issue(Holder holder, TearPlan plan, String seName, boolean inField, String suffix) {
        return provisioner.issue(holder.name(), holder.kind(), holder.balance(), se -> plan.wrap(se, seName, inField), false, suffix);
    }
}
