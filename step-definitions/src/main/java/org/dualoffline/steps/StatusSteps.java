package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.PinAttack;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.StatusAudit;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.harness.WalletProvisioner;
import org.dualoffline.protocol.Sw;

/**
 * A wallet reports its own state truly (STATUS-01): GET STATUS is audited against what the
 * wallet cannot fake - its signed records, the issuer's acknowledgements, its answers to the PIN.
 */
public class StatusSteps {
    private final ScenarioContext context;
    private final WalletInspector inspector;
    private final StatusAudit audit;

    public StatusSteps(ScenarioContext context, WalletInspector inspector, StatusAudit audit) {
        this.context = context;
        this.inspector = inspector;
        this.audit = audit;
    }

    @Checks({"P-3.6-1", "P-3.6-2", "P-3.6-3", "P-3.6-4", "P-3.6-5", "P-3.6-6", "P-3.6-7", "P-3.6-8", "P-3.6-9", "P-3.6-10", "P-3.6-11",
            "P-3.6-12", "P-3.6-13", "P-3.6-14", "P-3.6-15", "P-3.6-16", "P-3.6-17", "P-3.2-1", "P-5.11-3", "P-4.1-2", "P-4.1-3", "P-4.1-4"})
    @Then("{party}'s wallet reports in GET STATUS exactly what its signed records and acknowledgements say")
    public void reportsTruly(String party) {
        assertThat(audit.discrepancies(party)).as(party + "'s GET STATUS against its signed records, the issuer's acknowledgements and its PIN answers")
                .isEmpty();
    }

    @When("{party} enters a wrong PIN on {party}'s card once")
    public void wrongPinOnce(String who, String holder) {
        int sw = inspector.statusWordOf(context.party(holder), who + " enters a wrong PIN on " + holder + "'s card",
                w -> w.verifyPin(PinAttack.WRONG_PIN));
        audit.pinAnswered(holder, sw);
    }

    @Checks({"P-5.7-5"})
    @When("{party} enters {party}'s PIN correctly")
    public void rightPin(String who, String holder) {
        int sw = inspector.statusWordOf(context.party(holder), who + " enters " + holder + "'s PIN", w -> w.verifyPin(WalletProvisioner.DEFAULT_PIN));
        assertThat(Sw.describe(sw)).as("the answer to the right PIN while tries remain").isEqualTo(Sw.describe(Sw.OK));
        audit.pinAnswered(holder, sw);
    }
}
