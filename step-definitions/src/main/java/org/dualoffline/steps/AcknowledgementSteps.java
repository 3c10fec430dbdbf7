package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import org.dualoffline.harness.AckAttacks;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.Payments;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletStatus;

/**
 * A wallet applies only its own, genuine, current sync acknowledgement (SYNC-06): acknowledgements
 * the issuer signed but for another wallet, another state or in another form are refused and
 * change nothing; the current one presented again is taken and changes nothing.
 */
public class AcknowledgementSteps {
    private final ScenarioContext context;
    private final WalletInspector inspector;
    private final AckAttacks attacks;
    private final Payments payments;
    private List<Integer> roundAnswers = List.of();

    public AcknowledgementSteps(ScenarioContext context, WalletInspector inspector, AckAttacks attacks, Payments payments) {
        this.context = context;
        this.inspector = inspector;
        this.attacks = attacks;
        this.payments = payments;
    }

    @When("a reader gives {party}'s wallet an acknowledgement the issuer signed for {party}'s wallet")
    public void forAnotherWallet(String holder, String other) {
        attacks.forAnotherWallet(holder, other);
    }

    @When("a reader gives {party}'s wallet an acknowledgement the issuer signed for one record more than the wallet has written")
    public void beyondCounter(String holder) {
        attacks.beyondCounter(holder);
    }

    @When("a reader gives {party}'s wallet an acknowledgement the issuer signed for the records its last sync acknowledged, with the hash of a later record")
    public void lastAckedWithLaterHash(String holder) {
        attacks.lastAckedWithLaterHash(holder);
    }

    @When("a reader gives {party}'s wallet an acknowledgement the issuer signed with {int} wallets to blocklist")
    public void blocklistEntries(String holder, Integer entries) {
        attacks.blocklistEntries(holder, entries, null);
    }

    @When("{party}'s wallet is given an acknowledgement the issuer signed with {int} wallets to blocklist, {party}'s the last of them")
    public void blocklistEntriesEndingWith(String holder, Integer entries, String last) {
        attacks.blocklistEntries(holder, entries, last);
    }

    @When("{party}'s wallet syncs three times and is given {int}, {int} and {int} wallets to blocklist, {party}'s number {int} of them")
    public void blocklistRounds(String holder, Integer first, Integer second, Integer third, String party, Integer position) {
        roundAnswers = attacks.blocklistRounds(holder, new int[] {first, second, third}, party, position);
    }

    @Checks({"P-5.12-11"})
    @Then("the wallet takes every one of those acknowledgements")
    public void takesEveryRound() {
        assertThat(roundAnswers).as("the acknowledgements presented in turn").isNotEmpty();
        assertThat(roundAnswers.stream().map(Sw::describe).toList()).as("the wallet's answer to each of them")
                .allMatch(a -> a.equals(Sw.describe(Sw.OK)));
    }

    @Checks({"P-3.4-2", "P-5.10-7"})
    @Then("{party}'s wallet still refuses to pay {party}, the oldest of the 32 newest wallets it was told to blocklist")
    public void stillRefusesOldest(String holder, String oldest) {
        var outcome = payments.pay(holder, oldest, 1_000);
        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(org.dualoffline.devices.PaymentOutcome.Status.REFUSED);
        assertThat(Sw.describe(outcome.sw())).as("why " + holder + "'s wallet refused (it must keep the 32 newest entries [P-3.4-2])")
                .isEqualTo(Sw.describe(Sw.BLOCKLISTED_PEER));
    }

    @When("{party}'s phone uploads the wallet's records and holds back the bank's acknowledgement")
    public void uploadHoldingBack(String holder) {
        attacks.uploadHoldingBackTheAck(holder);
    }

    @When("{party}'s phone gives the wallet the acknowledgement it held back")
    public void presentHeldBack(String holder) {
        attacks.presentHeldBackAck(holder);
    }

    @When("a reader gives {party}'s wallet an acknowledgement the issuer signed with receive policy {int}")
    public void receivePolicy(String holder, Integer policy) {
        attacks.receivePolicy(holder, policy);
    }

    @When("a reader gives {party}'s wallet the issuer's acknowledgement for it cut off after {int} bytes")
    public void cutAfter(String holder, Integer length) {
        attacks.cutAfter(holder, length);
    }

    @When("a reader gives {party}'s wallet the issuer's acknowledgement for it with its signature cut to {int} bytes")
    public void signatureCut(String holder, Integer length) {
        attacks.signatureCutTo(holder, length);
    }

    @When("a reader gives {party}'s wallet the issuer's acknowledgement for it with its signature padded to {int} bytes")
    public void signaturePadded(String holder, Integer length) {
        attacks.signaturePaddedTo(holder, length);
    }

    @When("{party}'s phone presents the acknowledgement of the earlier sync to the wallet")
    public void earlierSync(String holder) {
        attacks.earlierSyncAck(holder);
    }

