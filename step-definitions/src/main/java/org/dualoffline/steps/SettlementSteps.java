package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.ReconciliationClient.PaymentView;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.protocol.Money;

/** Devices coming online, and what the bank then knows and settles. */
public class SettlementSteps {
    private final ScenarioContext context;
    private final WalletInspector inspector;

    public SettlementSteps(ScenarioContext context) {
        this.context = context;
        this.inspector = new WalletInspector(context);
    }

    /** The records each party's wallet uploaded last, to send again. */
    private final java.util.Map<String, WalletInspector.SyncReport> lastSync = new java.util.HashMap<>();

    @When("{party}'s wallet comes online and syncs")
    public void comesOnlineAndSyncs(String name) {
        lastSync.put(name, inspector.sync(context.party(name)));
    }

    @When("the same upload from {party}'s wallet reaches the bank again")
    public void sameUploadAgain(String name) {
        WalletInspector.SyncReport first = lastSync.get(name);
        assertThat(first).as(name + "'s wallet has synced in this scenario").isNotNull();
        var again = context.backend().sync(context.party(name).walletId(), first.uploaded());
        assertThat(again.accepted()).as("records the repeated upload added").isZero();
        assertThat(again.duplicates()).as("records the bank recognised as already held").isEqualTo(first.uploaded().size());
    }

    @When("{party}'s wallet uploads its records one at a time, newest first")
    public void uploadsNewestFirst(String name) {
        lastSync.put(name, inspector.syncNewestFirst(context.party(name)));
    }

    @Then("the bank has settled {amount} to {party} in {int} payments")
    public void settledInPayments(Long amount, String payeeName, Integer count) {
        Party payee = context.party(payeeName);
        List<PaymentView> received = context.backend().payments(payee.walletId()).stream()
                .filter(p -> p.payee().equals(payee.walletId())).toList();
        assertThat(received).as("payments to " + payeeName + " known to the bank").hasSize(count);
        assertThat(received).allSatisfy(p -> assertThat(p.status()).isEqualTo("SETTLED"));
        assertThat(Money.yuan(context.backend().wallet(payee.walletId()).settledIncoming()))
                .as("total settled to " + payeeName).isEqualTo(Money.yuan(amount));
    }

    @Then("the bank has settled {amount} to {party} exactly once")
    public void settledExactlyOnce(Long amount, String payeeName) {
        Party payee = context.party(payeeName);
        List<PaymentView> received = context.backend().payments(payee.walletId()).stream()
                .filter(p -> p.payee().equals(payee.walletId())).toList();
        assertThat(received).as("payments to " + payeeName + " known to the bank").hasSize(1);
        assertThat(received.get(0).status()).isEqualTo("SETTLED");
        assertThat(Money.yuan(received.get(0).amount())).isEqualTo(Money.yuan(amount));
        assertThat(Money.yuan(context.backend().wallet(payee.walletId()).settledIncoming()))
                .as("total settled to " + payeeName).isEqualTo(Money.yuan(amount));
    }

    @Then("the bank knows the payment from both {party} and {party}")
    public void reportedByBoth(String payerName, String payeeName) {
        Party payee = context.party(payeeName);
        Party payer = context.party(payerName);
        List<PaymentView> payments = context.backend().payments(payee.walletId()).stream()
                .filter(p -> p.payer().equals(payer.walletId())).toList();
        assertThat(payments).as("payments from " + payerName + " to " + payeeName).hasSize(1);
        assertThat(payments.get(0).reportedByPayer()).as("reported by " + payerName).isTrue();
        assertThat(payments.get(0).reportedByPayee()).as("reported by " + payeeName).isTrue();
    }

    @Then("the bank holds {party}'s records as one unbroken chain")
    public void oneUnbrokenChain(String name) {
        Party p = context.party(name);
        var status = inspector.status(p);
        var view = context.backend().wallet(p.walletId());
        assertThat(view.pendingRecords()).as(name + "'s records the bank holds back (gaps)").isZero();
        assertThat(view.lastCounter()).as("the end of " + name + "'s chain at the bank").isEqualTo(status.counter());
        assertThat(status.records()).as(name + "'s records still waiting in the wallet").isZero();
    }
}
