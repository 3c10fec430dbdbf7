package org.dualoffline.se.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The campaign file: what each key becomes, and the line-numbered reason for each bad file. */
class CampaignFileTest {
    private static final Path FILE = Path.of("/labs/campaigns/put-credential.campaign");
    private static final Path DOCS = Path.of("../../docs/examples/tear-campaign");

    private static final String MINIMAL = """
            class: com.example.MyApplet
            aid: A0000005272101
            tear: 8001000002CAFE
            read: 80100000
            """;

    private static TearCampaign parse(String text) {
        return CampaignFile.parse(text, FILE, FILE.getParent());
    }

    @Test
    void everyKeyIsReadAndRepeatedKeysKeepTheirOrder() {
        TearCampaign c = parse("""
                # Torn PUT of a second credential.
                #
                # The list must stay whole.

                class: com.example.MyApplet
                aid: A0000005272101
                install: 0102
                setup: 00A4040007A0000005272101
                setup-any: 80CA000000
                setup: 8001000002AAAA
                tear: 8001000002CAFE
                after: 00A4040007A0000005272101
                read: 80100000
                read: 80110000
                """);

        assertThat(c.name()).isEqualTo("put-credential");
        assertThat(c.file()).isEqualTo(FILE);
        assertThat(c.description()).containsExactly("Torn PUT of a second credential.", "", "The list must stay whole.");
        assertThat(c.applet()).isEqualTo(new TearCampaign.Applet(null, "com.example.MyApplet"));
        assertThat(c.aid()).isEqualTo(new TearCampaign.Apdu("A0000005272101", 6, true));
        assertThat(c.install().hex()).isEqualTo("0102");
        assertThat(c.setup()).containsExactly(new TearCampaign.Apdu("00A4040007A0000005272101", 8, true),
                new TearCampaign.Apdu("80CA000000", 9, false), new TearCampaign.Apdu("8001000002AAAA", 10, true));
        assertThat(c.tear()).isEqualTo(new TearCampaign.Apdu("8001000002CAFE", 11, true));
        assertThat(c.after()).extracting(TearCampaign.Apdu::hex).containsExactly("00A4040007A0000005272101");
        assertThat(c.read()).extracting(TearCampaign.Apdu::hex).containsExactly("80100000", "80110000");
    }

    @Test
    void onlyClassAidTearAndOneReadAreNeeded() {
        TearCampaign c = parse(MINIMAL);

        assertThat(c.description()).isEmpty();
        assertThat(c.install().isEmpty()).isTrue();
        assertThat(c.setup()).isEmpty();
        assertThat(c.after()).isEmpty();
    }

    @Test
    void hexMayBeSpacedAndInAnyCaseAndAValueMayBeFollowedByAComment() {
        TearCampaign c = parse(MINIMAL.replace("tear: 8001000002CAFE", "tear: 80 01 00 00 02 ca fe    # PUT, torn"));

        assertThat(c.tear().hex()).isEqualTo("8001000002CAFE");
        assertThat(c.tear().bytes()).containsExactly(0x80, 0x01, 0, 0, 2, 0xCA, 0xFE);
    }

