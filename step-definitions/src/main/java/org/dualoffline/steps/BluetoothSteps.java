package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import org.dualoffline.harness.BluetoothTopUps;
import org.dualoffline.harness.Checks;
import org.dualoffline.protocol.Money;

/** A Bluetooth card and its holder's phone: top-ups over Bluetooth LE, a link that drops, a battery that is dead. */
public class BluetoothSteps {
    private final BluetoothTopUps topUps;

    public BluetoothSteps(BluetoothTopUps topUps) {
        this.topUps = topUps;
    }

    @Given("the battery of {party}'s Bluetooth card is dead")
    public void batteryDead(String holder) {
        topUps.batteryDies(holder);
    }

    @When("{party}'s phone tops up {party}'s Bluetooth card with {amount} over Bluetooth")
    public void topUp(String phoneHolder, String cardHolder, Long amount) {
        if (!phoneHolder.equals(cardHolder)) {
            throw new IllegalArgumentException("a card is topped up by its own holder's phone");
        }
        topUps.topUp(cardHolder, amount);
    }

    @When("the Bluetooth link drops at every point of a top-up of {amount} onto {party}'s Bluetooth card")
    public void dropAtEveryPoint(Long amount, String holder) {
        topUps.dropAtEveryPoint(holder, amount);
    }

    @Checks({"P-1-5", "P-5.13-6"})
    @Then("the link dropped at every one of those points, and every top-up brought the card {amount} exactly once")
    public void exactlyOnceAtEveryPoint(Long amount) {
        List<BluetoothTopUps.DroppedAt> tried = topUps.campaign();
        assertThat(tried).as("points tried: before and after each exchange of a top-up (SELECT, LOAD)").hasSizeGreaterThanOrEqualTo(4);
        for (BluetoothTopUps.DroppedAt point : tried) {
            BluetoothTopUps.TopUp t = point.topUp();
            assertThat(t.balanceAfter() - t.balanceBefore()).as("the link dropping %s: %s", point.drop(), t.outcome()).isEqualTo(amount);
            assertThat(t.loadSeqAfter() - t.loadSeqBefore()).as("loads the card took, the link dropping %s", point.drop()).isEqualTo(1);
        }
    }

    @Checks({"P-1-5"})
    @Then("the top-up is refused because the card's battery is empty")
    public void refusedForEmptyBattery() {
        BluetoothTopUps.TopUp t = topUps.last();
        assertThat(t.refused()).as(t.outcome()).isTrue();
        assertThat(t.refusal()).contains("battery is empty").contains("still pays by NFC");
        assertThat(t.balanceAfter()).as("nothing loaded").isEqualTo(t.balanceBefore());
    }

    @Checks({"P-1-5", "P-5.13-10"})
    @Then("the top-up brought {party}'s card {amount}")
    public void toppedUp(String holder, Long amount) {
        BluetoothTopUps.TopUp t = topUps.last();
        assertThat(t.refused()).as(t.outcome()).isFalse();
        assertThat(t.balanceAfter() - t.balanceBefore()).as(holder + "'s card, " + Money.yuan(amount) + " topped up: " + t.outcome()).isEqualTo(amount);
    }
}
