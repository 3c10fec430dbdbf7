package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.harness.robustness.MalformedCommands;
import org.dualoffline.harness.robustness.RobustnessCampaign;

/**
 * A faulty or hostile reader sends a wallet malformed and mutated commands (ROBUST-01): every
 * answer is judged against the spec, and the wallet must pay correctly afterwards.
 */
public class RobustnessSteps {
    private final ScenarioContext context;
    private final WalletInspector inspector;
    private RobustnessCampaign.Result result;

    public RobustnessSteps(ScenarioContext context, WalletInspector inspector) {
        this.context = context;
        this.inspector = inspector;
    }

    @When("a faulty reader sends {party}'s wallet {int} malformed and mutated commands")
    public void campaign(String holder, Integer count) {
        var party = context.party(holder);
        long seed = context.run().seed() ^ (context.scenarioKey() + "/" + holder + "/malformed").hashCode();
        long balance = inspector.status(party).balance();
        byte[] certificate = context.parties().stream().filter(p -> !p.name().equals(holder)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the campaign mutates another wallet's certificate: the scenario needs a second party"))
                .certificate().encode();
        result = RobustnessCampaign.run(inspector, party, MalformedCommands.campaign(seed, count, balance, certificate),
                "a faulty reader sends " + holder + "'s wallet " + count + " malformed and mutated commands (seed " + seed + ")");
    }

    @Checks({"P-5-3", "P-5-4", "P-5-5", "P-5-7", "P-5-8", "P-5.1-2", "P-5.1-5", "P-5.1-13", "P-6-1", "P-5.7-14"})
    @Then("every malformed command was refused with a status word of the spec, and none changed {party}'s wallet")
    public void everyCommandRefusedAndNothingChanged(String holder) {
        assertThat(result).as("no campaign was sent in this scenario").isNotNull();
        assertThat(result.breaches()).as(holder + "'s wallet, " + result.sent() + " commands " + result.byKind()
                + (result.journaled() ? ", persistent writes counted by the runtime's journal" : ", state read back with GET STATUS")
                + (result.notDelivered().isEmpty() ? "" : ", " + result.notDelivered().size() + " the way to the card could not carry"))
                .isEmpty();
        assertThat(result.notDelivered()).as("commands that never reached the card: the campaign proves nothing about them")
                .hasSizeLessThan(result.sent() / 2);
    }
}