    @Test
    void aRelativeJarIsTakenFromTheCampaignFilesFolder(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("applets"));
        Files.write(dir.resolve("applets/oath.jar"), new byte[] {1, 2, 3});
        Path file = dir.resolve("campaigns/oath.campaign");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "jar: ../applets/oath.jar\n" + MINIMAL);

        TearCampaign c = CampaignFile.read(file);

        assertThat(c.applet().jar()).isEqualTo(dir.resolve("applets/oath.jar").toAbsolutePath().normalize());
        assertThat(c.applet().jarSha256()).isEqualTo("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81");
        assertThat(c.name()).isEqualTo("oath");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad hex          | tear: 8001000002CAFG      | put-credential.campaign:3: tear: "8001000002CAFG" is not hex ("G" at digit 14)
            odd digits       | tear: 8001000002CAF       | put-credential.campaign:3: tear: an odd number of hex digits (13)
            unknown key      | teardown: 80010000        | put-credential.campaign:3: unknown key "teardown"; the keys are jar, class, aid, install, tear, setup, setup-any, after, read
            not a key        | 8001000002CAFE            | put-credential.campaign:3: expected "key: value", got "8001000002CAFE"
            no value         | tear:                     | put-credential.campaign:3: tear: has no value
            short command    | tear: 800100              | put-credential.campaign:3: tear: 3 bytes; a command has a 4-byte header CLA INS P1 P2
            Lc too long      | tear: 8001000003CAFE      | put-credential.campaign:3: tear: Lc says 3 data bytes, 2 bytes follow it (a command is header, Lc, the data and at most an Le byte)
            extended length  | tear: 80010000000002CAFE  | put-credential.campaign:3: tear: an extended-length command (Lc 00 then more bytes); only short commands are sent
            """)
    void aBadTearLineIsRefusedNamingFileAndLine(String what, String line, String message) {
        assertThatThrownBy(() -> parse(MINIMAL.replace("tear: 8001000002CAFE", line))).isInstanceOf(CampaignException.class)
                .hasMessage(message);
    }

    @Test
    void aSecondTearIsRefusedNamingBothLines() {
        assertThatThrownBy(() -> parse(MINIMAL + "tear: 80020000\n")).isInstanceOf(CampaignException.class)
                .hasMessage("put-credential.campaign:5: a second tear: (the first is on line 3); a campaign tears one command");
        assertThatThrownBy(() -> parse("class: a.B\n" + MINIMAL)).hasMessage("put-credential.campaign:2: a second class: (the first is on line 1)");
    }

    @Test
    void everyMissingKeyIsNamed() {
        assertThatThrownBy(() -> parse("# nothing but a comment\n")).isInstanceOf(CampaignException.class)
                .hasMessage("put-credential.campaign: no class:, no aid:, no tear:, no read: line (a campaign needs at least one read-back command)");
        assertThatThrownBy(() -> parse(MINIMAL.replace("aid: A0000005272101\n", ""))).hasMessage("put-credential.campaign: no aid: line");
    }

    @Test
    void anAidMustHaveFiveToSixteenBytes() {
        assertThatCode(() -> parse(MINIMAL.replace("A0000005272101", "A000000527"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> parse(MINIMAL.replace("A0000005272101", "A0000005"))).isInstanceOf(CampaignException.class)
                .hasMessage("put-credential.campaign:2: aid: 4 bytes; an AID has 5 to 16 (ISO/IEC 7816-5)");
    }

    @Test
    void installParametersMustFitTheInstallData() {
        assertThatCode(() -> parse(MINIMAL + "install: " + "00".repeat(117) + "\n")).doesNotThrowAnyException();
        assertThatThrownBy(() -> parse(MINIMAL + "install: " + "00".repeat(118) + "\n")).isInstanceOf(CampaignException.class)
                .hasMessage("put-credential.campaign:5: install: 118 bytes of parameters with an AID of 7 make 128 bytes of install data, "
                        + "more than the 127 a Java Card takes");
    }

    @Test
    void aJarThatIsNotThereIsRefusedOnItsLine(@TempDir Path dir) {
        assertThatThrownBy(() -> CampaignFile.parse("jar: missing.jar\n" + MINIMAL, dir.resolve("x.campaign"), dir))
                .isInstanceOf(CampaignException.class)
                .hasMessage("x.campaign:1: jar: missing.jar not found (looked for " + dir.resolve("missing.jar") + ")");
    }

    @Test
    void aClassNameMustBeAJavaName() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("com.example.MyApplet", "com/example/MyApplet.class")))
                .hasMessage("put-credential.campaign:1: class: \"com/example/MyApplet.class\" is not a fully qualified class name");
    }

    @Test
    void aFileThatIsNotThereOrCannotBeReadIsACampaignException(@TempDir Path dir) {
        assertThatThrownBy(() -> CampaignFile.read(dir.resolve("none.campaign"))).isInstanceOf(CampaignException.class)
                .hasMessage("campaign file not found: " + dir.resolve("none.campaign"));
        assertThatThrownBy(() -> CampaignFile.read(dir)).isInstanceOf(CampaignException.class)
                .hasMessageStartingWith("cannot read the campaign file " + dir);
    }

    @Test
    void theSampleCampaignsOfTheDocsAreWellFormed() {
        for (String name : List.of("append-record", "append-record-atomic")) {
            TearCampaign c = CampaignFile.read(DOCS.resolve(name + CampaignFile.EXTENSION));
            assertThat(c.name()).isEqualTo(name);
            assertThat(c.applet().className()).isEqualTo("org.dualoffline.se.campaign.sample.RecordListApplet");
            assertThat(c.description()).isNotEmpty();
        }
    }
}
