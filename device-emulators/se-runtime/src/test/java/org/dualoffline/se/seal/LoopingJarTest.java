package org.dualoffline.se.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.CardMuteException;
import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.LoopApplet;
import org.dualoffline.se.ResponseApdu;
import org.junit.jupiter.api.Test;

/**
 * A vendor jar that loops for ever is Java Card code (the check has nothing to refuse), so it is
 * installed; each command that never ends makes the card mute for that touch, and the run goes on.
 */
class LoopingJarTest {
    private static final byte[] AID = Hex.parse("f0000000030406");

    @Test
    void aLoopingJarIsInstalledAndMuteForEachTouchThatNeverEnds() throws Exception {
        Path jar = AppletJars.write("looping", LoopApplet.class);
        AppletSource source = AppletSource.fromJar(jar, LoopApplet.class.getName());
        JcardsimSecureElement se = new JcardsimSecureElement("looping", source, AID, null, 1).commandTimeLimit(Duration.ofMillis(100));
        for (int touch = 1; touch <= 2; touch++) {
            ResponseApdu.of(se.transceive(WalletCommands.select(AID))).check("SELECT, touch " + touch);
            assertThatThrownBy(() -> se.transceive(new byte[] {(byte) 0x80, 0x01, 0, 0, 0})).isInstanceOf(CardMuteException.class)
                    .hasMessageContaining("never answered INS 01");
        }
        ResponseApdu.of(se.transceive(WalletCommands.select(AID))).check("SELECT after two mute touches");
        assertThat(ResponseApdu.of(se.transceive(new byte[] {(byte) 0x80, 0x10, 0, 0, 0})).isOk()).as("a command that ends is answered").isTrue();
    }
}
