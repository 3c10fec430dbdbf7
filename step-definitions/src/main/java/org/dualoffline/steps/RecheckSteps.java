package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.Rechecks;
import org.dualoffline.protocol.Sw;

/** RECEIVE checks the holding cap and the free log slot again (LIMIT-04, STOR-01). */
public class RecheckSteps {
    private final Rechecks rechecks;

    public RecheckSteps(Rechecks rechecks) {
        this.rechecks = rechecks;
    }

    @When("{party}'s wallet challenges {party} for {amount} and, before the record comes, is loaded with {amount}")
    public void capFilledInBetween(String payee, String payer, Long amount, Long load) {
        rechecks.capFilledInBetween(payee, payer, amount, load);
    }

    @When("{party}'s wallet, one log slot left, challenges {party} for {amount} and, before the record comes, is loaded into that slot")
    public void logFilledInBetween(String payee, String payer, Long amount) {
        rechecks.logFilledInBetween(payee, payer, amount);
    }

    @Checks({"P-5.9-9 | \"6914\"", "P-3.7-3 | \"6914\"", "P-5.9-10 | \"6A84\"", "P-5.9-12", "P-5.1-2", "P-5.1-8"})
    @Then("{party}'s wallet refuses {party}'s record with {string}, changing nothing, and takes it for the same challenge once it has room")
    public void refusedThenTaken(String payee, String payer, String statusWord) {
        Rechecks.Outcome o = rechecks.last();
        assertThat(o.payee() + " and " + o.payer()).as("the wallets of the last challenge").isEqualTo(payee + " and " + payer);
        assertThat(Sw.describe(o.refusedWith())).as(payee + "'s answer to " + payer + "'s genuine record, once the record no longer fits")
                .isEqualTo(Sw.describe(Integer.parseInt(statusWord, 16)));
        assertThat(o.refusalBytes()).as("data sent with the refusal").isZero();
        assertThat(o.stateKept()).as(payee + "'s GET STATUS the same after the refusal").isTrue();
        assertThat(o.committedWrites()).as("persistent writes of the refused RECEIVE that stood").isZero();
        assertThat(Sw.describe(o.afterRoom())).as("the same record for the same challenge after " + o.roomMadeBy() + ": the refusal kept "
                + "the pending receive").isEqualTo(Sw.describe(Sw.OK));
    }
}
