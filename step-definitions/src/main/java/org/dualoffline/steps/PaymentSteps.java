package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.ReaderAttacks;
import org.dualoffline.harness.Payments;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.protocol.Sw;

/** Offline payments by touch. */
public class PaymentSteps {
    private final ScenarioContext context;
    private final Payments payments;

    public PaymentSteps(ScenarioContext context, Payments payments) {
        this.context = context;
        this.payments = payments;
    }

    @When("{party} pays {party} {amount}")
    public void pays(String payer, String payee, Long amount) {
        payments.pay(payer, payee, amount);
    }

    @When("{party} pays {party} {amount} entering the PIN")
    public void paysWithPin(String payer, String payee, Long amount) {
        payments.payWithPin(payer, payee, amount);
    }

    @When("{party} pays {party} {amount} through a reader that alters the record")
    public void paysThroughAlteringReader(String payer, String payee, Long amount) {
        payments.throughReader(payer, payee, (from, to) -> ReaderAttacks.alterRecord(from, to, amount));
    }

    @When("{party} pays {party} {amount} through a reader that substitutes the payee's challenge")
    public void paysThroughSubstitutingReader(String payer, String payee, Long amount) {
        payments.throughReader(payer, payee, (from, to) -> ReaderAttacks.substituteChallenge(from, to, amount));
    }

    @When("{party} pays {party} {amount} through a reader that raises the amount in the record to {amount}")
    public void paysThroughRaisingReader(String payer, String payee, Long amount, Long raised) {
        payments.throughReader(payer, payee, (from, to) -> ReaderAttacks.raiseAmount(from, to, amount, raised));
    }

    @When("a reader presents {party}'s certificate to {party} with another public key in it, for {amount}")
    public void forgedCertificate(String payer, String payee, Long amount) {
        payments.throughReader(payer, payee, (from, to) -> ReaderAttacks.forgeCertificate(from, to, amount));
    }

    @When("a reader replays {party}'s last payment record to {party} in a new tap")
    public void replayLastRecord(String payer, String payee) {
        PaymentOutcome previous = context.lastPayment();
        payments.throughReader(payer, payee, (from, to) -> ReaderAttacks.replay(from, to, previous.payerRecord()));
    }

    @Given("{party} has paid {party} {amount}")
    public void hasPaid(String payer, String payee, Long amount) {
        PaymentOutcome outcome = payments.pay(payer, payee, amount);
        assertThat(outcome.completed()).as(outcome.describe()).isTrue();
    }

    @Then("the payment is completed")
    public void paymentCompleted() {
        PaymentOutcome outcome = context.lastPayment();
        assertThat(outcome.completed()).as(outcome.describe()).isTrue();
    }

    @Then("the payment is refused because {refusal}")
    public void paymentRefusedBecause(Integer expectedSw) {
        PaymentOutcome outcome = context.lastPayment();
        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(PaymentOutcome.Status.REFUSED);
        assertThat(Sw.describe(outcome.sw())).as("why the wallet refused").isEqualTo(Sw.describe(expectedSw));
    }

    @Then("no touch is possible because {noTouch}")
    public void noTouchBecause(NoTouch why) {
        PaymentOutcome outcome = context.lastPayment();
        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(PaymentOutcome.Status.NO_TOUCH);
        assertThat(outcome.reason()).as("why the two devices cannot touch").contains(why.touchSays());
    }
}
