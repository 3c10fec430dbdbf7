package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.LimitRenewals;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.Sw;

/** Limits that change after issue: only through the issuer's signed acknowledgement at a sync. */
public class LimitRenewalSteps {
    private final ScenarioContext context;
    private final WalletInspector inspector;
    private final LimitRenewals renewals;

    public LimitRenewalSteps(ScenarioContext context, WalletInspector inspector, LimitRenewals renewals) {
        this.context = context;
        this.inspector = inspector;
        this.renewals = renewals;
    }

    @When("the issuer raises {party}'s single-payment limit and PIN-free threshold to {amount}")
    public void issuerRaisesSingleLimit(String holder, Long amount) {
        renewals.renewSinglePaymentAndPinFree(holder, amount);
    }

    @When("a reader gives {party}'s wallet an acknowledgement raising its single-payment limit to {amount} signed by someone other than the issuer")
    public void forgedAcknowledgement(String holder, Long amount) {
        renewals.presentForgedRaise(holder, amount);
    }

    /**
     * No clock reaches the wallet (it has no time source, and spec v1 carries no time), so all a
     * phone whose clock is set back can do is what a host that trusts its clock would: decide it
     * is the day of the last sync again and present the acknowledgement it kept from that day.
     * The wallet may take it again (it is the current one) or refuse it; either way it must not
     * give back an offline allowance the payments since have used.
     */
    @When("{party}'s phone, its clock set back to the day of the last sync, presents that sync's acknowledgement to the wallet again")
    public void phoneReplaysLastAck(String holder) {
        renewals.presentLastAckAgain(holder);
    }

    @Checks({"P-3.6-10", "P-5.12-9", "P-5.12-12"})
    @Then("{party}'s wallet still counts {int} offline payments since its last sync")
    public void stillCounts(String holder, Integer payments) {
        assertThat(inspector.status(context.party(holder)).offlineCount()).as(holder + "'s offline payments since the last sync (the replayed "
                + "acknowledgement answered " + Sw.describe(renewals.lastAnswer()) + ")").isEqualTo(payments);
        if (renewals.lastAnswer() != -1) {
            // the current acknowledgement presented again is accepted, and changes nothing [P-5.12-12]
            assertThat(Sw.describe(renewals.lastAnswer())).as("the wallet's answer to its current acknowledgement presented again")
                    .isEqualTo(Sw.describe(Sw.OK));
        }
    }

    @Checks({"P-5.12-8", "P-2-5"})
    @Then("the wallet refuses the acknowledgement because its signature is not the issuer's")
    public void acknowledgementRefused() {
        assertThat(Sw.describe(renewals.lastAnswer())).as("the wallet's answer to APPLY SYNC ACK").isEqualTo(Sw.describe(Sw.BAD_SIGNATURE));
    }

    @Checks({"P-3.6-12", "P-5.12-11"})
    @Then("{party}'s wallet allows single payments up to {amount}")
    public void walletAllows(String holder, Long amount) {
        assertThat(Money.yuan(inspector.status(context.party(holder)).limits().maxSingle()))
                .as(holder + "'s single-payment limit as the wallet holds it").isEqualTo(Money.yuan(amount));
    }
}
