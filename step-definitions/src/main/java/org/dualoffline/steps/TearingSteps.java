package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import org.dualoffline.devices.DeviceKind;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.TearPlan;
import org.dualoffline.harness.TearingCampaign;
import org.dualoffline.harness.WalletInspector;

/** Exhaustive tearing: the power is cut at every point of a flow, and the purse invariants are checked after recovery. */
public class TearingSteps {
    private final ScenarioContext context;
    private final TearingCampaign campaign;
    private final WalletInspector inspector;

    public TearingSteps(ScenarioContext context) {
        this.context = context;
        this.campaign = new TearingCampaign(context);
        this.inspector = new WalletInspector(context, false);
    }

    @When("the power fails at every point of a payment of {amount} from {party} to {party}")
    public void everyPointOfAPayment(Long amount, String payer, String payee) {
        TearPlan.requireTearingAtWrites(context.run().profile());
        context.addTearing(campaign.payment(template(payer, payee, amount)));
    }

    @When("the power fails at every point of {party}'s sync after {party} pays {amount}")
    public void everyPointOfASync(String payee, String payer, Long amount) {
        TearPlan.requireTearingAtWrites(context.run().profile());
        context.addTearing(List.of(campaign.syncAck(template(payer, payee, amount))));
    }

    @When("the power fails at every point of loading {amount} onto {party}'s {device} wallet")
    public void everyPointOfALoad(Long amount, String holder, DeviceKind kind) {
        TearPlan.requireTearingAtWrites(context.run().profile());
        context.addTearing(List.of(campaign.load(holder, kind, amount)));
    }

    @Then("every tear point of {string} was tried")
    public void everyTearPointTried(String flows) {
        for (String flow : flows.split(" and ")) {
            assertThat(context.tearing()).as("tearing campaigns run").anySatisfy(r -> {
                assertThat(r.flow()).isEqualTo(flow.trim());
                assertThat(r.tearPoints()).as("tear points of " + flow).isPositive();
            });
        }
    }

    @Then("no tear point created value, lost value, reused a counter or broke storage")
    public void noViolation() {
        assertThat(context.tearing()).isNotEmpty();
        for (TearingCampaign.Result r : context.tearing()) {
            assertThat(r.violations()).as(r.flow() + ": violations over " + r.tearPoints() + " tear points").isEmpty();
        }
    }

    private TearingCampaign.Template template(String payerName, String payeeName, long amount) {
        Party payer = context.party(payerName);
        Party payee = context.party(payeeName);
        return new TearingCampaign.Template(payerName, payer.device().kind(), inspector.status(payer).balance(),
                payeeName, payee.device().kind(), inspector.status(payee).balance(), amount);
    }
}
