package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import org.dualoffline.harness.BluetoothRelays;
import org.dualoffline.harness.BluetoothTopUps;
import org.dualoffline.harness.Checks;
import org.dualoffline.protocol.Money;

/** A Bluetooth card and its holder's phone: top-ups over Bluetooth LE, a link that drops, a battery that is dead, a payment relayed. */
public class BluetoothSteps {
    private final BluetoothTopUps topUps;
    private final BluetoothRelays relays;

    public BluetoothSteps(BluetoothTopUps topUps, BluetoothRelays relays) {
        this.topUps = topUps;
        this.relays = relays;
    }

    @When("{party} pays {party} {amount}, {party}'s phone relaying {party}'s Bluetooth card over Bluetooth as {relay}")
    public void relayedPayment(String payer, String payee, Long amount, String phoneHolder, String cardHolder, BluetoothRelays.Relay relay) {
        if (!phoneHolder.equals(cardHolder)) {
            throw new IllegalArgumentException("a phone relays its own holder's card");
        }
        relays.pay(payer, payee, amount, cardHolder, relay);
    }

    @Checks({"P-1-5"})
    @Then("the relayed payment is refused, and no payment command reached {party}'s secure element")
    public void relayRefused(String holder) {
        BluetoothRelays.Relayed r = relays.last();
        assertThat(r.holder()).isEqualTo(holder);
        assertThat(r.outcome().completed()).as("a payment relayed over Bluetooth (%s): %s", r.relay(), r.outcome().describe()).isFalse();
        assertThat(r.paymentCommandsPassed()).as("payment commands the card's Bluetooth link passed to %s's SE (all it passed: %s)",
                holder, r.passedToSe()).isEmpty();
        assertThat(r.after().balance()).as(holder + "'s balance").isEqualTo(r.before().balance());
        assertThat(r.after().counter()).as(holder + "'s transaction counter").isEqualTo(r.before().counter());
        assertThat(r.after().records()).as(holder + "'s log entries").isEqualTo(r.before().records());
        assertThat(r.after().held()).as(holder + "'s held value").isEqualTo(r.before().held());
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

    @When("the Bluetooth link drops at every point of a top-up of {amount} onto {party}'s Bluetooth card, and the phone gives up")
    public void dropAtEveryPointAndGiveUp(Long amount, String holder) {
        topUps.dropAtEveryPointAndGiveUp(holder, amount);
    }

    @Checks({"P-1-5", "P-5.13-6"})
    @Then("at every point the card had {amount} or none of it when the phone gave up, and the token the phone kept, sent at its next connection, brought it {amount} in all")
    public void onceOrNotAtAllThenOnce(Long amount, Long inAll) {
        List<BluetoothTopUps.GaveUpAt> tried = topUps.gaveUpCampaign();
        assertThat(tried).as("points tried: before and after each exchange of a top-up (SELECT, LOAD)").hasSizeGreaterThanOrEqualTo(4);
        boolean sawNone = false;
        boolean sawAll = false;
        for (BluetoothTopUps.GaveUpAt point : tried) {
            BluetoothTopUps.TopUp gaveUp = point.gaveUp();
            BluetoothTopUps.TopUp later = point.later();
            long first = gaveUp.balanceAfter() - gaveUp.balanceBefore();
            assertThat(first).as("the link dropping %s, the phone giving up: %s", point.drop(), gaveUp.outcome()).isIn(0L, amount);
            sawNone |= first == 0;
            sawAll |= first == amount;
            assertThat(later.balanceAfter() - gaveUp.balanceBefore()).as("the link dropping %s, then the kept token sent: %s",
                    point.drop(), later.outcome()).isEqualTo(inAll);
            assertThat(later.loadSeqAfter() - gaveUp.loadSeqBefore()).as("loads the card took, the link dropping %s", point.drop()).isEqualTo(1);
        }
        assertThat(sawNone && sawAll).as("the campaign reached both a drop before the LOAD arrived and one after it was answered").isTrue();
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
