package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import org.dualoffline.devices.Battery;
import org.dualoffline.devices.DeviceKind;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.IssuerLimits;
import org.dualoffline.harness.Payments;
import org.dualoffline.harness.PurseInvariants;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.harness.WalletProvisioner;
import org.dualoffline.protocol.Money;

/** Who holds which wallet, what the issuer allows, and what a wallet holds. */
public class WalletSteps {
    private final ScenarioContext context;
    private final WalletProvisioner provisioner;
    private final WalletInspector inspector;
    private final IssuerLimits limits;
    private final Payments payments;

    public WalletSteps(ScenarioContext context, WalletProvisioner provisioner, WalletInspector inspector, IssuerLimits limits,
                       Payments payments) {
        this.context = context;
        this.provisioner = provisioner;
        this.inspector = inspector;
        this.limits = limits;
        this.payments = payments;
    }

    @Given("{party} has a {device} wallet holding {amount}")
    public void hasWalletHolding(String name, DeviceKind kind, Long amount) {
        context.add(provisioner.issue(name, kind, amount));
    }

    @Given("{party} has an app wallet on a phone")
    public void hasAppWallet(String name) {
        context.add(provisioner.issueAppWallet(name));
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
        limits.singlePayment(amount);
    }

    @Given("the issuer allows {int} offline payments between syncs")
    public void issuerPaymentCount(Integer count) {
        limits.offlinePayments(count);
    }

    @Given("the issuer's offline cumulative limit is {amount}")
    public void issuerCumulativeLimit(Long amount) {
        limits.cumulative(amount);
    }

    @Given("the issuer's PIN-free threshold is {amount}")
    public void issuerPinFreeThreshold(Long amount) {
        limits.pinFreeThreshold(amount);
    }

    @Given("the issuer lets a wallet hold up to {amount}")
    public void issuerHoldingCap(Long amount) {
        limits.holdingCap(amount);
    }

    @Given("{party} has a POS terminal that may hold at most {amount}")
    public void posWithHoldingCap(String name, Long cap) {
        context.add(limits.withHoldingCap(cap, () -> provisioner.issue(name, DeviceKind.POS, 0)));
    }

    @Given("{party} has a POS terminal that holds received value until it syncs")
    public void posHoldingUntilSync(String name) {
        context.add(limits.holdingUntilSync(() -> provisioner.issue(name, DeviceKind.POS, 0)));
    }

    @Given("{party} has a {device} wallet issued by an unknown issuer holding {amount}")
    public void walletFromUnknownIssuer(String name, DeviceKind kind, Long amount) {
        context.add(provisioner.issueByUnknownIssuer(name, kind, amount));
    }

    @Checks({"P-5.10-15", "P-3.6-8", "P-3.6-9"})
    @Given("{party}'s wallet storage has been filled by payments to {party}")
    public void storageFilled(String payer, String payee) {
        assertThat(payments.fillStorage(payer, payee)).allSatisfy(o -> assertThat(o.completed()).as(o.describe()).isTrue());
    }

    @Given("{party}'s phone battery is dead")
    public void phoneBatteryIsDead(String name) {
        if (!(context.party(name).device().power() instanceof Battery battery)) {
            throw new IllegalStateException(name + "'s device does not run on a battery");
        }
        battery.drain();
    }

    @Checks({"P-3.6-5"})
    @Then("{party}'s wallet holds {amount}")
    public void walletHolds(String name, Long amount) {
        long balance = inspector.status(context.party(name)).balance();
        assertThat(Money.yuan(balance)).as(name + "'s spendable balance").isEqualTo(Money.yuan(amount));
    }

    @Checks({"P-3.7-2", "P-3.7-3", "P-3.6-5", "P-5.1-2"})
    @Then("{party}'s wallet holds {amount}: its holding and the amount did not wrap around 32 bits")
    public void holdingDidNotWrap(String name, Long amount) {
        walletHolds(name, amount);
    }

    @Checks({"P-3.7-2", "P-3.7-4", "P-3.6-5", "P-5.1-2"})
    @Then("{party}'s wallet holds {amount}: its offline total and the amount did not wrap around 32 bits")
    public void offlineTotalDidNotWrap(String name, Long amount) {
        walletHolds(name, amount);
    }

    @Checks({"P-3.6-5", "P-5.1-2", "P-5.1-3"})
    @Then("{party}'s wallet holds what it held before the payment")
    public void walletHoldsAsBefore(String name) {
        long now = PurseInvariants.valueHeld(inspector.status(context.party(name)));
        assertThat(Money.yuan(now)).as(name + "'s value (spendable and held) against before the payment")
                .isEqualTo(Money.yuan(context.valueBeforePayment(name)));
    }

    @Checks({"P-3.6-5", "P-5.10-15"})
    @Then("{party}'s wallet holds {amount} less than before the payment")
    public void walletHoldsLessThanBefore(String name, Long amount) {
        long now = PurseInvariants.valueHeld(inspector.status(context.party(name)));
        assertThat(Money.yuan(now)).as(name + "'s value (spendable and held) after paying " + Money.yuan(amount))
                .isEqualTo(Money.yuan(context.valueBeforePayment(name) - amount));
    }

    @Checks({"P-3.6-5", "P-5.9-13"})
    @Then("{party}'s wallet holds {amount} more than before the payment")
    public void walletHoldsMoreThanBefore(String name, Long amount) {
        long now = PurseInvariants.valueHeld(inspector.status(context.party(name)));
        assertThat(Money.yuan(now)).as(name + "'s value (spendable and held) after being paid " + Money.yuan(amount))
                .isEqualTo(Money.yuan(context.valueBeforePayment(name) + amount));
    }

    @Checks({"P-3.6-6", "P-5.9-13"})
    @Then("{party}'s wallet holds {amount} it cannot spend until it syncs")
    public void walletHoldsHeld(String name, Long amount) {
        long held = inspector.status(context.party(name)).held();
        assertThat(Money.yuan(held)).as(name + "'s value held until the next sync").isEqualTo(Money.yuan(amount));
    }

    @Checks({"P-3.6-8", "P-5.12-11"})
    @Then("{party}'s wallet has no records waiting to sync")
    public void noRecordsWaiting(String name) {
        assertThat(inspector.status(context.party(name)).records()).as(name + "'s records not yet acknowledged").isZero();
    }
}
