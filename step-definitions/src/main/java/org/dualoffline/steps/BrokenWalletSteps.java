package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.harness.BrokenWallets;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.ReconciliationClient;

/** Wallets whose secure element is broken: they sign whatever they are told, and the bank must catch them (DS-04). */
public class BrokenWalletSteps {
    private final BrokenWallets broken;

    public BrokenWalletSteps(BrokenWallets broken) {
        this.broken = broken;
    }

    @Given("{party} has a phone wallet whose broken secure element signs whatever it is told, holding {amount}")
    public void hasBrokenWallet(String holder, Long amount) {
        broken.issue(holder, amount);
    }

    @When("{party}'s broken wallet pays {party} {amount}")
    public void brokenWalletPays(String payer, String payee, Long amount) {
        broken.pay(payer, payee, amount);
    }

    @Checks({"P-5.9-13"})
    @Given("{party}'s broken wallet has paid {party} {amount}")
    public void brokenWalletHasPaid(String payer, String payee, Long amount) {
        PaymentOutcome outcome = broken.pay(payer, payee, amount);
        assertThat(outcome.completed()).as(outcome.describe()).isTrue();
    }

    @When("{party}'s broken wallet pays {party}'s tag {amount}")
    public void brokenWalletPaysTag(String payer, String merchant, Long amount) {
        broken.payTag(payer, merchant, amount);
    }

    @When("{party}'s broken wallet unloads {amount} to the bank account")
    public void brokenWalletUnloads(String holder, Long amount) {
        broken.unload(holder, amount);
    }

    @When("{party}'s broken wallet syncs with the bank")
    public void brokenWalletSyncs(String holder) {
        broken.sync(holder);
    }

    @Checks({"§7.1"})
    @Then("the bank refuses the upload of {party}'s broken wallet as spending more than it holds")
    public void uploadRefused(String holder) {
        ReconciliationClient.Refusal refusal = broken.lastRefusal(holder);
        assertThat(refusal.status()).as("HTTP status of the refused upload: " + refusal.detail()).isEqualTo(409);
        assertThat(refusal.type()).as("problem type").endsWith("fork-or-double-spend");
    }
}
