package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import org.dualoffline.devices.NfcTouch;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.ReaderFlow;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.Payments;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletStatus;

/**
 * Payments in which the reader runs the flow of spec 6a another way: the two wallets selected and
 * read in the other order ([P-6a-2]), or one wallet selected again, powered off or sent a wrong PIN
 * in the middle, which must end what the wallet keeps in RAM for the payment ([P-4.2-1]): the
 * payer's PIN verification ([P-5.7-7]) or the payee's pending receive.
 */
public class ReaderFlowSteps {
    private final ScenarioContext context;
    private final Payments payments;
    private final WalletInspector inspector;
    private ReaderFlow lastFlow;

    public ReaderFlowSteps(ScenarioContext context, Payments payments, WalletInspector inspector) {
        this.context = context;
        this.payments = payments;
        this.inspector = inspector;
    }

    @When("{party} pays {party} {amount} through a reader that selects and reads {readerOrder} wallet first")
    public void paysInOrder(String payer, String payee, Long amount, ReaderFlow.Order order) {
        pay(payer, payee, amount, false, new ReaderFlow(order, null));
    }

    @When("{party} pays {party} {amount} entering the PIN, through a reader that selects and reads {readerOrder} wallet first")
    public void paysInOrderWithPin(String payer, String payee, Long amount, ReaderFlow.Order order) {
        pay(payer, payee, amount, true, new ReaderFlow(order, null));
    }

    @When("{party} pays {party} {amount} entering the PIN, with {interruption} before PAY")
    public void paysWithPinInterrupted(String payer, String payee, Long amount, ReaderFlow.Interruption interruption) {
        requireSide(interruption, ReaderFlow.Side.PAYER);
        pay(payer, payee, amount, true, ReaderFlow.STANDARD.interrupted(interruption));
    }

    @When("{party} pays {party} {amount}, with {interruption} before RECEIVE")
    public void paysInterrupted(String payer, String payee, Long amount, ReaderFlow.Interruption interruption) {
        requireSide(interruption, ReaderFlow.Side.PAYEE);
        pay(payer, payee, amount, false, ReaderFlow.STANDARD.interrupted(interruption));
    }

    private void pay(String payer, String payee, long amount, boolean withPin, ReaderFlow flow) {
        lastFlow = flow;
        payments.payFollowing(payer, payee, amount, withPin, flow);
    }

    private static void requireSide(ReaderFlow.Interruption interruption, ReaderFlow.Side side) {
        if (interruption.side != side) {
            throw new IllegalArgumentException("\"" + interruption.words + "\" comes before " + interruption.side.before + ", not before "
                    + side.before);
        }
    }

    @Checks({"P-6a-2", "P-6a-1", "P-5.10-15", "P-5.9-13"})
    @Then("the payment is completed, the reader having selected and read {readerOrder} wallet first")
    public void completedInOrder(ReaderFlow.Order order) {
        PaymentOutcome outcome = context.lastPayment();
        assertThat(outcome.completed()).as(outcome.describe()).isTrue();
        String firstSe = NfcTouch.seNameOf(context.party(order == ReaderFlow.Order.PAYER_FIRST ? context.lastPayer().name()
                : context.lastPayee().name()).device());
        List<String> selects = Payments.sent(outcome, "SELECT").stream().map(Payments.Sent::se).toList();
        List<String> certificates = Payments.sent(outcome, "GET CERTIFICATE").stream().map(Payments.Sent::se).toList();
        assertThat(selects).as("the SEs the reader selected, in order (the harness's own flow)").hasSize(2).first().isEqualTo(firstSe);
        assertThat(certificates).as("the SEs whose certificates the reader read, in order").hasSize(2).first().isEqualTo(firstSe);
    }

