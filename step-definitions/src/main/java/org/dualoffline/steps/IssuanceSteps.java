package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.CommandsOutOfState;
import org.dualoffline.harness.IssuanceAttempts;
import org.dualoffline.harness.IssuanceInputs;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.protocol.WalletState;
import org.dualoffline.protocol.WalletStatus;

/**
 * The issuer's personalization station issues a new wallet and presents it wrong input on the way
 * (ISSUE-01): every wrong INITIALIZE and PERSONALIZE is refused with the status word the spec
 * fixes and changes nothing, and the right personalization still goes through.
 */
public class IssuanceSteps {
    /** The most PIN tries a wallet may have ([P-4.1-4]: 3 to 15). */
    private static final int MOST_TRIES = 15;
    private static final int FEWEST_TRIES = 3;

    private final IssuanceAttempts station;
    private final CommandsOutOfState outOfState;

    public IssuanceSteps(IssuanceAttempts station, CommandsOutOfState outOfState) {
        this.station = station;
        this.outOfState = outOfState;
    }

    @Given("the personalization station has a new card for {party}")
    public void newCard(String holder) {
        station.newCard(holder);
    }

    @Given("the personalization station has initialized a new card for {party}")
    public void initializedCard(String holder) {
        station.newCard(holder);
        station.initialize(holder);
    }

    @Given("the personalization station has personalized a new card for {party}, which has no limits yet")
    public void personalizedCard(String holder) {
        station.newCard(holder);
        station.initialize(holder);
        station.personalize(holder, org.dualoffline.harness.WalletProvisioner.DEFAULT_PIN);
    }

    @When("the station sends {party}'s card a well-formed {string}, {party} on the other side")
    public void sendOutOfState(String holder, String command, String other) {
        outOfState.send(holder, command, other);
    }

    @Checks({"P-5.7-11 | \"VERIFY PIN\"", "P-5.8-1 | \"BEGIN RECEIVE\"", "P-5.9-1 | \"RECEIVE\"", "P-5.10-1 | \"PAY",
            "P-5.11-1 | \"READ RECORD\"", "P-5.12-1 | \"APPLY SYNC ACK\"", "P-5.13-1 | \"LOAD\"", "P-5.14-1 | \"UNLOAD\"",
            "P-4-2", "P-4-4", "P-5.1-4", "P-5.1-6 | \"PAY"})
    @Then("{party}'s card refuses the {string} with {string}")
    public void refusedOutOfState(String holder, String command, String statusWords) {
        IssuanceAttempts.Attempt a = station.last(holder);
        List<String> allowed = java.util.Arrays.stream(statusWords.split(" or ")).map(w -> Sw.describe(Integer.parseInt(w.strip(), 16)))
                .toList();
        assertThat(Sw.describe(a.answer().sw())).as(holder + "'s card: " + a.describe() + "; the spec allows " + statusWords).isIn(allowed);
        assertThat(Hex.of(a.answer().data())).as("response data sent with the refusal").isEmpty();
    }

    @Checks({"P-2-6", "P-5.5-6"})
    @Then("{party}'s card and {party}'s card each answered a key of its own: two different points of P-256, neither the issuer's")
    public void keysOfTheirOwn(String first, String second) {
        byte[] a = station.enrolmentOrNull(first).certificate().publicKey();
        byte[] b = station.enrolmentOrNull(second).certificate().publicKey();
        assertThat(org.dualoffline.protocol.P256Sha256.isPoint(a)).as(first + "'s key " + Hex.of(a) + ": an uncompressed point of P-256").isTrue();
        assertThat(org.dualoffline.protocol.P256Sha256.isPoint(b)).as(second + "'s key " + Hex.of(b) + ": an uncompressed point of P-256")
                .isTrue();
        assertThat(Hex.of(a)).as(first + "'s key against " + second + "'s: each card generates its own").isNotEqualTo(Hex.of(b));
        assertThat(List.of(Hex.of(a), Hex.of(b))).as("the cards' keys against the issuer's key they were given")
                .doesNotContain(Hex.of(station.issuerKeyGiven(first)));
    }

    @When("the station initializes {party}'s card with the issuer's key")
    public void initialize(String holder) {
        station.initialize(holder);
    }

    @When("the station initializes {party}'s card with {initialization}")
    public void initializeWrongly(String holder, IssuanceInputs.Wrong wrong) {
        station.attempt(holder, wrong, null);
    }

    @When("the station initializes {party}'s card again, with another issuer's key")
    public void initializeAgain(String holder) {
        station.attempt(holder, IssuanceInputs.Wrong.INITIALIZE_AGAIN, null);
    }

    @When("the station personalizes {party}'s card with {personalization}")
    public void personalizeWrongly(String holder, IssuanceInputs.Wrong wrong) {
        station.attempt(holder, wrong, null);
    }

