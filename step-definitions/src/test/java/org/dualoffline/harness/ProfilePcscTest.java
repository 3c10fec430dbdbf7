package org.dualoffline.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The pcsc.* keys of a profile: what a lab writes to put its reader in front of the suite. */
class ProfilePcscTest {
    private static final String BASE = """
            profile.name=lab
            applet.class=org.dualoffline.applet.WalletApplet
            applet.aid=f04455414c4f464601
            """;

    private static Profile parse(String extra) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(BASE + extra));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return Profile.parse(p, Path.of("lab.properties"));
    }

    @Test
    void aLabReaderProfileNamesItsReadersInTheOrderWalletsTakeThem() {
        Profile p = parse("se.kind=pcsc\npcsc.readers=uTrust 3700 F CL Reader 00 00 , ACR122U\n");

        assertThat(p.seKind()).isEqualTo(Profile.SeKind.PCSC);
        assertThat(p.pcsc().readers()).containsExactly("uTrust 3700 F CL Reader 00 00", "ACR122U");
        assertThat(p.pcsc().serveVpcd()).isFalse();
        assertThat(p.pcsc().vpcdPorts()).isEmpty();
        assertThat(p.pcsc().freshCardCommand()).isEmpty();
    }

    @Test
    void servingTheVirtualReadersDefaultsToVpcdsPortsOnePerReader() {
        Profile p = parse("se.kind=pcsc\npcsc.readers=Virtual PCD 00 00, Virtual PCD 00 01\npcsc.vpcd.serve=true\n");

        assertThat(p.pcsc().serveVpcd()).isTrue();
        assertThat(p.pcsc().vpcdHost()).isEqualTo("127.0.0.1");
        assertThat(p.pcsc().vpcdPorts()).containsExactly(35963, 35964);
    }

    @Test
    void theCiProfileParses() {
        Profile p = Profile.load(Path.of("../profiles/reference-pcsc-vpcd.properties"));

        assertThat(p.pcsc().readers()).containsExactly("Virtual PCD 00 00", "Virtual PCD 00 01");
        assertThat(p.pcsc().vpcdPorts()).containsExactly(35963, 35964);
    }

    @Test
    void theLabExampleProfileParses() {
        Profile p = Profile.load(Path.of("../profiles/pcsc-reader.example.properties"));

        assertThat(p.seKind()).isEqualTo(Profile.SeKind.PCSC);
        assertThat(p.pcsc().serveVpcd()).isFalse();
        assertThat(p.pcsc().freshCardCommand()).contains("$DUALOFFLINE_READER");
    }

    @Test
    void anEmulatedProfileHasNoReaders() {
        assertThat(parse("").pcsc()).isNull();
        assertThat(Profile.reference().pcsc()).isNull();
    }

    @Test
    void aPcscProfileWithoutReadersIsRefusedSayingWhatToWrite() {
        assertThatThrownBy(() -> parse("se.kind=pcsc\n"))
                .isInstanceOf(Profile.ProfileException.class)
                .hasMessageStartingWith("profile lab.properties: se.kind=pcsc needs pcsc.readers")
                .hasMessageContaining("comma-separated");
        assertThatThrownBy(() -> parse("se.kind=pcsc\npcsc.readers=  \n")).hasMessageContaining("needs pcsc.readers");
    }

    @Test
    void theSingularKeyIsATypoNotASilentDefault() {
        assertThatThrownBy(() -> parse("se.kind=pcsc\npcsc.reader=ACR122U\n"))
                .isInstanceOf(Profile.ProfileException.class)
                .hasMessageContaining("unknown keys [pcsc.reader]");
    }

    @Test
    void anEmptyOrRepeatedReaderNameIsRefused() {
        assertThatThrownBy(() -> parse("se.kind=pcsc\npcsc.readers=ACR122U,,uTrust\n"))
                .hasMessage("profile lab.properties: pcsc.readers has an empty reader name in \"ACR122U,,uTrust\"");
        assertThatThrownBy(() -> parse("se.kind=pcsc\npcsc.readers=ACR122U, acr122u\n"))
                .hasMessage("profile lab.properties: pcsc.readers names \"acr122u\" twice: each wallet needs a reader of its own");
    }

    @Test
    void pcscKeysOnAnEmulatedProfileAreRefused() {
        assertThatThrownBy(() -> parse("pcsc.readers=ACR122U\n"))
                .hasMessage("profile lab.properties: [pcsc.readers] only apply to se.kind=pcsc (this profile's se.kind is jcardsim)");
    }

    @Test
    void badVpcdSettingsAreRefusedWithTheKeyNamed() {
        String readers = "se.kind=pcsc\npcsc.readers=Virtual PCD 00 00, Virtual PCD 00 01\n";
        assertThatThrownBy(() -> parse(readers + "pcsc.vpcd.serve=yes\n")).hasMessageContaining("pcsc.vpcd.serve must be true or false, got yes");
        assertThatThrownBy(() -> parse(readers + "pcsc.vpcd.serve=true\npcsc.vpcd.ports=35963\n"))
                .hasMessageContaining("pcsc.vpcd.ports names 1 ports for 2 readers");
        assertThatThrownBy(() -> parse(readers + "pcsc.vpcd.serve=true\npcsc.vpcd.ports=35963, 70000\n"))
                .hasMessageContaining("pcsc.vpcd.ports must be TCP ports (1 to 65535)");
        assertThatThrownBy(() -> parse(readers + "pcsc.vpcd.ports=35963, 35964\n"))
                .hasMessageContaining("only apply with pcsc.vpcd.serve=true");
        assertThatThrownBy(() -> parse(readers + "pcsc.vpcd.serve=true\npcsc.freshCard.command=gp --install wallet.cap\n"))
                .hasMessageContaining("pcsc.freshCard.command does not apply with pcsc.vpcd.serve=true");
    }

    @Test
    void anUnknownSeKindListsTheKinds() {
        assertThatThrownBy(() -> parse("se.kind=nfc\n")).hasMessageContaining("se.kind must be one of " + List.of("jcardsim", "pcsc"));
    }
}
