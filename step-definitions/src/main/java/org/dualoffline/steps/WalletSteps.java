package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import org.dualoffline.devices.Battery;
import org.dualoffline.devices.DeviceKind;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.harness.WalletProvisioner;
import org.dualoffline.protocol.Money;

/** Who holds which wallet, what the issuer allows, and what a wallet holds. */
public class WalletSteps {
    private final ScenarioContext context;
    private final WalletProvisioner provisioner;
    private final WalletInspector inspector;

    public WalletSteps(ScenarioContext context) {
        this.context = context;
        this.provisioner = new WalletProvisioner(context);
        this.inspector = new WalletInspector(context);
    }

    @Given("{party} has a {device} wallet holding {amount}")
    public void hasWalletHolding(String name, DeviceKind kind, Long amount) {
        context.add(provisioner.issue(name, kind, amount));
    }

    @Given("{party} has a POS terminal")
    public void hasPosTerminal(String name) {
        context.add(provisioner.issue(name, DeviceKind.POS, 0));
    }

    @Given("the issuer's single-payment limit is {amount}")
    public void issuerSinglePaymentLimit(Long amount) {
        var l = context.limitsForNewWallets();
        context.setLimitsForNewWallets(new org.dualoffline.protocol.Limits(l.limitsSeq(), amount, Math.max(l.maxCumulative(), amount),
                l.maxCount(), l.holdingCap(), l.pinFreeThreshold(), l.receivePolicy()));
    }

    @Given("{party}'s phone battery is dead")
    public void phoneBatteryIsDead(String name) {
        Party p = context.party(name);
        assertThat(p.device().power()).as(name + "'s device runs on a battery").isInstanceOf(Battery.class);
        ((Battery) p.device().power()).drain();
    }

    @Then("{party}'s wallet holds {amount}")
    public void walletHolds(String name, Long amount) {
        long balance = inspector.status(context.party(name)).balance();
        assertThat(Money.yuan(balance)).as(name + "'s spendable balance").isEqualTo(Money.yuan(amount));
    }

    @Then("{party}'s wallet has no records waiting to sync")
    public void noRecordsWaiting(String name) {
        assertThat(inspector.status(context.party(name)).records()).as(name + "'s records not yet acknowledged").isZero();
    }
}
