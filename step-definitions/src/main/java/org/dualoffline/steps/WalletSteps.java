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
import org.dualoffline.protocol.Limits;
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

    @Given("{party} has a payment tag by the till")
    public void hasPaymentTag(String name) {
        context.add(provisioner.issueTag(name));
    }

    @Given("{party} has a POS terminal")
    public void hasPosTerminal(String name) {
        context.add(provisioner.issue(name, DeviceKind.POS, 0));
    }

    @Given("the issuer's single-payment limit is {amount}")
    public void issuerSinglePaymentLimit(Long amount) {
        var l = context.limitsForNewWallets();
        context.setLimitsForNewWallets(new Limits(l.limitsSeq(), amount, Math.max(l.maxCumulative(), amount),
                l.maxCount(), l.holdingCap(), Math.min(l.pinFreeThreshold(), amount), l.receivePolicy()));
    }

    @Given("the issuer allows {int} offline payments between syncs")
    public void issuerPaymentCount(Integer count) {
        var l = context.limitsForNewWallets();
        context.setLimitsForNewWallets(new Limits(l.limitsSeq(), l.maxSingle(), l.maxCumulative(), count, l.holdingCap(),
                l.pinFreeThreshold(), l.receivePolicy()));
    }

    @Given("the issuer's offline cumulative limit is {amount}")
    public void issuerCumulativeLimit(Long amount) {
        var l = context.limitsForNewWallets();
        context.setLimitsForNewWallets(new Limits(l.limitsSeq(), Math.min(l.maxSingle(), amount), amount, l.maxCount(), l.holdingCap(),
                Math.min(l.pinFreeThreshold(), amount), l.receivePolicy()));
    }

    @Given("the issuer's PIN-free threshold is {amount}")
    public void issuerPinFreeThreshold(Long amount) {
        var l = context.limitsForNewWallets();
        context.setLimitsForNewWallets(new Limits(l.limitsSeq(), l.maxSingle(), l.maxCumulative(), l.maxCount(), l.holdingCap(), amount,
                l.receivePolicy()));
    }

    @Given("{party} has a POS terminal that may hold at most {amount}")
    public void posWithHoldingCap(String name, Long cap) {
        Limits issuerLimits = context.limitsForNewWallets();
        context.setLimitsForNewWallets(new Limits(issuerLimits.limitsSeq(), issuerLimits.maxSingle(), issuerLimits.maxCumulative(),
                issuerLimits.maxCount(), cap, issuerLimits.pinFreeThreshold(), issuerLimits.receivePolicy()));
        try {
            context.add(provisioner.issue(name, DeviceKind.POS, 0));
        } finally {
            context.setLimitsForNewWallets(issuerLimits);
        }
    }

    @Given("{party} has a {device} wallet issued by an unknown issuer holding {amount}")
    public void walletFromUnknownIssuer(String name, DeviceKind kind, Long amount) {
        context.add(provisioner.issueByUnknownIssuer(name, kind, amount));
    }

    @Given("{party}'s wallet storage has been filled by payments to {party}")
    public void storageFilled(String payer, String payee) {
        Party p = context.party(payer);
        int payments = 0;
        while (true) {
            var s = inspector.status(p);
            if (s.records() >= s.capacity()) {
                break;
            }
            var o = org.dualoffline.devices.PaymentSession.pay(p.device(), context.party(payee).device(), 1, null, context.conditions());
            assertThat(o.completed()).as("filling " + payer + "'s storage, payment " + (++payments) + ": " + o.describe()).isTrue();
        }
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

    @Then("{party}'s wallet holds {amount} it cannot spend until it syncs")
    public void walletHoldsHeld(String name, Long amount) {
        long held = inspector.status(context.party(name)).held();
        assertThat(Money.yuan(held)).as(name + "'s value held until the next sync").isEqualTo(Money.yuan(amount));
    }

    @Given("{party} has a POS terminal that holds received value until it syncs")
    public void posHoldingUntilSync(String name) {
        Limits issuerLimits = context.limitsForNewWallets();
        context.setLimitsForNewWallets(new Limits(issuerLimits.limitsSeq(), issuerLimits.maxSingle(), issuerLimits.maxCumulative(),
                issuerLimits.maxCount(), issuerLimits.holdingCap(), issuerLimits.pinFreeThreshold(),
                org.dualoffline.protocol.ReceivePolicy.HELD_UNTIL_SYNC));
        try {
            context.add(provisioner.issue(name, DeviceKind.POS, 0));
        } finally {
            context.setLimitsForNewWallets(issuerLimits);
        }
    }

    @Then("{party}'s wallet has no records waiting to sync")
    public void noRecordsWaiting(String name) {
        assertThat(inspector.status(context.party(name)).records()).as(name + "'s records not yet acknowledged").isZero();
    }
}
