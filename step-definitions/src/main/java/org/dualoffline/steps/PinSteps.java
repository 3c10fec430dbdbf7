package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.ArrayList;
import java.util.List;
import org.dualoffline.harness.NotApplicable;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.harness.WalletProvisioner;
import org.dualoffline.protocol.Sw;
import org.dualoffline.se.Tearable;

/**
 * Attacks on the PIN: guessing it while cutting the power, as a thief with a card in a reader
 * of their own would, to win back the try each wrong guess costs.
 */
public class PinSteps {
    /** A PIN that is never the one the harness personalizes ({@link WalletProvisioner#DEFAULT_PIN}). */
    static final String WRONG_PIN = "9999";

    private final ScenarioContext context;
    private final WalletInspector inspector;
    /** The status word of each guess, in order. */
    private final List<Integer> guesses = new ArrayList<>();
    private int lastSw = -1;
    private int triesBefore;

    public PinSteps(ScenarioContext context) {
        this.context = context;
        this.inspector = new WalletInspector(context);
    }

    @When("{party} guesses {party}'s PIN wrongly as many times as the card allows, cutting the power after each guess")
    public void wrongPinsWithPowerCuts(String attacker, String holder) {
        Party p = context.party(holder);
        if (!(p.device().secureElement() instanceof Tearable se)) {
            throw new NotApplicable("the harness cannot cut the power of "
                    + p.device().secureElement().describe());
        }
        triesBefore = inspector.status(p).pinTriesRemaining();
        assertThat(triesBefore).as(holder + "'s PIN tries before the attack").isPositive();
        for (int i = 1; i <= triesBefore; i++) {
            String guess = attacker + " enters a wrong PIN on " + holder + "'s card (guess " + i + "), then cuts the power";
            guesses.add(inspector.statusWordOf(p, guess, w -> w.verifyPin(WRONG_PIN)));
            se.tear();
        }
    }

    @When("{party} enters the right PIN on {party}'s card")
    public void rightPin(String who, String holder) {
        lastSw = inspector.statusWordOf(context.party(holder), who + " enters the right PIN on " + holder + "'s card",
                w -> w.verifyPin(WalletProvisioner.DEFAULT_PIN));
    }

    @Then("each wrong guess cost a try")
    public void eachGuessCostATry() {
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= triesBefore; i++) {
            expected.add(Sw.describe(0x63C0 | (triesBefore - i)));
        }
        assertThat(guesses.stream().map(Sw::describe).toList()).as("the card's answer to each wrong guess, the power cut after each")
                .isEqualTo(expected);
    }

    @Then("{party}'s card has no PIN tries left")
    public void noTriesLeft(String holder) {
        assertThat(inspector.status(context.party(holder)).pinTriesRemaining()).as(holder + "'s PIN tries remaining").isZero();
    }

    @Then("the card refuses the right PIN because the PIN is blocked")
    public void rightPinBlocked() {
        assertThat(Sw.describe(lastSw)).as("the card's answer to the right PIN").isEqualTo(Sw.describe(Sw.PIN_BLOCKED));
    }
}
