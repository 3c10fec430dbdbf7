package org.dualoffline.harness.tearing;

import java.util.List;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.PaymentSession;
import org.dualoffline.devices.VisualCard;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.devices.display.CardFace;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.PurseInvariants.ValueMoved;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.PowerLostException;

/**
 * A payment touch: its tear points on the payer's SE count as "pay", those on the payee's as
 * "receive". Recovery: both wallets are read, come online and sync, pay again, and sync again.
 *
 * <p>A visual card's payment ({@link #ofVisualCard}) takes in the display's redraw at the end of the
 * touch, and its tear points count as "visual card pays" and "receive from a visual card". After
 * each tear, before anything reads the card, its display must show the balance the SE committed or
 * the face it showed before the touch - never a balance the SE did not commit - and at the next
 * field the committed balance.
 */
final class TornPayment implements TornFlow<TornPayment.Run> {
    /** What the wallets pay each other after recovering, in fen. */
    private static final long SECOND_TAP = 100;

    private final FlowTools tools;
    private final TornWallets.Payment payment;
    private final List<String> results;
    private final boolean visualCard;

    TornPayment(FlowTools tools, TornWallets.Payment payment) {
        this(tools, payment, List.of("pay", "receive"), false);
    }

    private TornPayment(FlowTools tools, TornWallets.Payment payment, List<String> results, boolean visualCard) {
        this.tools = tools;
        this.payment = payment;
        this.results = results;
        this.visualCard = visualCard;
    }

    /** The payment of a visual card, its display's redraw included; its own result names keep its totals apart from ATOM-01's. */
    static TornPayment ofVisualCard(FlowTools tools, TornWallets.Payment payment) {
        return new TornPayment(tools, payment, List.of("visual card pays", "receive from a visual card"), true);
    }

    @Override
    public List<String> results() {
        return results;
    }

    @Override
    public Run issue(TearPlan plan) {
        TornWallets.Pair pair = tools.wallets().issuePair(payment.payer(), payment.payee(), plan);
        VisualCard card = null;
        if (visualCard) {
            if (!(pair.payer().device() instanceof VisualCard c)) {
                throw new IllegalStateException(payment.payer().name() + "'s wallet is a " + pair.payer().device().kind().label + ", not a visual card");
            }
            card = c;
        }
        // the face is read before the statuses: reading them is a session in a field of its own, but draws nothing
        CardFace face = card == null ? null : card.display().face();
        return new Run(pair.payer(), pair.payee(), tools.inspector().status(pair.payer()), tools.inspector().status(pair.payee()), card, face);
    }

    @Override
    public String resultOf(TearPlan.TearPoint point, Run mapping) {
        return point.se() == mapping.payer.device().secureElement() ? results.get(0) : results.get(1);
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
        private final VisualCard card;
        private final CardFace faceBefore;
        private PaymentOutcome paid;
        private String outcome = "";

        private Run(Party payer, Party payee, WalletStatus payerBefore, WalletStatus payeeBefore, VisualCard card, CardFace faceBefore) {
            this.payer = payer;
            this.payee = payee;
            this.payerBefore = payerBefore;
            this.payeeBefore = payeeBefore;
            this.card = card;
            this.faceBefore = faceBefore;
        }

        @Override
        public void run() {
            try {
                paid = PaymentSession.pay(payer.device(), payee.device(), payment.amount());
                outcome = paid.describe();
                if (card != null) { // still in the field: the firmware redraws the display at the end of the touch
                    outcome += "; the card shows " + card.sessionEnds(selected(card));
                }
            } catch (PowerLostException e) {
                outcome = "power lost" + (card == null ? "" : "; the card shows " + card.display().face());
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
            CardFace shown = card == null ? null : card.display().face(); // what the holder sees, the card out of the field
            WalletStatus payerTorn = tools.inspector().status(payer);
            WalletStatus payeeTorn = tools.inspector().status(payee);
            if (card != null) {
                checkFace(findings, shown, payerTorn);
            }
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

        /** The face after a tear: the committed balance or the face from before the touch; at the next field, the committed balance. */
        private void checkFace(Findings findings, CardFace shown, WalletStatus committed) {
            if (shown.balance() != committed.balance() && !shown.equals(faceBefore)) {
                findings.violation("the card's display shows " + Money.yuan(shown.balance()) + ", a balance its SE did not commit (it holds "
                        + Money.yuan(committed.balance()) + "; before the touch the card showed " + faceBefore + ")");
            }
            CardFace next = card.sessionEnds(selected(card));
            if (next.balance() != committed.balance()) {
                findings.violation("at the next field the display shows " + next + ", not the committed " + Money.yuan(committed.balance()));
            }
        }
    }

    private static WalletClient selected(VisualCard card) {
        WalletClient wallet = new WalletClient(card.secureElement(), card.walletAid());
        wallet.select();
        return wallet;
    }
}
