package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.Funding;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.ReconciliationClient;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;

/** Money moving between the holder's bank account and the wallet, and the bank's books. */
public class FundingSteps {
    private final ScenarioContext context;
    private final Funding funding;

    public FundingSteps(ScenarioContext context, Funding funding) {
        this.context = context;
        this.funding = funding;
    }

    @When("{party} pays {amount} into the bank account and asks for a load token for it")
    public void depositAndToken(String holder, Long amount) {
        funding.requestLoadToken(holder, amount);
    }

    @When("{party}'s wallet loads the token")
    public void loadsOwnToken(String holder) {
        funding.load(holder, holder, holder + "'s wallet loads its load token");
    }

    @When("{party}'s wallet loads the same token again")
    public void loadsAgain(String holder) {
        funding.load(holder, holder, holder + "'s wallet is given the same load token again");
    }

    @When("{party}'s wallet is given {party}'s load token")
    public void loadsOthersToken(String holder, String owner) {
        funding.load(holder, owner, holder + "'s wallet is given " + owner + "'s load token");
    }

    @Checks({"P-5.13-10", "P-3.5-1"})
    @Then("the load is accepted")
    public void loadAccepted() {
        assertThat(Sw.describe(funding.lastLoadAnswer())).as("the wallet's answer to LOAD").isEqualTo(Sw.describe(Sw.OK));
    }

    @Checks({"P-5.13-6 | the token was already used", "P-5.13-5 | the token is for another wallet", "P-3.5-1",
            "P-5.13-8 | holding cap", "P-5.13-9 | storage is full"})
    @Then("the wallet refuses the load because {loadRefusal}")
    public void loadRefused(Integer expectedSw) {
        assertThat(Sw.describe(funding.lastLoadAnswer())).as("the wallet's answer to LOAD").isEqualTo(Sw.describe(expectedSw));
    }

    @When("{party}'s wallet unloads {amount} back to the bank account")
    @When("{party}'s wallet tries to unload {amount} back to the bank account")
    public void unloads(String holder, Long amount) {
        funding.unload(holder, amount);
    }

    @When("{party}'s redeem record reaches the bank again")
    public void redeemRecordAgain(String holder) {
        funding.sendRedeemRecordAgain(holder);
    }

    @Checks({"P-5.14-7", "P-3.2-3"})
    @Then("the unload of {amount} was accepted with a redeem record signed by {party}'s wallet")
    public void unloadAccepted(Long amount, String holder) {
        Funding.Unload unload = funding.unloadOf(holder, amount);
        assertThat(Sw.describe(unload.sw())).as("the wallet's answer to UNLOAD").isEqualTo(Sw.describe(Sw.OK));
        SignedEntry record = unload.redeemRecord();
        Party p = context.party(holder);
        assertThat(record.entry().type()).as("the redeem record's entry type").isEqualTo(EntryType.UNLOAD);
        assertThat(record.entry().walletId()).as("the wallet that wrote the redeem record").isEqualTo(p.walletId());
        assertThat(Money.yuan(record.entry().amount())).as("the redeem record's amount").isEqualTo(Money.yuan(amount));
        assertThat(record.isSignedBy(p.certificate().publicKey())).as("the redeem record verifies under " + holder + "'s certified key")
                .isTrue();
        // an UNLOAD entry's peerId, nonce, peerCounter and refHash are zero [P-3.2-3]
        assertThat(record.entry().peerId().value()).as("the redeem record's peerId").isZero();
        assertThat(record.entry().nonce()).as("the redeem record's nonce").containsOnly(0);
        assertThat(record.entry().peerCounter()).as("the redeem record's peerCounter").isZero();
        assertThat(record.entry().refHash()).as("the redeem record's refHash").containsOnly(0);
    }

    @Checks({"P-5.14-5 | its balance is too low", "P-3.7-5 | its balance is too low", "P-5.14-4 | the amount is zero", "P-3.7-13 | the amount is zero", "P-5.14-6 | its storage is full"})
    @Then("{party}'s wallet refused to unload {amount} because {unloadRefusal}")
    public void unloadRefused(String holder, Long amount, Integer expectedSw) {
        assertThat(Sw.describe(funding.unloadOf(holder, amount).sw())).as("the wallet's answer to UNLOAD").isEqualTo(Sw.describe(expectedSw));
    }

    @Checks({"§7"})
    @Then("{party}'s bank account held {amount} until the wallet synced")
    public void bankAccountHeldUntilSync(String holder, Long amount) {
        long afterUnload = funding.lastAcceptedUnload(holder).bankAccountAfter();
        assertThat(Money.yuan(afterUnload)).as(holder + "'s online account right after the unload").isEqualTo(Money.yuan(amount));
    }

    @Checks({"§7"})
    @Then("the bank took the second copy of {party}'s redeem record as one it already had")
    public void redeemRecordDuplicate(String holder) {
        ReconciliationClient.SyncResult again = funding.redeemedAgain(holder);
        assertThat(again.accepted()).as("records the bank accepted from the repeated upload").isZero();
        assertThat(again.duplicates()).as("the repeated redeem record is a duplicate").isEqualTo(1);
    }

    @Checks({"§7.2"})
    @Then("the bank believes {party}'s wallet holds {amount}")
    public void bankBelievesOffline(String holder, Long amount) {
        ReconciliationClient.WalletView v = context.backend().wallet(context.party(holder).walletId());
        assertThat(Money.yuan(v.offlineBalance())).as("the offline balance the bank has for " + holder + "'s wallet")
                .isEqualTo(Money.yuan(amount));
    }

    @Checks({"§7"})
    @Then("{party}'s bank account holds {amount}")
    public void bankAccountHolds(String holder, Long amount) {
        ReconciliationClient.WalletView v = context.backend().wallet(context.party(holder).walletId());
        assertThat(Money.yuan(v.onlineBalance())).as(holder + "'s online account at the bank").isEqualTo(Money.yuan(amount));
    }

    @Checks({"§7"})
    @Then("the bank will not issue {party} a load token for {amount}: the bank account holds too little")
    public void loadTokenRefused(String holder, Long amount) {
        ReconciliationClient.Refusal refusal = funding.refusedLoadToken(holder, amount);
        assertThat(refusal.status()).as("HTTP status of the refused load token: " + refusal.detail()).isEqualTo(409);
        assertThat(refusal.type()).as("problem type").endsWith("insufficient-funds");
    }

    @Checks({"§7.2"})
    @Then("the bank's books balance: everything issued is online, offline or on its way")
    public void booksBalance() {
        ReconciliationClient.AuditView a = context.backend().audit();
        assertThat(a.difference()).as("issued - (online + offline as last reported + in flight), in fen; the audit: " + a.all()).isZero();
        assertThat(a.conserved()).as("the bank's audit: " + a.all()).isTrue();
    }
}