    @When("the station personalizes {party}'s card with the certificate of {party}'s wallet")
    public void personalizeWithAnotherWalletsCertificate(String holder, String other) {
        station.attempt(holder, IssuanceInputs.Wrong.ANOTHER_WALLETS_CERTIFICATE, other);
    }

    @When("the station personalizes {party}'s card with its own certificate and {party}'s PIN")
    public void personalize(String holder, String pinHolder) {
        if (!pinHolder.equals(holder)) {
            throw new IllegalArgumentException("the station personalizes " + holder + "'s card with " + holder + "'s PIN, not " + pinHolder + "'s");
        }
        station.personalize(holder, org.dualoffline.harness.WalletProvisioner.DEFAULT_PIN);
    }

    @When("the station personalizes {party}'s card with its own certificate and the PIN {word}")
    public void personalizeWithPin(String holder, String pin) {
        station.personalize(holder, pin);
    }

    @When("the station personalizes {party}'s issued card again, with a PIN of its own")
    public void personalizeAgain(String holder) {
        station.attempt(holder, IssuanceInputs.Wrong.PERSONALIZE_AGAIN, null);
    }

    @When("the station checks {party}'s PIN on the card")
    public void checkPin(String holder) {
        station.verifyPin(holder, null);
    }

    @When("the station checks the PIN {word} on {party}'s card")
    public void checkPin(String pin, String holder) {
        station.verifyPin(holder, pin);
    }

    @When("the station selects {party}'s card again")
    public void selectAgain(String holder) {
        station.selectAgain(holder);
    }

    @When("{party}'s card gets its first limits from the issuer and is loaded with {amount}")
    public void activateAndLoad(String holder, Long amount) {
        station.activateAndLoad(holder, amount);
    }

    @Checks({"P-5.5-3 | the key is not 65 bytes", "P-5.5-4 | the key does not start with 04", "P-5.5-2 | its parameters are not 00 00",
            "P-5.1-11 | its parameters are not 00 00", "P-5.5-1 | it is already initialized", "P-4-2 | it is already initialized"})
    @Then("{party}'s card refuses to be initialized because {initializationRefusal}")
    public void refusedToBeInitialized(String holder, IssuanceInputs.Reason reason) {
        assertRefused(holder, reason);
    }

    @Checks({"P-5.6-9 | the certificate is not signed by its issuer", "P-3.1-1 | the certificate is not signed by its issuer",
            "P-2-5 | the certificate is not signed by its issuer", "P-5.6-10 | the certificate is for another wallet's key",
            "P-5.6-6 | the PIN is not 4 to 8 digits", "P-4.1-5 | the PIN is not 4 to 8 digits", "P-5.6-8 | a PIN byte is not a digit's value",
            "P-4.1-5 | a PIN byte is not a digit's value", "P-5.6-3 | the data is too short", "P-5.6-5 | the data ends before the PIN length",
            "P-5.6-7 | the lengths do not add up", "P-5.6-4 | the certificate's signature header is wrong",
            "P-5.1-4 | the certificate's signature header is wrong", "P-5.6-2 | its parameters are not 00 00",
            "P-5.1-11 | its parameters are not 00 00", "P-5.6-1 | it is already personalized", "P-4-2 | it is already personalized"})
    @Then("{party}'s card refuses to be personalized because {personalizationRefusal}")
    public void refusedToBePersonalized(String holder, IssuanceInputs.Reason reason) {
        assertRefused(holder, reason);
    }

    private void assertRefused(String holder, IssuanceInputs.Reason reason) {
        IssuanceAttempts.Attempt a = station.last(holder);
        if (a.wrong().reason != reason) {
            throw new IllegalStateException("the scenario says " + holder + "'s card refuses because " + reason.words
                    + ", but the station's last input, " + a.wrong().words + ", fails another check: " + a.wrong().reason.words);
        }
        List<String> allowed = a.wrong().allowed.stream().sorted().map(Sw::describe).toList();
        assertThat(Sw.describe(a.answer().sw())).as(holder + "'s card: " + a.describe() + "; the spec allows " + a.wrong().describeAllowed())
                .isIn(allowed);
        assertThat(Hex.of(a.answer().data())).as("response data sent with the refusal").isEmpty();
    }

