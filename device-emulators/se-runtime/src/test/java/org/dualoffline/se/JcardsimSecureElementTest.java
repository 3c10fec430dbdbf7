package org.dualoffline.se;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import javacard.framework.ISO7816;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.WalletCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JcardsimSecureElementTest {
    private static final byte[] AID = Hex.parse("f0000000010203");
    private static final AppletSource PROBE = AppletSource.ofClass(ProbeApplet.class.getName());

    private static JcardsimSecureElement se(String name, long seed) {
        JcardsimSecureElement se = new JcardsimSecureElement(name, PROBE, AID, null, seed);
        ResponseApdu.of(se.transceive(WalletCommands.select(AID))).check("select");
        return se;
    }

    private static byte[] random(CardTransport se) {
        return ResponseApdu.of(se.transceive(new byte[] {(byte) 0x80, 0x01, 0, 0, 0})).check("random");
    }

    @Test
    void twoSecureElementsDrawDifferentRandomnessButTheSameForTheSameSeedAndName() {
        byte[] a = random(se("payer", 1));
        byte[] b = random(se("payee", 1));
        byte[] a2 = random(se("payer", 1));
        byte[] a3 = random(se("payer", 2));

        assertThat(a).isNotEqualTo(b);
        assertThat(a2).isEqualTo(a);
        assertThat(a3).isNotEqualTo(a);
    }

    @Test
    void appletStaticsArePerSecureElement() {
        JcardsimSecureElement one = se("one", 1);
        JcardsimSecureElement two = se("two", 1);
        byte[] cmd = {(byte) 0x80, 0x02, 0, 0, 0};
        assertThat(ResponseApdu.of(one.transceive(cmd)).check("count")).containsExactly(1);
        assertThat(ResponseApdu.of(two.transceive(cmd)).check("count")).containsExactly(1);
    }

    @Test
    void afterAPowerCycleNoAppletIsSelected() {
        JcardsimSecureElement se = se("card", 1);
        se.powerCycle();
        ResponseApdu r = ResponseApdu.of(se.transceive(new byte[] {(byte) 0x80, 0x01, 0, 0, 0}));
        assertThat(r.sw()).isEqualTo((int) ISO7816.SW_COMMAND_NOT_ALLOWED);
    }

    @Test
    void aMalformedCommandIsRefusedWithTheReason() {
        JcardsimSecureElement se = se("card", 1);
        assertThatThrownBy(() -> se.transceive(new byte[] {0x00, (byte) 0xA4})).hasMessage("a command APDU has at least 4 bytes, got 2");
    }

    @Test
    void checkNamesTheStatusWordOfARefusal() {
        JcardsimSecureElement se = se("card", 1);
        ResponseApdu r = ResponseApdu.of(se.transceive(new byte[] {(byte) 0x80, 0x7F, 0, 0, 0}));
        assertThatThrownBy(() -> r.check("unknown command")).isInstanceOf(SecureElementException.class)
                .hasMessage("unknown command: 6D00 INS_NOT_SUPPORTED");
    }

    @Test
    void aMissingOrWrongAppletIsExplained(@TempDir Path dir) {
        assertThatThrownBy(() -> AppletSource.ofClass("org.example.NoSuchApplet").load()).hasMessageContaining("not found");
        assertThatThrownBy(() -> AppletSource.ofClass(String.class.getName()).load()).hasMessageContaining("is not a javacard.framework.Applet");
        assertThatThrownBy(() -> AppletSource.ofClass(JcardsimSecureElementTest.class.getName()).load())
                .hasMessageContaining("is not a javacard.framework.Applet");
        assertThatThrownBy(() -> AppletSource.fromJar(dir.resolve("missing.jar"), "x.Y")).hasMessageContaining("applet jar not found");
    }

    @Test
    void theTraceShowsEveryExchangeWithItsNameAndStatusWord() {
        ApduTrace trace = new ApduTrace("probe");
        CardTransport traced = trace.tracing(se("card", 1), "Wei SE", "nfc", WalletCommands::nameOf);
        traced.transceive(new byte[] {(byte) 0x80, 0x7F, 0, 0, 0});
        assertThat(trace.render()).isEqualTo("""
                # APDU trace: probe
                  1 Wei SE                 nfc      INS 7F           >> 80 7F 00 00 00
                                                                     << 6D00 INS_NOT_SUPPORTED
                """);
    }
}
