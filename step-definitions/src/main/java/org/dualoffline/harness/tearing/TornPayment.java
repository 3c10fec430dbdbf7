package org.dualoffline.harness.tearing;

import java.util.List;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.PaymentSession;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.PurseInvariants.ValueMoved;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.PowerLostException;

/**
 * A payment touch: its tear points on the payer's SE count as "pay", those on the payee's as
 * "receive". Recovery: both wallets are read, come online and sync, pay again, and sync again.
 */
final class TornPayment implements TornFlow<TornPayment.Run> {
    /** What the wallets pay each other after recovering, in fen. */
    private static final long SECOND_TAP = 100;

    private final FlowTools tools;
    private final TornWallets.Payment payment;

    TornPayment(FlowTools tools, TornWallets.Payment payment) {
        this.tools = tools;
        this.payment = payment;
    }

    @Override
    public List<String> results() {
        return List.of("pay", "receive");
    }

    @Override
    public Run issue(TearPlan plan) {
        TornWallets.Pair pair = tools.wallets().issuePair(payment.payer(), payment.payee(), plan);
        return new Run(pair.payer(), pair.payee(), tools.inspector().status(pair.payer()), tools.inspector().status(pair.payee()));
    }

    @Override
    public String resultOf(TearPlan.TearPoint point, Run mapping) {
        return point.se() == mapping.payer.device().secureElement() ? "pay" : "receive";
    }

    @Override
    public int outcomeWidth() {
        return 40;
    }

    final class Run implements TornFlow.Attempt {
        private final Party payer;
        private final Party payee;
        private final WalletStatus payerBefore;
        private final WalletStatus payeeBefore;
        private PaymentOutcome paid;
        private String outcome = "";

        private Run(Party payer, Party payee, WalletStatus payerBefore, WalletStatus payeeBefore) {
            this.payer = payer;
            this.payee = payee;
            this.payerBefore = payerBefore;
            this.payeeBefore = payeeBefore;
        }

        @Override
        public void run() {
            try {
                paid = PaymentSession.pay(payer.device(), payee.device(), payment.amount());
                outcome = paid.describe();
            } catch (PowerLostException e) {
                outcome = "power lost";
                throw e;
            }
        }

        @Override
        public void requireCompleted() {
            if (!paid.completed()) {
                throw new IllegalStateException("the payment does not complete even without a tear: " + paid.describe());
            }
        }

        @Override
        public String outcome() {
            return outcome;
        }

        @Override
        public void recover(Findings findings) {
            WalletStatus payerTorn = tools.inspector().status(payer);
            WalletStatus payeeTorn = tools.inspector().status(payee);
            ValueMoved moved = ValueMoved.between(payerBefore, payerTorn, payeeBefore, payeeTorn);
            findings.violations(tools.invariants().noValueCreated(moved));
            if (moved.debit() != 0 && moved.debit() != payment.amount()) {
                findings.violation("the payer lost " + Money.yuan(moved.debit()) + ", neither nothing nor the amount");
            }
            if (moved.credit() != 0 && moved.credit() != payment.amount()) {
                findings.violation("the payee gained " + Money.yuan(moved.credit()) + ", neither nothing nor the amount");
            }
            findings.violations(tools.invariants().counterNotBack("the payer's", payerBefore.counter(), payerTorn.counter()));
            tools.inspector().sync(payer);
            tools.inspector().sync(payee);
            findings.violations(tools.invariants().payerLossSettled(payer, moved));
            // A second tap after the failed one: the counter moves on and the backend sees one unbroken chain.
            PaymentOutcome retap = PaymentSession.pay(payer.device(), payee.device(), SECOND_TAP);
            if (!retap.completed()) {
                findings.violation("the wallets cannot pay again after recovering: " + retap.describe());
            } else {
                findings.violations(tools.invariants().counterNotReused(payerTorn.counter(), retap.payerRecord().entry().counter()));
            }
            tools.inspector().sync(payer);
            tools.inspector().sync(payee);
            findings.violations(tools.invariants().storageConsistent(payer, tools.inspector().status(payer)));
            findings.violations(tools.invariants().storageConsistent(payee, tools.inspector().status(payee)));
        }
    }
}
