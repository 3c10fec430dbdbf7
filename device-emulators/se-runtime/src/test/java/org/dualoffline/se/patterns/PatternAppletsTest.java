package org.dualoffline.se.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.se.patterns.PatternCard.command;
import static org.dualoffline.se.patterns.PatternCard.filled;
import static org.dualoffline.se.patterns.PatternCard.tearEveryWrite;

import java.util.List;
import org.dualoffline.protocol.Hex;
import org.junit.jupiter.api.Test;

/**
 * Small applets that reproduce the patterns where an emulator and a real card part ways, with
 * the state a real card is in after a tear at each persistent write of the command (the last
 * element of each list is the untorn outcome), and plain jcardsim's answer where it differs.
 */
class PatternAppletsTest {
    private static final byte[] OLD_PIN = PinApplet.FIRST_PIN;
    private static final byte[] NEW_PIN = {5, 6, 7, 8};

    // ------------------------------------------------------------ a list appended outside a transaction

    private static String appendThenList(PatternCard card, int appendIns) {
        card.send(command(appendIns, 0x0c, 0)).check("a later append answers 9000 whatever the state");
        return card.read(command(ListApplet.INS_LIST, 0, 0));
    }

    @Test
    void aListAppendedOutsideATransactionSilentlyDropsEveryLaterEntryAfterATearAtItsSecondWrite() {
        List<String> outcomes = tearEveryWrite(ListApplet.class, c -> c.send(command(ListApplet.INS_APPEND, 0x0a, 0)).check("A"),
                command(ListApplet.INS_APPEND, 0x0b, 0), c -> appendThenList(c, ListApplet.INS_APPEND));
        assertThat(outcomes).as("write 1 'last = B' torn: B never added; write 2 'A.next = B' torn: last points to B, which "
                + "the list no longer reaches, and C hangs off it").containsExactly("0a0c", "0a", "0a0b0c");
    }

    @Test
    void theSameAppendInATransactionLosesNothing() {
        List<String> outcomes = tearEveryWrite(ListApplet.class, c -> c.send(command(ListApplet.INS_APPEND_IN_TRANSACTION, 0x0a, 0)).check("A"),
                command(ListApplet.INS_APPEND_IN_TRANSACTION, 0x0b, 0), c -> appendThenList(c, ListApplet.INS_APPEND_IN_TRANSACTION));
        assertThat(outcomes).containsExactly("0a0c", "0a0c", "0a0b0c");
    }

    // ------------------------------------------------------------ a constructor linking itself into a list

    private static final byte[] LIST = command(ConstructorListApplet.INS_LIST, 0, 0);

    @Test
    void aConstructorsWritesToOtherObjectsAreTearPoints() {
        List<String> outcomes = tearEveryWrite(ConstructorListApplet.class, c -> c.send(command(ConstructorListApplet.INS_ADD, 1, 0)).check("1"),
                command(ConstructorListApplet.INS_ADD, 2, 0), c -> c.read(LIST));
        assertThat(outcomes).as("count, then the entries from head: the tear between 'head = this' and 'count++' leaves them disagreeing")
                .containsExactly("01" + "01", "01" + "0201", "02" + "0201");
    }

    @Test
    void aConstructorLinkingItselfInAnAbortedTransactionLeavesTheListAsItWas() {
        PatternCard card = new PatternCard(ConstructorListApplet.class);
        card.send(command(ConstructorListApplet.INS_ADD, 1, 0)).check("1");
        card.send(command(ConstructorListApplet.INS_ADD_THEN_ABORT, 2, 0)).check("aborted");
        assertThat(card.se().lastWrites()).as("head = this, count++").isEqualTo(2);
        assertThat(card.read(LIST)).isEqualTo("01" + "01");
        assertThat(tearEveryWrite(ConstructorListApplet.class, c -> { }, command(ConstructorListApplet.INS_ADD_IN_TRANSACTION, 1, 0), c -> c.read(LIST)))
                .containsExactly("00", "00", "0101");

        PatternCard.Plain plain = new PatternCard.Plain(ConstructorListApplet.class);
        String before = plain.read(LIST);
        plain.send(command(ConstructorListApplet.INS_ADD_THEN_ABORT, 2, 0)).check("aborted");
        assertThat(plain.read(LIST)).as("plain jcardsim: the abort undoes nothing").isEqualTo(
                Hex.of(new byte[] {(byte) (Hex.parse(before)[0] + 1), 2}) + before.substring(2));
    }

