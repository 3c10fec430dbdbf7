package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import org.dualoffline.devices.Battery;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.timing.SeSpeedProfile;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.Payments;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.TapTimes;
import org.dualoffline.harness.WalletProvisioner;

/** Batteries that run out, chips of different speeds, and how long a tap takes on the scenario's virtual clock. */
public class PowerAndTimingSteps {
    private final ScenarioContext context;
    private final WalletProvisioner provisioner;
    private final Payments payments;
    private final TapTimes tapTimes;

    public PowerAndTimingSteps(ScenarioContext context, WalletProvisioner provisioner, Payments payments, TapTimes tapTimes) {
        this.context = context;
        this.provisioner = provisioner;
        this.payments = payments;
        this.tapTimes = tapTimes;
    }

    @Given("{party} has a POS terminal on a battery at {int}%")
    public void posOnBattery(String name, Integer percent) {
        context.add(provisioner.issuePos(name, new Battery(percent)));
        context.conditions().withBatteryDrain();
    }

    @Given("{party}'s secure element is a {speed}")
    public void secureElementSpeed(String name, SeSpeedProfile profile) {
        context.conditions().withSpeed(context.party(name).device(), profile);
    }

    @Given("{party}'s phone dies just as it is asked to pay")
    public void phoneDiesAtPay(String name) {
        context.conditions().withBatteryDyingBefore(context.party(name).device(), "PAY");
    }

    @Checks({"P-5.10-15"})
    @Given("{party} has paid {party} {amount} {int} times without syncing")
    public void paidRepeatedly(String payer, String payee, Long amount, Integer times) {
        assertThat(payments.payRepeatedly(payer, payee, amount, times)).allSatisfy(o -> assertThat(o.completed()).as(o.describe()).isTrue());
    }

    @Checks({"P-5.10-15", "P-3.6-8", "P-3.6-9"})
    @Given("{party} has paid {party} {amount} at a time without syncing until one slot of the wallet's storage is left")
    public void paidUntilOneSlotLeft(String payer, String payee, Long amount) {
        assertThat(payments.payUntilOneSlotLeft(payer, payee, amount)).allSatisfy(o -> assertThat(o.completed()).as(o.describe()).isTrue());
    }

    @Checks({"P-5.15-3"})
    @Then("the tap took about as long as the first one since the last sync")
    public void noSlowerThanTheFirst() {
        tapTimes.requireMeasuredCosts();
        PaymentOutcome first = payments.firstOfSeries();
        PaymentOutcome last = context.lastPayment();
        tapTimes.noteHistoryScanContrast(last);
        assertThat(last.tapTime().totalMicros()).as("tap time now (" + last.tapTime().summary() + ") against the first ("
                + first.tapTime().summary() + "), 1 % allowed").isLessThanOrEqualTo(TapTimes.aboutAsLongAs(first));
    }

    @Checks({"P-5.15-2"})
    @Then("the tap takes at most {int} milliseconds")
    public void tapTakesAtMost(Integer millis) {
        tapTimes.requireMeasuredCosts();
        PaymentOutcome o = context.lastPayment();
        assertThat(o.tapTime().totalMicros()).as("modeled tap time: " + o.tapTime().summary()).isLessThanOrEqualTo(millis * 1000L);
    }

    @Checks({"P-5.1-10"})
    @Then("the payment is cut off by the power loss")
    public void cutOffByPowerLoss() {
        PaymentOutcome o = context.lastPayment();
        assertThat(o.status()).as(o.describe()).isEqualTo(PaymentOutcome.Status.POWER_LOST);
    }

    @Checks({"P-5.1-10", "P-6a-3", "§7"})
    @Then("once both wallets have synced, no value was created and none was lost")
    public void noValueCreatedOrLost() {
        assertThat(payments.brokenOnceSynced()).as("the purse invariants, once both wallets of the last payment have synced").isEmpty();
    }
}
