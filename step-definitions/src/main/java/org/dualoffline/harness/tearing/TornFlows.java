package org.dualoffline.harness.tearing;

import org.dualoffline.devices.DeviceKind;
import org.dualoffline.harness.IssuanceAttempts;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.PurseInvariants;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.harness.WalletProvisioner;

/**
 * The flows a scenario can tear, each given by its parts (see {@link TornFlow}), for the
 * {@link TearingCampaign} to run. A flow between the scenario's parties issues wallets like
 * theirs: the same kinds of device, holding what theirs hold now. A profile whose SEs cannot be
 * torn at every persistent write makes the calling scenario NOT APPLICABLE.
 */
public final class TornFlows {
    private final ScenarioContext context;
    private final FlowTools tools;
    private final IssuanceAttempts station;

    public TornFlows(ScenarioContext context, TornWallets wallets, WalletInspector inspector, PurseInvariants invariants,
                     IssuanceAttempts station) {
        this.context = context;
        this.station = station;
        this.tools = new FlowTools(wallets, inspector.untraced(), invariants);
    }

    /** {@code payer} pays {@code payee} {@code amount} fen in one touch. */
    public TornFlow<?> payment(String payer, String payee, long amount) {
        requireTearable();
        return new TornPayment(tools, between(payer, payee, amount));
    }

    /** {@code payer}'s visual card pays {@code payee} {@code amount} fen in one touch and redraws its display at its end. */
    public TornFlow<?> visualCardPayment(String payer, String payee, long amount) {
        requireTearable();
        return TornPayment.ofVisualCard(tools, between(payer, payee, amount));
    }

    /** {@code payee}'s wallet syncs after {@code payer} has paid it {@code amount} fen. */
    public TornFlow<?> syncAfterPayment(String payee, String payer, long amount) {
        requireTearable();
        return new TornSyncAck(tools, between(payer, payee, amount));
    }

    /** {@code holder}'s empty {@code kind} wallet loads {@code amount} fen. */
    public TornFlow<?> load(String holder, DeviceKind kind, long amount) {
        requireTearable();
        return new TornLoad(tools, context.backend(), new TornWallets.Holder(holder, kind, 0), amount);
    }

    /** {@code holder}'s {@code kind} wallet holding {@code balance} fen unloads {@code amount} fen back to the bank account. */
    public TornFlow<?> unload(String holder, DeviceKind kind, long balance, long amount) {
        requireTearable();
        return new TornUnload(tools, new TornWallets.Holder(holder, kind, balance), amount);
    }

    /**
     * The personalization station personalizes a new card it has initialized for {@code holder},
     * with the holder's PIN; once issued, the card takes its first limits, loads {@code load} fen
     * and pays {@code payee} {@code payment} fen.
     */
    public TornFlow<?> personalization(String holder, long load, String payee, long payment) {
        requireTearable();
        return new TornPersonalization(tools, station, context.backend(), context.run().profile().aid(), holder,
                WalletProvisioner.DEFAULT_PIN, likeParty(payee), load, payment);
    }

    private void requireTearable() {
        TearPlan.requireTearingAtWrites(context.run().profile());
    }

    /** A payment between wallets like {@code payer}'s and {@code payee}'s (the payer's read first). */
    private TornWallets.Payment between(String payer, String payee, long amount) {
        TornWallets.Holder from = likeParty(payer);
        return new TornWallets.Payment(from, likeParty(payee), amount);
    }

    private TornWallets.Holder likeParty(String name) {
        Party p = context.party(name);
        return new TornWallets.Holder(name, p.device().kind(), tools.inspector().status(p).balance());
    }
}
