package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.ReconciliationClient;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;

/** Money moving between the holder's bank account and the wallet, and the bank's books. */
public class FundingSteps {
    private final ScenarioContext context;
    private final WalletInspector inspector;
    private final Map<String, LoadToken> tokens = new HashMap<>();
    /** Each holder's last redeem record (signed UNLOAD entry), kept to upload it again. */
    private final Map<String, SignedEntry> redeemRecords = new HashMap<>();
    /** The status word of the last load or unload: 9000, or the SE's refusal. */
    private int lastSw = -1;

    public FundingSteps(ScenarioContext context) {
        this.context = context;
        this.inspector = new WalletInspector(context);
    }

    @When("{party} pays {amount} into the bank account and asks for a load token for it")
    public void depositAndToken(String holder, Long amount) {
        Party p = context.party(holder);
        context.backend().deposit(p.walletId(), amount);
        tokens.put(holder, context.backend().loadToken(p.walletId(), amount));
    }

    @When("{party}'s wallet loads the token")
    public void loadsOwnToken(String holder) {
        load(holder, holder, holder + "'s wallet loads its load token");
    }

    @When("{party}'s wallet loads the same token again")
    public void loadsAgain(String holder) {
        load(holder, holder, holder + "'s wallet is given the same load token again");
    }

    @When("{party}'s wallet is given {party}'s load token")
    public void loadsOthersToken(String holder, String owner) {
        load(holder, owner, holder + "'s wallet is given " + owner + "'s load token");
    }

    private void load(String holder, String owner, String description) {
        LoadToken token = tokens.get(owner);
        assertThat(token).as("a load token issued to " + owner + " in this scenario").isNotNull();
        lastSw = inspector.statusWordOf(context.party(holder), description, w -> w.load(token.encode()));
    }

    @When("{party}'s wallet unloads {amount} back to the bank account")
    public void unloads(String holder, Long amount) {
        Party p = context.party(holder);
        lastSw = inspector.statusWordOf(p, holder + "'s wallet unloads " + Money.yuan(amount),
                w -> redeemRecords.put(holder, w.unload(amount)));
    }

    @Then("the unload is accepted with a redeem record for {amount} signed by {party}'s wallet")
    public void unloadAccepted(Long amount, String holder) {
        assertThat(Sw.describe(lastSw)).as("the wallet's answer to UNLOAD").isEqualTo(Sw.describe(Sw.OK));
        SignedEntry record = redeemRecords.get(holder);
        Party p = context.party(holder);
        assertThat(record.entry().type()).as("the redeem record's entry type").isEqualTo(EntryType.UNLOAD);
        assertThat(record.entry().walletId()).as("the wallet that wrote the redeem record").isEqualTo(p.walletId());
        assertThat(Money.yuan(record.entry().amount())).as("the redeem record's amount").isEqualTo(Money.yuan(amount));
        assertThat(record.isSignedBy(p.certificate().publicKey())).as("the redeem record verifies under " + holder + "'s certified key")
                .isTrue();
    }

    @Then("the wallet refuses the unload because {unloadRefusal}")
    public void unloadRefused(Integer expectedSw) {
        assertThat(Sw.describe(lastSw)).as("the wallet's answer to UNLOAD").isEqualTo(Sw.describe(expectedSw));
    }

    @When("{party}'s redeem record reaches the bank again")
    public void redeemRecordAgain(String holder) {
        SignedEntry record = redeemRecords.get(holder);
        assertThat(record).as("a redeem record of " + holder + "'s wallet in this scenario").isNotNull();
        ReconciliationClient.SyncResult r = context.backend().sync(context.party(holder).walletId(),
                List.of(new WalletClient.StoredRecord(record, null)));
        assertThat(r.accepted()).as("records the bank accepted from the repeated upload").isZero();
        assertThat(r.duplicates()).as("the repeated redeem record is a duplicate").isEqualTo(1);
    }

    @Then("the bank believes {party}'s wallet holds {amount}")
    public void bankBelievesOffline(String holder, Long amount) {
        ReconciliationClient.WalletView v = context.backend().wallet(context.party(holder).walletId());
        assertThat(Money.yuan(v.offlineBalance())).as("the offline balance the bank has for " + holder + "'s wallet")
                .isEqualTo(Money.yuan(amount));
    }

    @Then("the load is accepted")
    public void loadAccepted() {
        assertThat(Sw.describe(lastSw)).as("the wallet's answer to LOAD").isEqualTo(Sw.describe(Sw.OK));
    }

    @Then("the wallet refuses the load because {loadRefusal}")
    public void loadRefused(Integer expectedSw) {
        assertThat(Sw.describe(lastSw)).as("the wallet's answer to LOAD").isEqualTo(Sw.describe(expectedSw));
    }

    @Then("{party}'s bank account holds {amount}")
    public void bankAccountHolds(String holder, Long amount) {
        ReconciliationClient.WalletView v = context.backend().wallet(context.party(holder).walletId());
        assertThat(Money.yuan(v.onlineBalance())).as(holder + "'s online account at the bank").isEqualTo(Money.yuan(amount));
    }

    @Then("the bank's books balance: everything issued is online, offline or on its way")
    public void booksBalance() {
        ReconciliationClient.AuditView a = context.backend().audit();
        assertThat(a.difference()).as("issued - (online + offline as last reported + in flight), in fen; the audit: " + a.all()).isZero();
        assertThat(a.conserved()).as("the bank's audit: " + a.all()).isTrue();
    }
}
