package org.dualoffline.faulty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.dualoffline.protocol.Sw;
import org.junit.jupiter.api.Test;

/**
 * Each kind of patch changes exactly what it names in the one method it names, and nothing
 * else of the applet class; a patch that finds nothing to change fails the build.
 */
class PatchesTest {
    private static final String COPY = "call Util.arrayCopy([BS[BSS)S";
    private static final String COMPARE = "call Util.arrayCompare([BS[BSS)B";

    @Test
    void ignoringARefusalRemovesThePushOfItsStatusWordAndTheThrowAndNothingElse() {
        MethodDiff d = MethodDiff.of(Patches.ignoreRefusal("processPay", Sw.LIMIT_SINGLE), "processPay");

        assertThat(d.removed()).containsExactly("sipush 6911", "call ISOException.throwIt(S)V");
        assertThat(d.added()).isEmpty();
        assertThat(d.otherMethodsAfter()).isEqualTo(d.otherMethodsBefore());
    }

    @Test
    void ignoringARefusalThatIsAllTheCodeBetweenTwoFramesLeavesANopInItsPlace() {
        // processApplySyncAck's second 6927 is the throw of an "if (a || b)": both conditions jump around it
        MethodDiff d = MethodDiff.of(Patches.ignoreRefusal("processApplySyncAck", Sw.CHAIN_MISMATCH), "processApplySyncAck");

        assertThat(d.removed()).containsExactly("sipush 6927", "call ISOException.throwIt(S)V", "sipush 6927",
                "call ISOException.throwIt(S)V");
        assertThat(d.added()).containsExactly("nop");
        assertThat(d.otherMethodsAfter()).isEqualTo(d.otherMethodsBefore());
    }

    @Test
    void removingTheTransactionRemovesItsBeginAndCommitAndNothingElse() {
        MethodDiff d = MethodDiff.of(Patches.withoutTransaction("processUnload"), "processUnload");

        assertThat(d.removed()).containsExactly("call JCSystem.beginTransaction()V", "call JCSystem.commitTransaction()V");
        assertThat(d.added()).isEmpty();
        assertThat(d.otherMethodsAfter()).isEqualTo(d.otherMethodsBefore());
    }

    @Test
    void storingZeroReplacesTheValueJustBeforeTheStoreIntoTheNamedField() {
        MethodDiff d = MethodDiff.of(Patches.storeZero("processApplySyncAck", "offlineCount"), "processApplySyncAck");

        assertThat(d.removed()).isEmpty();
        assertThat(d.added()).containsExactly("pop", "iconst_0");
        int store = d.after().indexOf("put Persistent.offlineCount");
        assertThat(d.after().subList(store - 2, store + 1)).containsExactly("pop", "iconst_0", "put Persistent.offlineCount");
        assertThat(d.otherMethodsAfter()).isEqualTo(d.otherMethodsBefore());
    }

    @Test
    void blockingWhenNoTryIsLeftAdjustsOnlyTheComputedStatusWordBeforeItIsThrown() {
        MethodDiff d = MethodDiff.of(Patches.blockedWhenNoTryLeft("processVerifyPin"), "processVerifyPin");

        assertThat(d.removed()).isEmpty();
        // dup, bipush 15, iand, iconst_1, isub, bipush 31, iushr, sipush 05C3 (6983 - 63C0), imul, iadd
        assertThat(d.added()).containsExactly("op 89", "op 16 15", "op 126", "op 4", "op 100", "op 16 31", "op 124", "sipush 05C3",
                "op 104", "op 96");
        int thrown = d.after().lastIndexOf("call ISOException.throwIt(S)V");
        assertThat(d.after().subList(thrown - 2, thrown + 1)).as("the adjustment comes just before the i2s of the computed word")
                .containsExactly("op 96", "op 147", "call ISOException.throwIt(S)V");
        assertThat(d.otherMethodsAfter()).isEqualTo(d.otherMethodsBefore());
    }

    @Test
    void skippingTheCopyOutOfAFieldTurnsThatOneCopyIntoAComparison() {
        MethodDiff d = MethodDiff.of(Patches.skipCopyFrom("processGetStatus", "held"), "processGetStatus");

        assertThat(d.removed()).containsExactly("call Util.arrayCopyNonAtomic([BS[BSS)S");
        assertThat(d.added()).containsExactly(COMPARE);
        assertThat(d.after().stream().filter(x -> x.equals("call Util.arrayCopyNonAtomic([BS[BSS)S")).count())
                .as("the other copies of GET STATUS still copy").isEqualTo(d.before().stream()
                        .filter(x -> x.equals("call Util.arrayCopyNonAtomic([BS[BSS)S")).count() - 1);
        assertThat(d.otherMethodsAfter()).isEqualTo(d.otherMethodsBefore());
    }

    @Test
    void renamingACallChangesOnlyTheNameOfThatCall() {
        MethodDiff d = MethodDiff.of(Patches.renameCall("select", "javacard/framework/OwnerPIN", "reset", "resetAndUnblock"), "select");

        assertThat(d.removed()).containsExactly("call OwnerPIN.reset()V");
        assertThat(d.added()).containsExactly("call OwnerPIN.resetAndUnblock()V");
        assertThat(d.otherMethodsAfter()).isEqualTo(d.otherMethodsBefore());
    }

