package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.PaymentSession;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.protocol.Sw;

/** Offline payments by touch. */
public class PaymentSteps {
    private final ScenarioContext context;
    private final org.dualoffline.harness.WalletInspector inspector;

    public PaymentSteps(ScenarioContext context) {
        this.context = context;
        this.inspector = new org.dualoffline.harness.WalletInspector(context);
    }

    @When("{party} pays {party} {amount}")
    public void pays(String payer, String payee, Long amount) {
        for (String name : new String[] {payer, payee}) {
            if (context.party(name).device().holdsWallet()) {
                var status = inspector.status(context.party(name));
                context.setValueBeforePayment(name, status.balance() + status.held());
            }
        }
        context.recordPayment(payer, payee, PaymentSession.pay(context.party(payer).device(), context.party(payee).device(), amount, null,
                context.conditions()));
    }

    @When("{party} pays {party} {amount} entering the PIN")
    public void paysWithPin(String payer, String payee, Long amount) {
        context.recordPayment(payer, payee, PaymentSession.pay(context.party(payer).device(), context.party(payee).device(), amount,
                org.dualoffline.harness.WalletProvisioner.DEFAULT_PIN, context.conditions()));
    }

    @When("{party} pays {party} {amount} through a reader that alters the record")
    public void paysThroughAlteringReader(String payer, String payee, Long amount) {
        context.recordPayment(payer, payee, org.dualoffline.devices.ReaderAttacks.alterRecord(context.party(payer).device(),
                context.party(payee).device(), amount));
    }

    @When("{party} pays {party} {amount} through a reader that substitutes the payee's challenge")
    public void paysThroughSubstitutingReader(String payer, String payee, Long amount) {
        context.recordPayment(payer, payee, org.dualoffline.devices.ReaderAttacks.substituteChallenge(context.party(payer).device(),
                context.party(payee).device(), amount));
    }

    @When("{party} pays {party} {amount} through a reader that raises the amount in the record to {amount}")
    public void paysThroughRaisingReader(String payer, String payee, Long amount, Long raised) {
        context.recordPayment(payer, payee, org.dualoffline.devices.ReaderAttacks.raiseAmount(context.party(payer).device(),
                context.party(payee).device(), amount, raised));
    }

    @When("a reader presents {party}'s certificate to {party} with another public key in it, for {amount}")
    public void forgedCertificate(String payer, String payee, Long amount) {
        context.recordPayment(payer, payee, org.dualoffline.devices.ReaderAttacks.forgeCertificate(context.party(payer).device(),
                context.party(payee).device(), amount));
    }

    @When("a reader replays {party}'s last payment record to {party} in a new tap")
    public void replayLastRecord(String payer, String payee) {
        org.dualoffline.devices.PaymentOutcome previous = context.lastPayment();
        context.recordPayment(payer, payee, org.dualoffline.devices.ReaderAttacks.replay(context.party(payer).device(),
                context.party(payee).device(), previous.payerRecord()));
    }

    @Given("{party} has paid {party} {amount}")
    public void hasPaid(String payer, String payee, Long amount) {
        pays(payer, payee, amount);
        paymentCompleted();
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

    @Then("no touch is possible because {string}")
    public void noTouchBecause(String reasonPart) {
        PaymentOutcome outcome = context.lastPayment();
        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(PaymentOutcome.Status.NO_TOUCH);
        assertThat(outcome.reason()).contains(reasonPart);
    }
}
