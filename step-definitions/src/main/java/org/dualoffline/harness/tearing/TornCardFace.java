package org.dualoffline.harness.tearing;

import java.util.List;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.PaymentSession;
import org.dualoffline.devices.VisualCard;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.devices.display.CardFace;
import org.dualoffline.harness.Party;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.PowerLostException;

/**
 * A visual card's payment touch, the display's redraw at its end included: its tear points on the
 * card's SE count as "visual card pays" (the redraw's commands among them), those on the payee's
 * as "receive from a visual card".
 * After each tear, before anything else reads the card, the display must show either the balance
 * the SE committed or the face it showed before the touch - never a balance the SE did not
 * commit; at the next field it must show the committed balance.
 */
final class TornCardFace implements TornFlow<TornCardFace.Run> {
    private final FlowTools tools;
    private final TornWallets.Payment payment;

    TornCardFace(FlowTools tools, TornWallets.Payment payment) {
        this.tools = tools;
        this.payment = payment;
    }

    /** Its own names, so that the report's tearing totals keep it apart from the payments of ATOM-01. */
    @Override
    public List<String> results() {
        return List.of("visual card pays", "receive from a visual card");
    }

    @Override
    public Run issue(TearPlan plan) {
        TornWallets.Pair pair = tools.wallets().issuePair(payment.payer(), payment.payee(), plan);
        if (!(pair.payer().device() instanceof VisualCard card)) {
            throw new IllegalStateException(payment.payer().name() + "'s wallet is a " + pair.payer().device().kind().label + ", not a visual card");
        }
        return new Run(pair.payer(), pair.payee(), card, card.display().face());
    }

    @Override
    public String resultOf(TearPlan.TearPoint point, Run mapping) {
        return point.se() == mapping.payer.device().secureElement() ? results().get(0) : results().get(1);
    }

    @Override
    public int outcomeWidth() {
        return 40;
    }

    final class Run implements TornFlow.Attempt {
        private final Party payer;
        private final Party payee;
        private final VisualCard card;
        private final CardFace before;
        private PaymentOutcome paid;
        private String outcome = "";

        private Run(Party payer, Party payee, VisualCard card, CardFace before) {
            this.payer = payer;
            this.payee = payee;
            this.card = card;
            this.before = before;
        }

        @Override
        public void run() {
            try {
                paid = PaymentSession.pay(payer.device(), payee.device(), payment.amount());
                // still in the field: the firmware redraws the display at the end of the touch
                WalletClient wallet = new WalletClient(card.secureElement(), card.walletAid());
                wallet.select();
                outcome = paid.describe() + "; the card shows " + card.sessionEnds(wallet);
            } catch (PowerLostException e) {
                outcome = "power lost; the card shows " + card.display().face();
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
            CardFace shown = card.display().face(); // what the holder sees once the card is out of the field
            WalletStatus committed = tools.inspector().status(payer);
            if (shown.balance() != committed.balance() && !shown.equals(before)) {
                findings.violation("the card's display shows " + Money.yuan(shown.balance()) + ", a balance its SE did not commit (it holds "
                        + Money.yuan(committed.balance()) + "; before the touch the card showed " + before + ")");
            }
            WalletClient wallet = new WalletClient(card.secureElement(), card.walletAid());
            wallet.select();
            CardFace next = card.sessionEnds(wallet); // the next field
            if (next.balance() != committed.balance()) {
                findings.violation("at the next field the display shows " + next + ", not the committed " + Money.yuan(committed.balance()));
            }
        }
    }
}
