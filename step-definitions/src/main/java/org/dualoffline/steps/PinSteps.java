package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.PinAttack;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.protocol.Sw;

/**
 * Attacks on the PIN: guessing it while cutting the power, as a thief with a card in a reader
 * of their own would, to win back the try each wrong guess costs.
 */
public class PinSteps {
    private final ScenarioContext context;
    private final WalletInspector inspector;
    private final PinAttack attack;

    public PinSteps(ScenarioContext context, WalletInspector inspector, PinAttack attack) {
        this.context = context;
        this.inspector = inspector;
        this.attack = attack;
    }

    @When("{party} guesses {party}'s PIN wrongly as many times as the card allows, cutting the power after each guess")
    public void wrongPinsWithPowerCuts(String attacker, String holder) {
        attack.guessWronglyCuttingPower(attacker, holder);
    }

    @When("{party} guesses {party}'s PIN wrongly, cutting the power at each write the card makes for the guess")
    public void wrongPinsCutInside(String attacker, String holder) {
        attack.guessWronglyCuttingInside(attacker, holder);
    }

    @Checks({"P-5.7-2", "P-5.7-3"})
    @Then("the card records a wrong guess in its persistent memory, and no guess cut short before that tells whether the PIN was right")
    public void noFreeAnswers() {
        assertThat(attack.writesOfAWrongGuess()).as("persistent writes of a wrong VERIFY PIN: the try must be recorded").isPositive();
        assertThat(attack.freeAnswers()).as("guesses cut inside the command that told the thief something without costing a try").isEmpty();
    }

    @When("{party} enters the right PIN on {party}'s card")
    public void rightPin(String who, String holder) {
        attack.enterRightPin(who, holder);
    }

    @Checks({"P-5.7-3", "P-5.7-6", "P-5.7-16"})
    @Then("each wrong guess cost a try")
    public void eachGuessCostATry() {
        assertThat(attack.triesBefore()).as("PIN tries the card had before the attack").isPositive();
        List<Integer> answers = attack.answers();
        List<Set<Integer>> allowed = attack.allowedAnswersIfEachGuessCostATry();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < allowed.size(); i++) {
            Integer answer = i < answers.size() ? answers.get(i) : null;
            if (answer == null || !allowed.get(i).contains(answer)) {
                wrong.add("guess " + (i + 1) + " was answered " + (answer == null ? "nothing" : Sw.describe(answer)) + ", allowed: "
                        + allowed.get(i).stream().sorted().map(Sw::describe).toList());
            }
        }
        assertThat(wrong).as("the card's answers to the wrong guesses, the power cut after each: "
                + answers.stream().map(Sw::describe).toList()).isEmpty();
    }

    @Checks({"P-3.6-15", "P-5.7-3"})
    @Then("{party}'s card has no PIN tries left")
    public void noTriesLeft(String holder) {
        assertThat(inspector.status(context.party(holder)).pinTriesRemaining()).as(holder + "'s PIN tries remaining").isZero();
    }

    @Checks({"P-5.7-13", "P-5.1-7"})
    @Then("the card refuses the right PIN because the PIN is blocked")
    public void rightPinBlocked() {
        assertThat(Sw.describe(attack.rightPinAnswer())).as("the card's answer to the right PIN").isEqualTo(Sw.describe(Sw.PIN_BLOCKED));
    }
}
