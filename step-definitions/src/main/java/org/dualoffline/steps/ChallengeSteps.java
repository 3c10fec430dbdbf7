package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import org.dualoffline.harness.Challenges;
import org.dualoffline.harness.Checks;
import org.dualoffline.protocol.Hex;

/** The nonces wallets draw cannot be foreseen (SEC-02): the payee's challenge, and the nonce of a payment to a static tag. */
public class ChallengeSteps {
    /** The 16 bytes a reader sends in PAY to a static tag in place of a challenge (a tag has none): zeros. */
    private static final byte[] SENT_TO_TAG = new byte[16];

    private final Challenges challenges;

    public ChallengeSteps(Challenges challenges) {
        this.challenges = challenges;
    }

    @When("a reader asks {party}'s wallet for challenges to be paid by {party}: {int} after each of {int} selections, in each of {int} power-ups")
    public void askChallenges(String payee, String payer, Integer perSelection, Integer selections, Integer powerUps) {
        challenges.ask(payee, payer, powerUps, selections, perSelection);
    }

    @Checks({"P-5.8-11", "P-5.8-10"})
    @Then("the {int} challenges are all different, and none is all zeros, a small step from the one before, or the same as the others in any byte")
    public void challengesUnforeseeable(Integer count) {
        List<byte[]> drawn = challenges.drawn();
        assertThat(drawn).as("challenges drawn").hasSize(count);
        assertThat(Challenges.foreseeable(drawn, null)).as("what gives the challenges away as foreseeable: "
                + drawn.stream().map(Hex::of).toList()).isEmpty();
    }

    @Checks({"P-5.10-14", "P-3.2-3"})
    @Then("the nonces of {party}'s {int} payments to {party} are all different, and none is all zeros, the 16 bytes the reader sent, "
            + "a small step from the one before, or the same as the others in any byte")
    public void tagNoncesUnforeseeable(String payer, Integer count, String payee) {
        List<byte[]> nonces = challenges.noncesPaidTo(payer, payee);
        assertThat(nonces).as("the PAY entries to " + payee + " in " + payer + "'s records").hasSize(count);
        assertThat(Challenges.foreseeable(nonces, SENT_TO_TAG)).as("what gives the nonces away as foreseeable: "
                + nonces.stream().map(Hex::of).toList()).isEmpty();
    }
}
