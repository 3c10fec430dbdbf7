package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.dualoffline.devices.DeviceKind;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.tearing.FlowResult;
import org.dualoffline.harness.tearing.TearingCampaign;
import org.dualoffline.harness.tearing.TearingReports;
import org.dualoffline.harness.tearing.TornFlows;

/** Exhaustive tearing: the power is cut at every point of a flow, and the purse invariants are checked after recovery. */
public class TearingSteps {
    private final TornFlows flows;
    private final TearingCampaign campaign;
    private final TearingReports reports;

    public TearingSteps(TornFlows flows, TearingCampaign campaign, TearingReports reports) {
        this.flows = flows;
        this.campaign = campaign;
        this.reports = reports;
    }

    @When("the power fails at every point of a payment of {amount} from {party} to {party}")
    public void everyPointOfAPayment(Long amount, String payer, String payee) {
        campaign.run(flows.payment(payer, payee, amount));
    }

    @When("the power fails at every point of a payment of {amount} from {party}'s visual card to {party}, the display's redraw included")
    public void everyPointOfAVisualCardPayment(Long amount, String payer, String payee) {
        campaign.run(flows.visualCardPayment(payer, payee, amount));
    }

    @When("the power fails at every point of {party}'s sync after {party} pays {amount}")
    public void everyPointOfASync(String payee, String payer, Long amount) {
        campaign.run(flows.syncAfterPayment(payee, payer, amount));
    }

    @When("the power fails at every point of loading {amount} onto {party}'s {device} wallet")
    public void everyPointOfALoad(Long amount, String holder, DeviceKind kind) {
        campaign.run(flows.load(holder, kind, amount));
    }

    @When("the power fails at every point of unloading {amount} from {party}'s {device} wallet holding {amount}")
    public void everyPointOfAnUnload(Long amount, String holder, DeviceKind kind, Long balance) {
        campaign.run(flows.unload(holder, kind, balance, amount));
    }

    @When("the power fails at every point of the personalization of a new card for {party}, which then loads {amount} and pays {party} {amount}")
    public void everyPointOfAPersonalization(String holder, Long load, String payee, Long payment) {
        campaign.run(flows.personalization(holder, load, payee, payment));
    }

    @Checks({"P-5.1-10"})
    @Then("the power was cut at every one of those points")
    public void everyTearPointTried() {
        for (FlowResult r : reports.results()) {
            assertThat(r.tearPoints()).as("tear points the dry run mapped for " + r.flow()).isPositive();
            assertThat(r.untried()).as("tear points of " + r.flow() + " that no torn run reached").isEmpty();
        }
    }

    @Checks({"P-5.1-10", "P-6a-3", "§7"})
    @Then("no power cut created value, lost value, reused a counter or broke storage")
    public void noViolation() {
        for (FlowResult r : reports.results()) {
            assertThat(r.violations()).as(r.flow() + ": violations over " + r.tearPoints() + " tear points").isEmpty();
        }
    }

    @Checks({"P-1-4"})
    @Then("no power cut left the card showing a balance its wallet had not committed, and the next field showed the committed one")
    public void noUncommittedFace() {
        for (FlowResult r : reports.results()) {
            assertThat(r.violations()).as(r.flow() + ": faces the card showed over " + r.tearPoints() + " tear points").isEmpty();
        }
    }

    @Checks({"P-5.1-10", "P-5.6-11", "P-4.1-4", "P-3.6-3", "P-3.6-4", "P-3.6-15", "P-3.6-16", "P-5.4-1", "P-5.4-3", "P-5.7-5"})
    @Then("every power cut left the card not personalized at all or personalized with everything, and its issuance completed")
    public void personalizedAtomically() {
        for (FlowResult r : reports.results()) {
            assertThat(r.violations()).as(r.flow() + ": cards half personalized, or whose issuance did not complete, over "
                    + r.tearPoints() + " tear points").isEmpty();
        }
    }
}