    // ------------------------------------------------------------ a non-atomic clear before journaled writes

    @Test
    void aNonAtomicClearBeforeATransactionLeavesAnEmptyKeyAfterATear() {
        byte[] read = command(OverwriteApplet.INS_READ, 0, 0);
        List<String> outcomes = tearEveryWrite(OverwriteApplet.class, c -> c.send(command(OverwriteApplet.INS_SET, 0, 0, filled(16, 0x11))).check("old"),
                command(OverwriteApplet.INS_SET, 0, 0, filled(16, 0x22)), c -> c.read(read));
        assertThat(outcomes).as("length, then the key: the clear is not journaled, so the rollback restores zeros, not the old key")
                .containsExactly("10" + "11".repeat(16), "10" + "00".repeat(8) + "11".repeat(8), "10" + "00".repeat(16),
                        "10" + "00".repeat(16), "10" + "22".repeat(16));
    }

    // ------------------------------------------------------------ a PIN changed in a transaction

    /** The status word of VERIFY with the old PIN, then (tries left, changes). */
    private static String oldPinThenStatus(PatternCard card) {
        int sw = card.send(command(PinApplet.INS_VERIFY, 0, 0, OLD_PIN)).sw();
        return String.format("%04X/", sw) + card.read(command(PinApplet.INS_STATUS, 0, 0));
    }

    @Test
    void aPinChangedInATransactionIsTheOldOneAfterATearAtAnyWrite() {
        List<String> outcomes = tearEveryWrite(PinApplet.class, c -> { }, command(PinApplet.INS_CHANGE, 0, 0, NEW_PIN),
                PatternAppletsTest::oldPinThenStatus);
        assertThat(outcomes).as("write 1 the PIN (its value and try counter), write 2 the field")
                .containsExactly("9000/0300", "9000/0300", "63C2/0201");
    }

    @Test
    void aPinChangedInAnAbortedTransactionIsTheOldOneButOnPlainJcardsimTheNewOne() {
        PatternCard card = new PatternCard(PinApplet.class);
        card.send(command(PinApplet.INS_CHANGE, 0, PinApplet.P2_ABORT, NEW_PIN)).check("aborted change");
        assertThat(oldPinThenStatus(card)).isEqualTo("9000/0300");

        PatternCard.Plain plain = new PatternCard.Plain(PinApplet.class);
        plain.send(command(PinApplet.INS_CHANGE, 0, PinApplet.P2_ABORT, NEW_PIN)).check("aborted change");
        assertThat(String.format("%04X", plain.send(command(PinApplet.INS_VERIFY, 0, 0, OLD_PIN)).sw())).isEqualTo("63C2");
        assertThat(plain.send(command(PinApplet.INS_VERIFY, 0, 0, NEW_PIN)).sw()).as("the new PIN works").isEqualTo(0x9000);
    }

    @Test
    void aWrongPinsTryCounterDecrementIsATearPointAndTheComparisonComesAfterIt() {
        List<String> outcomes = tearEveryWrite(PinApplet.class, c -> { }, command(PinApplet.INS_VERIFY, 0, 0, NEW_PIN),
                c -> c.read(command(PinApplet.INS_STATUS, 0, 0)));
        assertThat(outcomes).as("torn at the decrement, nothing was compared and nothing counted; untorn, one try gone")
                .containsExactly("0300", "0200");
    }

    @Test
    void aRightPinsTryCounterIsDecrementedFirstAndResetAfter() {
        List<String> outcomes = tearEveryWrite(PinApplet.class,
                c -> c.send(command(PinApplet.INS_VERIFY, 0, 0, NEW_PIN)).check("one wrong guess", 0x63C2),
                command(PinApplet.INS_VERIFY, 0, 0, OLD_PIN), c -> c.read(command(PinApplet.INS_STATUS, 0, 0)));
        assertThat(outcomes).as("torn at the reset, the decrement stands: cutting the power never saves a try")
                .containsExactly("0200", "0100", "0300");
    }

    // ------------------------------------------------------------ a key changed in a transaction

    private static final byte[] READ_KEY = command(KeyApplet.INS_READ, 0, 0);
    private static final String FIRST_KEY = "01".repeat(16);
    private static final String NO_NONCE = "00".repeat(8);

