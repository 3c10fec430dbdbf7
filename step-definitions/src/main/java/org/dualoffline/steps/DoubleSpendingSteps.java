package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.ReconciliationClient;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.harness.WalletProvisioner;
import org.dualoffline.protocol.Money;

/** Clones, double spends, the blocklist and what the bank does about them. */
public class DoubleSpendingSteps {
    private final ScenarioContext context;
    private final WalletProvisioner provisioner;
    private final WalletInspector inspector;

    public DoubleSpendingSteps(ScenarioContext context, WalletProvisioner provisioner, WalletInspector inspector) {
        this.context = context;
        this.provisioner = provisioner;
        this.inspector = inspector;
    }

    @Given("{party} holds a clone of {party}'s wallet")
    public void holdsAClone(String cloner, String holder) {
        context.add(provisioner.cloneOf(holder, cloner));
    }

    @When("{party}'s wallet is reported stolen")
    public void reportedStolen(String holder) {
        context.backend().blocklist(context.party(holder).walletId(), holder + "'s device reported stolen by its holder");
    }

    @Checks({"§7.1"})
    @Then("the bank refuses the records of {party}'s wallet as a fork or double spend")
    public void bankRefusesAsFork(String name) {
        ReconciliationClient.Refusal refusal = inspector.syncRefused(context.party(name));
        assertThat(refusal.status()).as("HTTP status of the refused upload: " + refusal.detail()).isEqualTo(409);
        assertThat(refusal.type()).as("problem type").endsWith("fork-or-double-spend");
    }

    @Checks({"§7.1"})
    @Then("the bank has put {party}'s wallet on the blocklist for a double spend")
    public void blocklistedForDoubleSpend(String name) {
        assertBlocklisted(name, "DOUBLE_SPEND", "FORK");
    }

    @Checks({"§7.1"})
    @Then("the bank has put {party}'s wallet on the blocklist for spending more than it holds")
    public void blocklistedForOverspending(String name) {
        assertBlocklisted(name, "OVERSPEND");
    }

    @Checks({"§7"})
    @Then("the bank has put {party}'s wallet on the blocklist as stolen")
    public void blocklistedAsStolen(String name) {
        assertBlocklisted(name, "OPERATOR");
    }

    private void assertBlocklisted(String name, String... reasons) {
        ReconciliationClient.ExposureView e = context.backend().exposure(context.party(name).walletId());
        assertThat(e.status()).as(name + "'s standing at the bank").isEqualTo("BLOCKED");
        assertThat(e.reason()).as("why " + name + "'s wallet is on the blocklist").isIn((Object[]) reasons);
    }

    @Checks({"§7.1"})
    @Then("the issuer has covered {amount} of {party}'s double spending")
    @Then("the issuer has covered {amount} of {party}'s overspending")
    public void issuerCovered(Long amount, String payerName) {
        ReconciliationClient.ExposureView e = context.backend().exposure(context.party(payerName).walletId());
        assertThat(Money.yuan(e.covered())).as("what the issuer covered for honest payees of " + payerName + "'s double spends or overspends")
                .isEqualTo(Money.yuan(amount));
        assertThat(e.boundPerClone()).as("the bank bounds what each further clone can spend offline").isPositive();
    }

    @Checks({"§7.1"})
    @Then("the bank has settled nothing to {party} from {party}'s account")
    public void nothingSettledFrom(String payeeName, String payerName) {
        assertThat(context.backend().paymentsBetween(context.party(payerName).walletId(), context.party(payeeName).walletId()))
                .as("payments from " + payerName + "'s account to " + payeeName).isEmpty();
    }
}
