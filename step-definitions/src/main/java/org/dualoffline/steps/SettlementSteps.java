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

    @When("{party}'s wallet comes online and syncs")
    public void comesOnlineAndSyncs(String name) {
        inspector.sync(context.party(name));
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
