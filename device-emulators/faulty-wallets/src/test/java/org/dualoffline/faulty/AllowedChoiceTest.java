package org.dualoffline.faulty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.dualoffline.devices.LocalIssuance;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.Seeds;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.JcardsimSecureElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each known-good wallet makes its choice, and only that one, as its jar is certified: from a jar, in its own class loader. */
class AllowedChoiceTest {
    private final Issuer issuer = Issuer.generate(Seeds.secureRandom(3));

    @TempDir
    Path dir;

    private WalletClient issued(AllowedChoice choice) throws IOException {
        Path jar = dir.resolve(choice.id + ".jar");
        FaultyWalletBuilder.write(choice, jar);
        byte[] install = choice.installParameters == null ? null : Hex.parse(choice.installParameters);
        JcardsimSecureElement se = new JcardsimSecureElement(choice.id, AppletSource.fromJar(jar, choice.appletClass()),
                WalletCommands.REFERENCE_AID, install, 7);
        WalletClient w = new WalletClient(se, WalletCommands.REFERENCE_AID);
        LocalIssuance.issue(w, issuer, new WalletId(42), FormFactor.CARD, Limits.defaults(), 10_000);
        return w;
    }

    /** The answer to each wrong guess until the card answers 6983, and one more. */
    private static List<Integer> guessUntilBlocked(WalletClient w) {
        List<Integer> answers = new ArrayList<>();
        while (answers.isEmpty() || answers.get(answers.size() - 1) != Sw.PIN_BLOCKED) {
            answers.add(w.send(WalletCommands.verifyPin("9999")).sw());
            if (answers.size() > 20) {
                break;
            }
        }
        answers.add(w.send(WalletCommands.verifyPin(LocalIssuance.PIN)).sw());
        return answers;
    }

    @Test
    void theLogCapacityIsTheOneTheInstallDataAsksFor() throws IOException {
        assertThat(issued(AllowedChoice.LOG_CAPACITY_64).status().capacity()).isEqualTo(64);
        assertThat(issued(AllowedChoice.LOG_CAPACITY_16).status().capacity()).isEqualTo(16);
    }

    @Test
    void morePinTriesAreReportedAndCountedDown() throws IOException {
        WalletClient five = issued(AllowedChoice.PIN_TRIES_5);
        assertThat(five.status().pinTriesRemaining()).isEqualTo(5);
        assertThat(guessUntilBlocked(five)).containsExactly(Sw.pinWrong(4), Sw.pinWrong(3), Sw.pinWrong(2), Sw.pinWrong(1),
                Sw.pinWrong(0), Sw.PIN_BLOCKED, Sw.PIN_BLOCKED);
        assertThat(issued(AllowedChoice.PIN_TRIES_15).status().pinTriesRemaining()).isEqualTo(15);
    }

    @Test
    void theGuessThatUsesUpTheLastTryIsAnsweredPinBlockedAndTheOthersAsBefore() throws IOException {
        WalletClient w = issued(AllowedChoice.PIN_BLOCKED_ON_LAST_TRY);

        assertThat(guessUntilBlocked(w)).containsExactly(Sw.pinWrong(2), Sw.pinWrong(1), Sw.PIN_BLOCKED, Sw.PIN_BLOCKED);
        assertThat(w.status().pinTriesRemaining()).isZero();
    }

    @Test
    void theBalanceWrittenByteByByteIsTheSameBalanceWithThreeWritesMorePerCommand() throws IOException {
        JcardsimSecureElement reference = new JcardsimSecureElement("reference", AppletSource.ofClass(FaultyWalletBuilder.APPLET.replace('/', '.')),
                WalletCommands.REFERENCE_AID, null, 7);
        WalletClient ref = new WalletClient(reference, WalletCommands.REFERENCE_AID);
        LocalIssuance.issue(ref, issuer, new WalletId(42), FormFactor.CARD, Limits.defaults(), 10_000);
        ref.unload(2_500);
        int referenceWrites = reference.lastCommittedWrites();

        Path jar = dir.resolve("balance.jar");
        FaultyWalletBuilder.write(AllowedChoice.BALANCE_BYTE_BY_BYTE, jar);
        JcardsimSecureElement se = new JcardsimSecureElement("balance", AppletSource.fromJar(jar, AllowedChoice.BALANCE_BYTE_BY_BYTE.appletClass()),
                WalletCommands.REFERENCE_AID, null, 7);
        WalletClient w = new WalletClient(se, WalletCommands.REFERENCE_AID);
        LocalIssuance.issue(w, issuer, new WalletId(42), FormFactor.CARD, Limits.defaults(), 10_000);
        assertThat(w.status().balance()).isEqualTo(10_000);
        w.unload(2_500);
        int writes = se.lastCommittedWrites();

        assertThat(writes).as("writes of the unload, against the reference's " + referenceWrites).isEqualTo(referenceWrites + 3);
        assertThat(w.status().balance()).isEqualTo(7_500);
    }

    @Test
    void theVendorPackageWalletHasNoClassWhereTheReferenceKeepsIts() throws IOException {
        WalletClient w = issued(AllowedChoice.VENDOR_PACKAGE);

        assertThat(w.status().balance()).isEqualTo(10_000);
        try (JarFile jar = new JarFile(dir.resolve(AllowedChoice.VENDOR_PACKAGE.id + ".jar").toFile())) {
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).toList())
                    .allMatch(n -> n.startsWith("com/example/purse/")).contains("com/example/purse/Purse.class");
        }
        assertThat(AllowedChoice.VENDOR_PACKAGE.appletClass()).isEqualTo("com.example.purse.Purse");
    }

    @Test
    void theReferenceWalletAnswersTheLastWrongGuessWithNoTriesLeftInsteadOfBlocked() {
        // the other allowed answer, so the two known-good answers differ from each other
        WalletClient w = new WalletClient(new JcardsimSecureElement("reference", AppletSource.ofClass(PlainJcardsim.APPLET_CLASS),
                WalletCommands.REFERENCE_AID, null, 7), WalletCommands.REFERENCE_AID);
        LocalIssuance.issue(w, issuer, new WalletId(43), FormFactor.CARD, Limits.defaults(), 0);

        assertThat(guessUntilBlocked(w)).containsExactly(Sw.pinWrong(2), Sw.pinWrong(1), Sw.pinWrong(0), Sw.PIN_BLOCKED,
                Sw.PIN_BLOCKED);
    }
}
