package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.PurseInvariants;
import org.dualoffline.harness.ReconciliationClient.PaymentView;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.Syncs;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.protocol.Money;

/** Devices coming online, and what the bank then knows and settles. */
public class SettlementSteps {
    private final ScenarioContext context;
    private final Syncs syncs;
    private final WalletInspector inspector;
    private final PurseInvariants invariants;

    public SettlementSteps(ScenarioContext context, Syncs syncs, WalletInspector inspector, PurseInvariants invariants) {
        this.context = context;
        this.syncs = syncs;
        this.inspector = inspector;
        this.invariants = invariants;
    }

    @When("{party}'s wallet comes online and syncs")
    public void comesOnlineAndSyncs(String name) {
        syncs.sync(name);
    }

    @When("the same upload from {party}'s wallet reaches the bank again")
    public void sameUploadAgain(String name) {
        syncs.sendLastUploadAgain(name);
    }

    @When("{party}'s wallet uploads its records one at a time, newest first")
    public void uploadsNewestFirst(String name) {
        syncs.syncNewestFirst(name);
    }

    @Checks({"§7"})
    @Then("the bank recognised every record of the second upload as one it already held")
    public void secondUploadRecognised() {
        Syncs.RepeatedUpload again = syncs.repeatedUpload();
        assertThat(again.answer().accepted()).as("records the repeated upload added").isZero();
        assertThat(again.answer().duplicates()).as("records the bank recognised as already held").isEqualTo(again.records());
    }

    @Checks({"§7"})
    @Then("the bank has settled {amount} to {party} in {int} payments")
    public void settledInPayments(Long amount, String payeeName, Integer count) {
        Party payee = context.party(payeeName);
        List<PaymentView> received = context.backend().paymentsTo(payee.walletId());
        assertThat(received).as("payments to " + payeeName + " known to the bank").hasSize(count);
        assertThat(received).allSatisfy(p -> assertThat(p.status()).as("status of " + p).isEqualTo(PaymentView.SETTLED));
        assertThat(Money.yuan(context.backend().wallet(payee.walletId()).settledIncoming()))
                .as("total settled to " + payeeName).isEqualTo(Money.yuan(amount));
    }

    @Checks({"§7"})
    @Then("the bank has settled {amount} to {party} exactly once")
    public void settledExactlyOnce(Long amount, String payeeName) {
        Party payee = context.party(payeeName);
        List<PaymentView> received = context.backend().paymentsTo(payee.walletId());
        assertThat(received).as("payments to " + payeeName + " known to the bank").hasSize(1);
        assertThat(received.get(0).status()).as("status of the payment to " + payeeName).isEqualTo(PaymentView.SETTLED);
        assertThat(Money.yuan(received.get(0).amount())).as("amount of the payment to " + payeeName).isEqualTo(Money.yuan(amount));
        assertThat(Money.yuan(context.backend().wallet(payee.walletId()).settledIncoming()))
                .as("total settled to " + payeeName).isEqualTo(Money.yuan(amount));
    }

    @Checks({"§7"})
    @Then("the bank knows the payment from both {party} and {party}")
    public void reportedByBoth(String payerName, String payeeName) {
        List<PaymentView> payments = context.backend().paymentsBetween(context.party(payerName).walletId(), context.party(payeeName).walletId());
        assertThat(payments).as("payments from " + payerName + " to " + payeeName).hasSize(1);
        assertThat(payments.get(0).reportedByPayer()).as("reported by " + payerName).isTrue();
        assertThat(payments.get(0).reportedByPayee()).as("reported by " + payeeName).isTrue();
    }

    @Checks({"P-3.2-1", "§7"})
    @Then("the bank holds {party}'s records as one unbroken chain")
    public void oneUnbrokenChain(String name) {
        Party p = context.party(name);
        assertThat(invariants.storageConsistent(p, inspector.status(p))).as(name + "'s records in the wallet and at the bank").isEmpty();
    }
}
