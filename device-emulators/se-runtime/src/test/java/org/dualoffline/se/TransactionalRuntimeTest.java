package org.dualoffline.se;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licel.jcardsim.base.Simulator;
import com.licel.jcardsim.base.SimulatorRuntime;
import javacard.framework.AID;
import javacard.framework.ISO7816;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.junit.jupiter.api.Test;

/** The emulated SE keeps Java Card's atomicity rules; jcardsim alone does not. */
class TransactionalRuntimeTest {
    private static final byte[] AID_BYTES = Hex.parse("f0000000020304");

    private final JcardsimSecureElement se = new JcardsimSecureElement("probe", AppletSource.ofClass(TxProbeApplet.class.getName()),
            AID_BYTES, null, 1);

    TransactionalRuntimeTest() {
        send(WalletCommands.select(AID_BYTES));
    }

    private ResponseApdu send(byte[] c) {
        return ResponseApdu.of(se.transceive(c));
    }

    private ResponseApdu run(int ins, int value) {
        return send(new byte[] {(byte) 0x80, (byte) ins, (byte) value, 0, 0});
    }

    /** data[0..3], field, ram[0..3]. */
    private String state() {
        return Hex.of(run(0x20, 0).check("read state"));
    }

    @Test
    void abortRollsEveryPersistentWriteBack() {
        run(0x12, 1);
        run(0x10, 9);
        assertThat(state()).as("RAM is not journaled: the aborted write of ram[0..1] stays").isEqualTo("01010101" + "0001" + "09090000");
    }

    @Test
    void anExceptionEscapingProcessAbortsTheOpenTransaction() {
        run(0x12, 1);
        assertThat(run(0x11, 9).sw()).isEqualTo(Sw.CONDITIONS_NOT_SATISFIED);
        assertThat(state()).isEqualTo("01010101" + "0001" + "09090000");
    }

    @Test
    void committedWritesStay() {
        run(0x12, 5);
        assertThat(state()).isEqualTo("05050505" + "0005" + "05050000");
    }

    @Test
    void nonAtomicCopiesBypassTheTransaction() {
        run(0x14, 7);
        assertThat(state()).isEqualTo("07070707" + "0000" + "07070707");
    }

    @Test
    void transientMemoryIsNotJournaledAndIsClearedOnDeselect() {
        run(0x21, 3);
        assertThat(state()).isEqualTo("00000000" + "0000" + "03030303");
        send(WalletCommands.select(AID_BYTES));
        assertThat(state()).isEqualTo("00000000" + "0000" + "00000000");
        assertThat(se.lastCost().persistentWrites()).isZero();
    }

    @Test
    void onlyWritesThatStandCountAsCommitted() {
        run(0x10, 1);
        assertThat(se.lastCommittedWrites()).as("written in a transaction, then aborted").isZero();
        run(0x11, 1);
        assertThat(se.lastCommittedWrites()).as("an exception escaped process() with the transaction open").isZero();
        run(0x12, 1);
        assertThat(se.lastCommittedWrites()).as("committed").isEqualTo(se.lastWrites()).isPositive();
        run(0x13, 1);
        assertThat(se.lastCommittedWrites()).as("no transaction").isEqualTo(4);
        run(0x14, 1);
        assertThat(se.lastCommittedWrites()).as("the non-atomic copy (two halves) of an aborted transaction stays")
                .isEqualTo(se.lastWrites()).isEqualTo(2);
        run(0x21, 1);
        assertThat(se.lastCommittedWrites()).as("RAM only").isZero();
    }

    @Test
    void aTornWriteAndTheJournaledOnesBeforeItDoNotStand() {
        se.armTearAtWrite(3);
        assertThatThrownBy(() -> run(0x13, 2)).isInstanceOf(PowerLostException.class);
        assertThat(se.lastCommittedWrites()).as("two writes with no transaction stood before the tear at the third").isEqualTo(2);
        send(WalletCommands.select(AID_BYTES));
        se.armTearAtWrite(2);
        assertThatThrownBy(() -> run(0x12, 2)).isInstanceOf(PowerLostException.class);
        assertThat(se.lastCommittedWrites()).as("the journaled write before the tear is rolled back").isZero();
    }

