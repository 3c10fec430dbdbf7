package org.dualoffline.harness.tearing;

import java.util.List;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.PaymentSession;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.PurseInvariants;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.WalletStatus;

/**
 * The payee's sync after a payment, up to the acknowledgement its wallet applies. Recovery: the
 * wallet syncs again. A torn sync changes no value and frees storage only for what the backend
 * acknowledged; the second sync leaves nothing waiting and releases every held fen.
 */
final class TornSyncAck implements TornFlow<TornSyncAck.Run> {
    private final FlowTools tools;
    private final TornWallets.Payment payment;

    TornSyncAck(FlowTools tools, TornWallets.Payment payment) {
        this.tools = tools;
        this.payment = payment;
    }

    @Override
    public List<String> results() {
        return List.of("sync-ack");
    }

    /** Only the payee's SE is torn (and named for its sync); the payer's passes every APDU through. */
    @Override
    public Run issue(TearPlan plan) {
        TornWallets.Pair pair = tools.wallets().issuePair(payment.payer(), TearPlan.dryRun(), payment.payee(), plan,
                payment.payee().seName() + " (sync)");
        PaymentOutcome paid = PaymentSession.pay(pair.payer().device(), pair.payee().device(), payment.amount());
        if (!paid.completed()) {
            throw new IllegalStateException("the payment before the sync does not complete: " + paid.describe());
        }
        return new Run(pair.payee(), tools.inspector().status(pair.payee()));
    }

    final class Run implements TornFlow.Attempt {
        private final Party wallet;
        private final WalletStatus beforeSync;

        private Run(Party wallet, WalletStatus beforeSync) {
            this.wallet = wallet;
            this.beforeSync = beforeSync;
        }

        @Override
        public void run() {
            tools.inspector().sync(wallet);
        }

        @Override
        public void recover(Findings findings) {
            WalletStatus torn = tools.inspector().status(wallet);
            long held = PurseInvariants.valueHeld(beforeSync);
            if (PurseInvariants.valueHeld(torn) != held) {
                findings.violation("a torn sync changed the value held from " + Money.yuan(held) + " to "
                        + Money.yuan(PurseInvariants.valueHeld(torn)));
            }
            if (torn.records() != 0 && torn.records() != beforeSync.records()) {
                findings.violation("a torn sync left " + torn.records() + " records of " + beforeSync.records());
            }
            tools.inspector().sync(wallet);
            WalletStatus after = tools.inspector().status(wallet);
            if (after.records() != 0) {
                findings.violation("after syncing again " + after.records() + " records are still waiting");
            }
            if (PurseInvariants.valueHeld(after) != held || after.held() != 0) {
                findings.violation("after syncing again the wallet holds " + Money.yuan(after.balance()) + " spendable and "
                        + Money.yuan(after.held()) + " held; before the sync " + Money.yuan(held));
            }
            findings.violations(tools.invariants().storageConsistent(wallet, tools.inspector().status(wallet)));
        }
    }
}