    @Test
    void aKeyChangedInATransactionIsTheOldOneAfterATearAtAnyWrite() {
        List<String> outcomes = tearEveryWrite(KeyApplet.class, c -> { }, command(KeyApplet.INS_CHANGE_KEY, 0, 0, filled(16, 0x22)),
                c -> c.read(READ_KEY));
        assertThat(outcomes).containsExactly(FIRST_KEY + NO_NONCE + "00", FIRST_KEY + NO_NONCE + "00", "22".repeat(16) + NO_NONCE + "01");
    }

    @Test
    void aKeyChangedInAnAbortedTransactionIsTheOldOneButOnPlainJcardsimTheNewOne() {
        PatternCard card = new PatternCard(KeyApplet.class);
        card.send(command(KeyApplet.INS_CHANGE_KEY, 0, KeyApplet.P2_ABORT, filled(16, 0x22))).check("aborted change");
        assertThat(card.read(READ_KEY)).isEqualTo(FIRST_KEY + NO_NONCE + "00");

        PatternCard.Plain plain = new PatternCard.Plain(KeyApplet.class);
        plain.send(command(KeyApplet.INS_CHANGE_KEY, 0, KeyApplet.P2_ABORT, filled(16, 0x22))).check("aborted change");
        assertThat(plain.read(READ_KEY)).isEqualTo("22".repeat(16) + NO_NONCE + "01");
    }

    @Test
    void randomBytesDrawnIntoAPersistentArrayInAnAbortedTransactionAreRolledBack() {
        PatternCard card = new PatternCard(KeyApplet.class);
        card.send(command(KeyApplet.INS_DRAW_NONCE, 0, KeyApplet.P2_ABORT)).check("aborted draw");
        assertThat(card.se().lastWrites()).as("the drawn bytes, the version").isEqualTo(2);
        assertThat(card.read(READ_KEY)).isEqualTo(FIRST_KEY + NO_NONCE + "00");
        List<String> outcomes = tearEveryWrite(KeyApplet.class, c -> { }, command(KeyApplet.INS_DRAW_NONCE, 0, 0), c -> c.read(READ_KEY));
        assertThat(outcomes.subList(0, 2)).containsOnly(FIRST_KEY + NO_NONCE + "00");
        assertThat(outcomes.get(2)).as("committed: random bytes, version 1").doesNotContain(NO_NONCE).endsWith("01");

        PatternCard.Plain plain = new PatternCard.Plain(KeyApplet.class);
        plain.send(command(KeyApplet.INS_DRAW_NONCE, 0, KeyApplet.P2_ABORT)).check("aborted draw");
        assertThat(plain.read(READ_KEY)).as("plain jcardsim keeps the bytes").doesNotContain(NO_NONCE).endsWith("01");
    }

    @Test
    void loadingAPublicKeyIsATearPointButNotStateThatARefusalWouldHaveChanged() {
        PatternCard card = new PatternCard(KeyApplet.class);
        card.send(command(KeyApplet.INS_LOAD_PEER_KEY, 0, 0, new byte[] {1, 0, 1})).check("load");
        assertThat(card.se().lastWrites()).as("the key's material is persistent: a write, and a tear point").isEqualTo(1);
        assertThat(card.se().lastCommittedWrites()).as("Java Card has no transient public key: working memory, not state").isZero();
        assertThat(tearEveryWrite(KeyApplet.class, c -> { }, command(KeyApplet.INS_LOAD_PEER_KEY, 0, 0, new byte[] {1, 0, 1}), c -> c.read(READ_KEY)))
                .hasSize(2);
    }

    @Test
    void aPinClassOfTheAppletsOwnCallingThePlatformWithSuperHasItsCheckCountedAndItsTryCounterTorn() {
        List<String> outcomes = tearEveryWrite(OwnPinApplet.class, c -> { }, command(OwnPinApplet.INS_VERIFY, 0, 0, NEW_PIN),
                c -> c.read(command(OwnPinApplet.INS_STATUS, 0, 0)));
        assertThat(outcomes).as("write 1 the applet's own counter, write 2 the platform's try counter")
                .containsExactly("0300", "0301", "0201");
    }

    @Test
    void aPlatformMethodInheritedByTheAppletsOwnPinClassIsJournaled() {
        PatternCard card = new PatternCard(OwnPinApplet.class);
        card.send(command(OwnPinApplet.INS_CHANGE_THEN_ABORT, 0, 0, NEW_PIN)).check("aborted change");
        assertThat(card.se().lastWrites()).as("the PIN's state").isEqualTo(1);
        assertThat(card.send(command(OwnPinApplet.INS_VERIFY, 0, 0, OLD_PIN)).sw()).as("the old PIN").isEqualTo(0x9000);
    }
}
