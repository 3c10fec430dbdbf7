package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import java.util.Arrays;
import java.util.List;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.SignatureForm;
import org.dualoffline.harness.robustness.RefusalTable;
import org.dualoffline.harness.robustness.SignedInputs;
import org.dualoffline.protocol.Sw;

/** The refusals of the spec's check tables, one check failing at a time (ROBUST-02). */
public class RefusalSteps {
    private final ScenarioContext context;
    private final RefusalTable table;
    private final SignedInputs signed;

    public RefusalSteps(ScenarioContext context, RefusalTable table, SignedInputs signed) {
        this.context = context;
        this.table = table;
        this.signed = signed;
    }

    @Checks({"P-5.10-2 | \"PAY\" with \"P1 P2", "P-5.10-3 | \"PAY\" with \"one byte", "P-5.10-4 | \"PAY\" with \"amount zero",
            "P-3.7-10 | \"PAY\" with \"amount zero", "P-5.10-6 | \"PAY\" with \"its own certificate",
            "P-5.10-5 | \"PAY\" with \"a byte of the signature", "P-5.8-5 | \"BEGIN RECEIVE\" with \"a byte of the signature",
            "P-5.7-15 | \"VERIFY PIN\" with \"a byte that is not a digit",
            "P-5.1-6 | \"PAY\" with \"P1 P2 02 00 and an amount above every limit",
            "P-5.10-2 | \"PAY to a tag\" with \"P1 P2", "P-5.10-4 | \"PAY to a tag\" with \"amount zero",
            "P-5.8-2 | \"BEGIN RECEIVE\" with \"P1 P2", "P-5.8-3 | \"BEGIN RECEIVE\" with \"one byte",
            "P-5.8-4 | \"BEGIN RECEIVE\" with \"amount zero", "P-3.7-11 | \"BEGIN RECEIVE\" with \"amount zero",
            "P-5.8-6 | \"BEGIN RECEIVE\" with \"its own certificate",
            "P-5.9-2 | \"RECEIVE\" with \"P1 P2", "P-5.9-4 | \"RECEIVE\" with \"one byte", "P-5.9-3 | \"RECEIVE\" with \"no pending receive",
            "P-4.2-1 | \"RECEIVE\" with \"no pending receive", "P-5.2-3 | \"RECEIVE\" with \"no pending receive",
            "P-5.9-12 | \"RECEIVE\" with \"P1 P2", "P-5.9-12 | \"RECEIVE\" with \"one byte", "P-5.9-12 | \"RECEIVE\" with \"a byte of the signature",
            "P-5.1-8 | \"RECEIVE\" with \"a byte of the signature", "P-5.9-8 | \"RECEIVE\" with \"a byte of the signature",
            "P-5.14-2 | \"UNLOAD\" with \"P1 P2", "P-5.14-3 | \"UNLOAD\" with \"one byte", "P-5.14-4 | \"UNLOAD\" with \"amount zero",
            "P-3.7-13 | \"UNLOAD\" with \"amount zero",
            "P-5.13-2 | \"LOAD\" with \"P1 P2", "P-5.13-4 | \"LOAD\" with \"an issuer-signed token",
            "P-3.7-12 | \"LOAD\" with \"an issuer-signed token with amount zero", "P-5.13-3 | \"LOAD\" with \"one byte", "P-5.13-7 | \"LOAD\" with \"a byte of the issuer's signature",
            "P-5.7-12 | \"VERIFY PIN\" with \"P1 P2", "P-5.12-2 | \"APPLY SYNC ACK\" with \"P1 P2",
            "P-5.12-12 | \"APPLY SYNC ACK\" with", "P-5.7-14 | \"VERIFY PIN\" with \"one byte", "P-5.3-1 | \"GET STATUS\" with \"P1 P2",
            "P-5.4-2 | \"GET CERTIFICATE\" with \"P1 P2", "P-5.11-4 | \"READ RECORD\" with \"P2 01 on a record",
            "P-5.11-2 | \"READ RECORD\" with \"P1 P2", "P-5.5-1 | \"INITIALIZE\" with \"state ACTIVE", "P-5.6-1 | \"PERSONALIZE\" with \"state ACTIVE",
            "P-2-7 | certificate of suite 02", "P-2-2 | key in the hybrid encoding", "P-5.8-5 | \"BEGIN RECEIVE\" with \"a certificate",
            "P-5.10-5 | \"PAY\" with \"a certificate", "P-3.7-9 | amount zero",
            "P-5.1-1", "P-5.1-2", "P-5.1-4"})
    @Then("a reader's {string} with {string} is refused by {party}'s wallet with {string}, which changes nothing and still takes the genuine command")
    public void refusedOneCheckAtATime(String command, String change, String holder, String statusWords) {
        String peer = context.parties().stream().map(Party::name).filter(n -> !n.equals(holder)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the probe needs a second party for the other side of the command"));
        List<Integer> allowed = allowed(statusWords);
        RefusalTable.Probe probe = table.probe(holder, peer, command, change);

        assertThat(allowed).as(command + " with " + change + ": the answer " + Sw.describe(probe.sw()) + ", allowed " + statusWords)
                .contains(probe.sw());
        assertThat(probe.answerBytes()).as("data sent with the refusal").isZero();
        assertThat(probe.stateKept()).as(holder + "'s GET STATUS the same after the refusal").isTrue();
        assertThat(probe.committedWrites()).as("persistent writes of the refused command that stood").isZero();
        if (probe.genuineSw() >= 0) {
            assertThat(Sw.describe(probe.genuineSw())).as("the genuine " + command + " sent right after").isEqualTo(Sw.describe(Sw.OK));
        }
    }

    @Checks({"P-5.9-5 | \"of another type\"", "P-5.9-5 | \"of version 02\"", "P-5.9-7 | \"for another payee\"",
            "P-5.9-6 | \"for one fen more\"", "P-5.9-6 | \"for another challenge\"", "P-5.9-6 | \"in another payer's name\"",
            "P-5.9-6 | \"for amount zero\"", "P-3.7-14 | \"for amount zero\"", "P-5.9-12", "P-5.1-8", "P-5.1-1", "P-5.1-2"})
    @Then("{party}'s wallet refuses the record from {party}'s broken wallet {string} with {string}, which changes nothing and still takes the genuine record")
    public void refusesSignedRecord(String holder, String payer, String change, String statusWords) {
        RefusalTable.Probe probe = signed.probeRecord(holder, payer, change);

        assertThat(allowed(statusWords)).as("a record " + change + " signed by its payer: the answer " + Sw.describe(probe.sw()) + ", allowed "
                + statusWords).contains(probe.sw());
        assertThat(probe.answerBytes()).as("data sent with the refusal").isZero();
        assertThat(probe.stateKept()).as(holder + "'s GET STATUS the same after the refusal").isTrue();
        assertThat(probe.committedWrites()).as("persistent writes of the refused RECEIVE that stood").isZero();
        assertThat(Sw.describe(probe.genuineSw())).as("the genuine record for the same challenge, sent right after: the refusal kept the "
                + "pending receive").isEqualTo(Sw.describe(Sw.OK));
    }

    @Checks({"P-2-3", "P-4.1-6 | short signature", "P-5-6"})
    @Then("{party}'s wallet takes {string} with {party} on the other side, signed {string}")
    public void takesEverySignatureForm(String holder, String command, String peer, String form) {
        SignatureForm f = SignatureForm.of(form);
        SignedInputs.Taken taken = signed.taken(holder, peer, command, f);

        assertThat(Sw.describe(taken.sw())).as(command + " whose signature is valid, " + taken.signatureBytes() + " bytes " + form)
                .isEqualTo(Sw.describe(Sw.OK));
        int expected = switch (command) {
            case "BEGIN RECEIVE" -> 16;
            case "APPLY SYNC ACK" -> 0;
            default -> -1; // a signed entry: 110 bytes and the wallet's signature
        };
        if (expected >= 0) {
            assertThat(taken.answerBytes()).as("the bytes of the answer to " + command).isEqualTo(expected);
        } else {
            assertThat(taken.answerBytes()).as("the wallet's signed entry in answer to " + command).isBetween(110 + 8, 110 + 72);
        }
        if (f == SignatureForm.SHORT) {
            assertThat(taken.signatureBytes()).as("the short signature the harness made").isLessThanOrEqualTo(69);
        }
    }

    private static List<Integer> allowed(String statusWords) {
        return Arrays.stream(statusWords.split(" or ")).map(w -> Integer.parseInt(w.strip(), 16)).toList();
    }
}
