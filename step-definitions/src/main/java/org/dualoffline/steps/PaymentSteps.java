package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.ReaderAttacks;
import org.dualoffline.harness.Checks;
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

    @Checks({"P-5.10-15", "P-5.9-13"})
    @Given("{party} has paid {party} {amount}")
    public void hasPaid(String payer, String payee, Long amount) {
        PaymentOutcome outcome = payments.pay(payer, payee, amount);
        assertThat(outcome.completed()).as(outcome.describe()).isTrue();
    }

    @Checks({"P-5.8-10", "P-5.9-13", "P-5.9-14", "P-5.10-14", "P-5.10-15", "P-6a-1"})
    @Then("the payment is completed")
    public void paymentCompleted() {
        PaymentOutcome outcome = context.lastPayment();
        assertThat(outcome.completed()).as(outcome.describe()).isTrue();
    }

    @Checks({"P-5.10-8 | it is over the single-payment limit", "P-5.10-10 | it is over the offline cumulative limit", "P-5.10-9 | the offline payment count is used up", "P-5.10-11 | the wallet does not hold enough", "P-5.8-8 | the payee's wallet would exceed its holding cap", "P-5.1-9 | the payee's wallet would exceed its holding cap", "P-5.10-12 | the wallet's storage is full", "P-5.8-9 | the payee's wallet storage is full", "P-5.1-9 | the payee's wallet storage is full", "P-5.8-5 | the payer's certificate is not from the issuer", "P-3.1-1 | the payer's certificate is not from the issuer", "P-5.9-6 | the record does not answer the payee's challenge", "P-5.10-13 | a PIN is needed", "P-5.10-7 | the peer is blocklisted", "P-5.8-7 | the peer is blocklisted", "P-5.9-8 | the record's signature does not verify"})
    @Then("the payment is refused because {refusal}")
    public void paymentRefusedBecause(Integer expectedSw) {
        PaymentOutcome outcome = context.lastPayment();
        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(PaymentOutcome.Status.REFUSED);
        assertThat(Sw.describe(outcome.sw())).as("why the wallet refused").isEqualTo(Sw.describe(expectedSw));
    }

    @Checks({"P-1-3"})
    @Then("the payment is refused because {party}'s app wallet has no secure element")
    public void refusedForNoSecureElement(String holder) {
        PaymentOutcome outcome = context.lastPayment();
        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(PaymentOutcome.Status.NO_TOUCH);
        assertThat(outcome.reason()).as("why no payment can be made").startsWith(context.party(holder).device().toString())
                .contains("has no hardware wallet").contains("secure element");
    }

    @Checks({"P-1-3"})
    @Then("no command reached {party}'s secure element")
    public void noCommandReached(String holder) {
        PaymentOutcome outcome = context.lastPayment();
        assertThat(Payments.reached(outcome, holder)).as("a command of the touch reached %s's secure element: %s", holder, outcome.describe())
                .isFalse();
    }

    @Checks({"P-1-1"})
    @Then("no touch is possible because {noTouch}")
    public void noTouchBecause(NoTouch why) {
        PaymentOutcome outcome = context.lastPayment();
        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(PaymentOutcome.Status.NO_TOUCH);
        assertThat(outcome.reason()).as("why the two devices cannot touch").contains(why.touchSays());
    }
}
