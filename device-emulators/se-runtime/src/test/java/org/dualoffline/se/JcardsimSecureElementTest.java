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

    /** As a card's OS: a command whose length fields do not match its bytes is 6700, never an exception, and reaches no applet. */
    @Test
    void aBadlyFramedCommandIsAnsweredWrongLengthAndReachesNoApplet() {
        JcardsimSecureElement se = se("card", 1);
        byte[] count = {(byte) 0x80, 0x02, 0, 0, 0};
        for (String framing : new String[] {"", "80", "8002", "800200", "8002000005010203", "80020000020102030405",
                "80020000" + "03" + "0102", "8002000000000001", "80020000000000", "800200000000020102", "80020000000002010200"}) {
            ResponseApdu r = ResponseApdu.of(se.transceive(Hex.parse(framing)));
            assertThat(r.sw()).as(framing).isEqualTo((int) ISO7816.SW_WRONG_LENGTH);
            assertThat(r.data()).as(framing).isEmpty();
        }
        assertThat(ResponseApdu.of(se.transceive(count)).check("count")).as("no framing error reached the applet").containsExactly(1);
    }

    @Test
    void everyWellFramedShortCommandReachesTheApplet() {
        JcardsimSecureElement se = se("card", 1);
        assertThat(ResponseApdu.of(se.transceive(Hex.parse("80030000"))).check("case 1")).isEmpty();
        assertThat(ResponseApdu.of(se.transceive(Hex.parse("8003000000"))).check("case 2")).isEmpty();
        assertThat(ResponseApdu.of(se.transceive(Hex.parse("8003000003010203"))).check("case 3")).containsExactly(1, 2, 3);
        assertThat(ResponseApdu.of(se.transceive(Hex.parse("800300000301020300"))).check("case 4")).containsExactly(1, 2, 3);
        // 255 data bytes and an Le: 261 bytes on the wire, but the Le is no part of a card's APDU buffer
        byte[] full = Hex.parse("80030000FF" + "11".repeat(128) + "22".repeat(127) + "00");
        assertThat(ResponseApdu.of(se.transceive(Hex.parse("80020000FF" + "11".repeat(255) + "00"))).check("255 bytes and Le"))
                .hasSize(1);
        assertThat(ResponseApdu.of(se.transceive(java.util.Arrays.copyOf(full, 5 + 128 + 1))).sw()).as("Lc 255 with 129 bytes")
                .isEqualTo((int) ISO7816.SW_WRONG_LENGTH);
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