    @When("{party}'s phone presents the acknowledgement of the last sync to the wallet again")
    public void lastSyncAgain(String holder) {
        attacks.lastSyncAckAgain(holder);
    }

    @When("a reader gives {party}'s wallet the acknowledgement of {party}'s last sync")
    public void ackOfLastSyncOf(String holder, String other) {
        attacks.ackOfLastSyncOf(holder, other);
    }

    @Checks({"P-5.12-7 | it is for another wallet", "P-5.12-9 | it is older than the one the wallet applied last",
        "P-5.12-9 | a record the wallet has not written", "P-5.1-4 | a record the wallet has not written",
        "P-5.12-10 | it does not match the wallet's own records", "P-5.12-4 | more than 12 wallets to blocklist",
        "P-5.12-6 | its receive policy is neither 01 nor 02", "P-3.3-1 | its receive policy is neither 01 nor 02",
        "P-5.12-3 | shorter than 74 bytes", "P-5.1-4 | shorter than 74 bytes",
        "P-5.12-5 | its signature is not 8 to 72 bytes long", "P-5.1-4 | its signature is not 8 to 72 bytes long"})
    @Then("the wallet refuses the acknowledgement because {ackRefusal}")
    public void refused(AckRefusal why) {
        AckAttacks.Presented p = attacks.last();
        List<String> allowed = why.allowed().stream().map(Sw::describe).toList();
        assertThat(Sw.describe(p.answer())).as(p.holder() + "'s wallet's answer to " + p.what() + ": the spec refuses it with "
                + String.join(" or ", allowed) + " (" + why.clauses() + ")").isIn(allowed);
    }

    @Checks({"P-5.1-2"})
    @Then("{party}'s wallet is just as it was before the acknowledgement")
    public void unchangedByRefusal(String holder) {
        assertUnchanged(holder);
    }

    @Checks({"P-5.12-4"})
    @Then("the wallet takes the acknowledgement with {int} wallets to blocklist")
    public void takenWithEntries(Integer entries) {
        AckAttacks.Presented p = attacks.last();
        assertThat(p.ack()[73] & 0xFF).as("blocklist entries in the acknowledgement presented").isEqualTo(entries);
        assertThat(Sw.describe(p.answer())).as(p.holder() + "'s wallet's answer to " + p.what() + " (at most 12 entries: [P-5.12-4])")
                .isEqualTo(Sw.describe(Sw.OK));
    }

    @Checks({"P-5.12-11", "P-5.12-9"})
    @Then("the wallet takes that acknowledgement")
    public void taken() {
        AckAttacks.Presented p = attacks.last();
        assertThat(Sw.describe(p.answer())).as(p.holder() + "'s wallet's answer to " + p.what()).isEqualTo(Sw.describe(Sw.OK));
    }

    @Checks({"P-5.12-12"})
    @Then("the wallet takes the acknowledgement again")
    public void takenAgain() {
        AckAttacks.Presented p = attacks.last();
        assertThat(Sw.describe(p.answer())).as(p.holder() + "'s wallet's answer to " + p.what() + " ([P-5.12-12])")
                .isEqualTo(Sw.describe(Sw.OK));
    }

    @Checks({"P-5.12-12"})
    @Then("{party}'s wallet is just as it was before it took the acknowledgement again")
    public void unchangedByCurrentAck(String holder) {
        assertUnchanged(holder);
    }

    @Checks({"P-3.6-12", "P-3.6-14", "P-3.6-17"})
    @Then("{party}'s wallet reports the acknowledgement of its last sync as the last one it applied")
    public void reportsLastAck(String holder) {
        SyncAck ack = context.lastAck(holder).orElseThrow(() -> new IllegalStateException(holder + "'s wallet has not synced in this scenario"));
        WalletStatus s = inspector.status(context.party(holder));
        assertThat(s.ackCounter()).as(holder + "'s last ackCounter (GET STATUS offset 59)").isEqualTo(ack.ackCounter());
        assertThat(s.blocklistSeq()).as(holder + "'s blocklistSeq (GET STATUS offset 96)").isEqualTo(ack.blocklistSeq());
        assertThat(s.limits()).as(holder + "'s limits (GET STATUS offset 32)").isEqualTo(ack.limits());
    }

    /** The wallet's whole GET STATUS is what it was just before the last acknowledgement was presented. */
    private void assertUnchanged(String holder) {
        AckAttacks.Presented p = attacks.last();
        if (!p.holder().equals(holder)) {
            throw new IllegalStateException("the last acknowledgement was presented to " + p.holder() + "'s wallet, not " + holder + "'s");
        }
        assertThat(AckAttacks.differences(p.statusBefore(), attacks.statusNow(holder)))
                .as(holder + "'s GET STATUS after " + p.what() + " (answered " + Sw.describe(p.answer()) + ") against just before it")
                .isEmpty();
    }
}