    @Checks({"P-4.2-1", "P-5.7-7", "P-5.10-13", "P-5.1-2", "P-5.2-3 | a second SELECT", "P-5.7-16 | a wrong PIN", "P-5.7-3 | a wrong PIN"})
    @Then("the PIN verification did not outlast {interruption}: {party}'s wallet refuses to pay because a PIN is needed, and changes nothing")
    public void pinVerificationEnded(ReaderFlow.Interruption interruption, String payer) {
        requireLastFlow(interruption);
        PaymentOutcome outcome = context.lastPayment();
        List<Integer> pinAnswers = Payments.sent(outcome, "VERIFY PIN").stream().filter(x -> x.se().equals(payerSe(payer)))
                .map(Payments.Sent::sw).toList();
        assertThat(pinAnswers.isEmpty() ? "none" : Sw.describe(pinAnswers.get(0))).as("the payer's answer to the right PIN, before " + interruption.words)
                .isEqualTo(Sw.describe(Sw.OK));
        WalletStatus before = payments.statusBeforeLastTouch(payer);
        int triesAfter = before.pinTriesRemaining();
        if (interruption == ReaderFlow.Interruption.PAYER_WRONG_PIN) {
            triesAfter--;
            assertThat(pinAnswers.stream().map(Sw::describe).toList()).as("the payer's answers to the right PIN, then to the wrong one: it "
                    + "compared the wrong PIN, which cost a try").containsExactly(Sw.describe(Sw.OK), Sw.describe(Sw.pinWrong(triesAfter)));
        }
        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(PaymentOutcome.Status.REFUSED);
        assertThat(outcome.refusedBy()).as("who refused").isEqualTo(payer);
        assertThat(Sw.describe(outcome.sw())).as("the payer's answer to PAY above the PIN-free threshold after " + interruption.words)
                .isEqualTo(Sw.describe(Sw.PIN_REQUIRED));
        WalletStatus after = inspector.status(context.party(payer));
        assertThat(after.pinTriesRemaining()).as(payer + "'s PIN tries after the touch").isEqualTo(triesAfter);
        assertThat(persistent(after)).as(payer + "'s wallet after the refused payment, against before the touch").isEqualTo(persistent(before));
    }

    @Checks({"P-4.2-1", "P-5.9-3", "P-5.1-2", "P-5.2-3 | a second SELECT"})
    @Then("the pending receive did not outlast {interruption}: {party}'s wallet refuses the payer's record, and credits nothing")
    public void pendingReceiveEnded(ReaderFlow.Interruption interruption, String payee) {
        requireLastFlow(interruption);
        PaymentOutcome outcome = context.lastPayment();
        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(PaymentOutcome.Status.REFUSED);
        assertThat(outcome.refusedBy()).as("who refused").isEqualTo(payee);
        assertThat(outcome.payerDebited()).as("the payer signed its record before " + interruption.words).isTrue();
        assertThat(Sw.describe(outcome.sw())).as("the payee's answer to RECEIVE of the genuine record after " + interruption.words
                + ": no receive is pending").isEqualTo(Sw.describe(Sw.CONDITIONS_NOT_SATISFIED));
        WalletStatus before = payments.statusBeforeLastTouch(payee);
        WalletStatus after = inspector.status(context.party(payee));
        assertThat(persistent(after)).as(payee + "'s wallet after the refused RECEIVE, against before the touch").isEqualTo(persistent(before));
        assertThat(after.pinTriesRemaining()).as(payee + "'s PIN tries").isEqualTo(before.pinTriesRemaining());
    }

    private void requireLastFlow(ReaderFlow.Interruption interruption) {
        if (lastFlow == null || lastFlow.interruption() != interruption) {
            throw new IllegalStateException("the scenario's last payment was not made with " + interruption.words);
        }
    }

    private String payerSe(String payer) {
        return NfcTouch.seNameOf(context.party(payer).device());
    }

    /** What GET STATUS reports that a refused command must leave as it was, the PIN tries aside, in words. */
    private static String persistent(WalletStatus s) {
        return "state " + s.state() + ", wallet " + s.walletId() + ", balance " + s.balance() + ", held " + s.held() + ", counter "
                + s.counter() + ", records " + s.records() + " of " + s.capacity() + ", offline payments " + s.offlineCount() + " for "
                + s.offlineAmount() + ", limits " + s.limits() + ", load sequence " + s.loadSeq() + ", acknowledged up to " + s.ackCounter()
                + ", last hash " + Hex.of(s.lastHash()) + ", blocklist version " + s.blocklistSeq();
    }
}