    @Checks({"P-5.1-2", "P-3.6-3", "P-3.6-4", "P-3.6-15", "P-3.6-16", "P-5.3-2", "P-5.4-1 | a new card", "P-5.4-1 | initialized and not issued"})
    @Then("nothing on {party}'s card changed: it is still {issuanceStage}")
    public void nothingChanged(String holder, WalletState stage) {
        IssuanceAttempts.Attempt a = station.last(holder);
        assertThat(Hex.of(a.statusAfter())).as("GET STATUS of " + holder + "'s card after " + a.describe() + ", against just before it")
                .isEqualTo(Hex.of(a.statusBefore()));
        if (a.committedWrites() != null) {
            assertThat(a.committedWrites()).as("persistent writes of the refused command that stand (the runtime's journal)").isZero();
        }
        WalletStatus s = WalletStatus.decode(a.statusAfter());
        assertThat(s.state()).as(holder + "'s wallet state").isEqualTo(stage);
        if (stage == WalletState.PERSONALIZED) {
            Certificate c = station.issuedCertificate(holder);
            assertThat(s.walletId()).as(holder + "'s walletId").isEqualTo(c.walletId());
            assertThat(s.pinTriesRemaining()).as(holder + "'s PIN tries remaining").isEqualTo(station.tryLimit(holder));
            if (s.counter() == 0) {
                assertThat(Hex.of(s.lastHash())).as("hash of the last entry while the counter is 0: H(certificate body)")
                        .isEqualTo(Hex.of(c.chainGenesis()));
            }
        } else {
            assertThat(s.walletId()).as(holder + "'s walletId before personalization").isEqualTo(WalletId.NONE);
            assertThat(s.pinTriesRemaining()).as(holder + "'s PIN tries remaining before personalization").isZero();
            assertThat(Hex.of(s.lastHash())).as("hash of the last entry before personalization").isEqualTo(Hex.of(new byte[32]));
            IssuanceAttempts.Answer certificate = station.certificateAnswer(holder);
            assertThat(Sw.describe(certificate.sw())).as("GET CERTIFICATE before the card is personalized")
                    .isEqualTo(Sw.describe(Sw.CONDITIONS_NOT_SATISFIED));
        }
    }

    @Checks({"P-5.6-11", "P-3.6-3", "P-3.6-4", "P-3.6-15", "P-3.6-16", "P-4.1-4", "P-5.4-3"})
    @Then("{party}'s card is issued with its own certificate and all its PIN tries")
    public void issued(String holder) {
        WalletStatus s = station.status(holder);
        Certificate c = station.issuedCertificate(holder);
        assertThat(s.state()).as(holder + "'s wallet state after PERSONALIZE").isEqualTo(WalletState.PERSONALIZED);
        assertThat(s.walletId()).as(holder + "'s walletId after PERSONALIZE: the certificate's").isEqualTo(c.walletId());
        assertThat(s.counter()).as(holder + "'s counter: no entry written yet").isZero();
        assertThat(s.records()).as(holder + "'s records in the log").isZero();
        assertThat(s.balance()).as(holder + "'s balance").isZero();
        assertThat(Hex.of(s.lastHash())).as("hash of the last entry while the counter is 0: H(certificate body)")
                .isEqualTo(Hex.of(c.chainGenesis()));
        assertThat(station.tryLimit(holder)).as(holder + "'s PIN tries right after PERSONALIZE: the try limit, 3 to 15")
                .isBetween(FEWEST_TRIES, MOST_TRIES);
        assertThat(s.pinTriesRemaining()).as(holder + "'s PIN tries remaining").isEqualTo(station.tryLimit(holder));
        IssuanceAttempts.Answer certificate = station.certificateAnswer(holder);
        assertThat(Sw.describe(certificate.sw())).as("GET CERTIFICATE after PERSONALIZE").isEqualTo(Sw.describe(Sw.OK));
        assertThat(Hex.of(certificate.data())).as("the certificate " + holder + "'s card answers: the one PERSONALIZE gave it")
                .isEqualTo(Hex.of(c.encode()));
    }

    @Checks({"P-5.7-5", "P-5.6-11", "P-3.6-15"})
    @Then("{party}'s card accepts the PIN and still has all its PIN tries")
    public void acceptsPin(String holder) {
        assertThat(Sw.describe(station.lastPinAnswer(holder))).as("VERIFY PIN with the PIN the station personalized")
                .isEqualTo(Sw.describe(Sw.OK));
        assertThat(station.triesAfterPin(holder)).as(holder + "'s PIN tries after the right PIN").isEqualTo(station.tryLimit(holder));
    }

    @Checks({"P-5.2-1", "P-5.2-2", "P-5.2-3", "P-5.3-2"})
    @Then("{party}'s card answers the SELECT with 9000 in state {walletState}, and the SELECT changed nothing on it")
    public void selected(String holder, WalletState state) {
        IssuanceAttempts.Selection s = station.lastSelection(holder);
        assertThat(Sw.describe(s.answer().sw())).as("SELECT of " + holder + "'s wallet with its full AID, in state " + state)
                .isEqualTo(Sw.describe(Sw.OK));
        assertThat(WalletStatus.decode(s.statusAfter()).state()).as(holder + "'s wallet state").isEqualTo(state);
        assertThat(Hex.of(s.statusAfter())).as("GET STATUS of " + holder + "'s card after the SELECT, against just before it")
                .isEqualTo(Hex.of(s.statusBefore()));
        if (s.committedWrites() != null) {
            assertThat(s.committedWrites()).as("persistent writes of the SELECT that stand (the runtime's journal)").isZero();
        }
    }
}
