package org.dualoffline.se;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.WalletCommands;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A command that never ends makes the card mute for that touch, like a card that never answers; the next touch goes on. */
class CommandTimeLimitTest {
    private static final byte[] AID_BYTES = Hex.parse("f0000000030405");

    @ParameterizedTest(name = "INS {0}")
    @ValueSource(bytes = {LoopApplet.INS_SPIN, LoopApplet.INS_SPIN_CATCHING_EVERYTHING, LoopApplet.INS_SPIN_WRITING_IN_A_TRANSACTION,
            LoopApplet.INS_RECURSE_CATCHING_EVERYTHING})
    void aCommandThatNeverEndsIsMuteAndTheCardAnswersTheNextTouch(byte ins) {
        JcardsimSecureElement se = new JcardsimSecureElement("looping", AppletSource.ofClass(LoopApplet.class.getName()), AID_BYTES, null, 1)
                .commandTimeLimit(Duration.ofMillis(200));
        se.transceive(WalletCommands.select(AID_BYTES));

        assertThatThrownBy(() -> se.transceive(new byte[] {(byte) 0x80, ins, 0, 0, 0})).isInstanceOf(CardMuteException.class)
                .isNotInstanceOf(SecureElementException.class).hasMessageContaining("never answered INS " + String.format("%02X", ins))
                .hasMessageContaining("200 ms");

        assertThat(ResponseApdu.of(se.transceive(new byte[] {(byte) 0x80, LoopApplet.INS_READ, 0, 0, 0})).sw())
                .as("the reader cut the field: no applet is selected").isEqualTo((int) javacard.framework.ISO7816.SW_COMMAND_NOT_ALLOWED);
        se.transceive(WalletCommands.select(AID_BYTES));
        byte[] counter = ResponseApdu.of(se.transceive(new byte[] {(byte) 0x80, LoopApplet.INS_READ, 0, 0, 0})).check("read");
        assertThat(Hex.of(counter)).as("the writes of the transaction that never ended are rolled back").isEqualTo("0000");
    }
}