    @Test
    void everyPersistentWriteIsATearPointAndRamWritesAreNot() {
        run(0x13, 1);
        assertThat(se.lastWrites()).as("data[0], data[1], field, one atomic copy").isEqualTo(4);
    }

    @Test
    void aTearInsideATransactionLeavesTheOldStateAndNoResponse() {
        run(0x12, 1);
        for (int k = 1; k <= 4; k++) {
            se.armTearAtWrite(k);
            int tearAt = k;
            assertThatThrownBy(() -> run(0x12, 9)).as("tear at write " + tearAt).isInstanceOf(PowerLostException.class)
                    .hasMessageContaining("write " + k);
            send(WalletCommands.select(AID_BYTES));
            assertThat(state()).as("after a tear at write " + k).isEqualTo("01010101" + "0001" + "00000000");
        }
    }

    @Test
    void aTearOutsideATransactionKeepsTheWritesBeforeIt() {
        run(0x12, 1);
        se.armTearAtWrite(3);
        assertThatThrownBy(() -> run(0x13, 9)).isInstanceOf(PowerLostException.class);
        send(WalletCommands.select(AID_BYTES));
        assertThat(state()).as("data[0] and data[1] written, field and copy not").isEqualTo("09090101" + "0001" + "00000000");
    }

    @Test
    void afterATearRamIsClearedAndNoAppletIsSelected() {
        run(0x21, 3);
        se.armTearAtWrite(1);
        assertThatThrownBy(() -> run(0x13, 9)).isInstanceOf(PowerLostException.class);
        assertThat(run(0x20, 0).sw()).as("nothing selected after power comes back").isEqualTo((int) ISO7816.SW_COMMAND_NOT_ALLOWED);
        send(WalletCommands.select(AID_BYTES));
        assertThat(state()).as("the tear came before the first persistent write, and RAM is cleared").isEqualTo("00000000" + "0000" + "00000000");
    }

    @Test
    void aTearArmedForACommandThatMakesFewerWritesIsGoneWithIt() {
        se.armTearAtWrite(3);
        run(0x21, 1);
        assertThat(se.lastWrites()).as("RAM only: the tear at the third write is never reached").isZero();
        run(0x13, 2);
        assertThat(state()).as("nor does it tear the next command, which has four").isEqualTo("02020202" + "0002" + "02020101");
    }

    @Test
    void messagesGiveTheRawInstructionOfAnAppletThatIsNotAWalletAndNameTheWalletsCommands() {
        se.armTearAtWrite(1);
        assertThatThrownBy(() -> run(0x24, 9)).isInstanceOf(PowerLostException.class).hasMessageEndingWith("of INS 24");
        JcardsimSecureElement wallet = new JcardsimSecureElement("wallet", AppletSource.ofClass(TxProbeApplet.class.getName()), AID_BYTES, null, 1)
                .speaksWalletProtocol();
        wallet.transceive(WalletCommands.select(AID_BYTES));
        wallet.armTearAtWrite(1);
        assertThatThrownBy(() -> wallet.transceive(new byte[] {(byte) 0x80, 0x24, 9, 0, 0})).isInstanceOf(PowerLostException.class)
                .hasMessageEndingWith("of VERIFY PIN");
    }

    @Test
    void jcardsimAloneWouldNotHaveRolledBack() {
        // The same applet on plain jcardsim: abort keeps the writes, so atomicity checks on it prove nothing.
        Simulator plain = new Simulator(new SimulatorRuntime());
        AID aid = new AID(AID_BYTES, (short) 0, (byte) AID_BYTES.length);
        plain.installApplet(aid, TxProbeApplet.class);
        plain.selectApplet(aid);
        plain.transmitCommand(new byte[] {(byte) 0x80, 0x12, 1, 0, 0});
        plain.transmitCommand(new byte[] {(byte) 0x80, 0x10, 9, 0, 0});
        byte[] r = plain.transmitCommand(new byte[] {(byte) 0x80, 0x20, 0, 0, 0});
        assertThat(Hex.of(r)).isEqualTo("09090909" + "0009" + "09090000" + "9000");
    }
}