    @Test
    void removingACallPopsItsReceiverAndArgumentsInsteadAndChangesNothingElse() {
        MethodDiff reset = MethodDiff.of(Patches.removeCall("select", Patches.OWNER_PIN, "reset"), "select");
        MethodDiff draw = MethodDiff.of(Patches.removeCall("drawNonce", Patches.RANDOM_DATA, "generateData"), "drawNonce");

        assertThat(reset.removed()).containsExactly("call OwnerPIN.reset()V");
        assertThat(reset.added()).containsExactly("pop");
        assertThat(reset.otherMethodsAfter()).isEqualTo(reset.otherMethodsBefore());
        assertThat(draw.removed()).containsExactly("call RandomData.generateData([BSS)V");
        assertThat(draw.added()).as("the length, the offset, the buffer and the generator").containsExactly("pop", "pop", "pop", "pop");
        assertThat(draw.otherMethodsAfter()).isEqualTo(draw.otherMethodsBefore());
    }

    @Test
    void countingInsteadOfDrawingIncrementsTheLastByteOfTheBufferTheGeneratorWouldHaveFilled() {
        MethodDiff d = MethodDiff.of(Patches.countInsteadOfDrawing("drawNonce"), "drawNonce");

        assertThat(d.removed()).containsExactly("call RandomData.generateData([BSS)V");
        // iadd, iconst_1, isub (offset + length - 1), dup2, baload, iconst_1, iadd, i2b, bastore, pop (the generator)
        assertThat(d.added()).containsExactly("op 96", "op 4", "op 100", "op 92", "op 51", "op 4", "op 96", "op 145", "op 84", "pop");
        assertThat(d.otherMethodsAfter()).isEqualTo(d.otherMethodsBefore());
    }

    @Test
    void skippingTheCopyIntoAFieldTurnsThatOneCopyIntoAComparisonAndLeavesTheOtherCopies() {
        MethodDiff counter = MethodDiff.of(Patches.skipCopyInto("processPay", "counter"), "processPay");
        MethodDiff lastHash = MethodDiff.of(Patches.skipCopyInto("processPay", "lastHash"), "processPay");

        assertThat(counter.removed()).containsExactly(COPY);
        assertThat(counter.added()).containsExactly(COMPARE);
        assertThat(lastHash.removed()).containsExactly(COPY);
        assertThat(lastHash.added()).containsExactly(COMPARE);
        // PAY copies into counter, balance, offlineAmount and lastHash, in that order
        assertThat(Collections.frequency(counter.before(), COPY)).isEqualTo(4);
        assertThat(copiesAndComparisons(counter.after())).containsExactly(COMPARE, COPY, COPY, COPY);
        assertThat(copiesAndComparisons(lastHash.after())).containsExactly(COPY, COPY, COPY, COMPARE);
        assertThat(counter.otherMethodsAfter()).isEqualTo(counter.otherMethodsBefore());
    }

    @Test
    void aPatchThatFindsNothingToChangeIsABuildError() {
        assertThatThrownBy(() -> MethodDiff.apply(Patches.ignoreRefusal("processGetStatus", Sw.LIMIT_SINGLE)))
                .hasMessage("processGetStatus has no refusal with 6911 LIMIT_SINGLE to remove");
        assertThatThrownBy(() -> MethodDiff.apply(Patches.withoutTransaction("processBeginReceive")))
                .hasMessage("processBeginReceive has no transaction to remove");
        assertThatThrownBy(() -> MethodDiff.apply(Patches.storeZero("processPay", "ackCounter")))
                .hasMessage("processPay does not store ackCounter");
        assertThatThrownBy(() -> MethodDiff.apply(Patches.renameCall("processPay", "javacard/framework/OwnerPIN", "reset", "resetAndUnblock")))
                .hasMessage("processPay does not call javacard/framework/OwnerPIN.reset");
        assertThatThrownBy(() -> MethodDiff.apply(Patches.removeCall("processPay", Patches.OWNER_PIN, "reset")))
                .hasMessage("processPay does not call javacard/framework/OwnerPIN.reset");
        assertThatThrownBy(() -> MethodDiff.apply(Patches.countInsteadOfDrawing("processVerifyPin")))
                .hasMessage("processVerifyPin does not call javacard/security/RandomData.generateData");
        assertThatThrownBy(() -> MethodDiff.apply(Patches.skipCopyInto("processPay", "ackHash")))
                .hasMessage("processPay has no Util.arrayCopy into ackHash");
        assertThatThrownBy(() -> MethodDiff.apply(Patches.withoutTransaction("processRefund")))
                .hasMessage("the reference wallet has no method processRefund to patch");
    }

    private static List<String> copiesAndComparisons(List<String> instructions) {
        return instructions.stream().filter(i -> i.equals(COPY) || i.equals(COMPARE)).toList();
    }
}
