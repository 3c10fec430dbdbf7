package org.dualoffline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.dualoffline.harness.RunSettings;
import org.dualoffline.reports.rogue.HaltingApplet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./certify tear: its command line, a run of the docs' sample campaign, and the exit 2 of a campaign that cannot run. */
class TearCommandTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String SAMPLE = "docs/examples/tear-campaign/append-record.campaign";

    @Test
    void theCampaignFileIsTheOneArgumentAndTheReportGoesToReportsTearUnderItsName() {
        TearCommand.Options options = TearCommand.Options.parse(SAMPLE);

        assertThat(options).isEqualTo(new TearCommand.Options(Path.of(SAMPLE), null, RunSettings.DEFAULT_SEED, false));
        assertThat(options.campaignFile(ROOT)).isEqualTo(ROOT.resolve(SAMPLE));
        assertThat(options.out(ROOT, "append-record")).isEqualTo(ROOT.resolve("reports/tear/append-record"));
    }

    @Test
    void outAndSeedAreRead() {
        TearCommand.Options options = TearCommand.Options.parse("--seed", "5", SAMPLE, "--out", "target/t");

        assertThat(options.seed()).isEqualTo(5);
        assertThat(options.out(ROOT, "append-record")).isEqualTo(ROOT.resolve("target/t"));
    }

    @Test
    void aCommandLineWithoutOneCampaignFileIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> TearCommand.Options.parse()).isInstanceOf(HarnessError.class)
                .hasMessage("tear needs a campaign file (docs/tear-campaign.md)\n" + TearCommand.USAGE);
        assertThatThrownBy(() -> TearCommand.Options.parse("a.campaign", "b.campaign"))
                .hasMessage("unknown argument \"b.campaign\"\n" + TearCommand.USAGE);
        assertThatThrownBy(() -> TearCommand.Options.parse(SAMPLE, "--profile", "x")).hasMessage("unknown argument \"--profile\"\n" + TearCommand.USAGE);
        assertThatThrownBy(() -> TearCommand.Options.parse(SAMPLE, "--out")).hasMessage("--out needs a value\n" + TearCommand.USAGE);
        assertThatThrownBy(() -> TearCommand.Options.parse(SAMPLE, "--seed", "x")).hasMessage("the seed must be a whole number, got x");
        assertThatThrownBy(() -> TearCommand.Options.parse(SAMPLE, "--out", "..").out(ROOT, "x"))
                .hasMessage("--out \"..\" is the repository or a folder above it");
    }

    @Test
    void helpNeedsNoCampaignFile() {
        assertThat(TearCommand.Options.parse("--help").help()).isTrue();
        assertThat(CertifyMain.run(ROOT, new String[] {"tear", "-h"})).isZero();
    }

    @Test
    void theSampleCampaignRunsAndWritesItsReportWithExitZeroThoughItFindsOtherOutcomes(@TempDir Path out) throws IOException {
        int code = CertifyMain.run(ROOT, new String[] {"tear", SAMPLE, "--out", out.toString(), "--seed", "3"});

        assertThat(code).isZero();
        String md = Files.readString(out.resolve("tear-report.md"));
        assertThat(md).contains("**6 tear points: 1 as before, 1 as completed, 4 other**", "| seed | 3 |",
                "| 2 | write 2 (array element) | **other** | `021111111100000000 9000` |");
        assertThat(Files.readString(out.resolve("tear-report.json"))).contains("\"summary\" : \"6 tear points: 1 as before, 1 as completed, 4 other\"");
    }

    @Test
    void theResultForTheLauncherIsTearWrittenWithTheReportOrTearError(@TempDir Path dir) throws IOException {
        Path result = dir.resolve("result");
        Path out = dir.resolve("out");

        assertThat(CertifyMain.exitCode(ROOT, new String[] {"tear", SAMPLE, "--out", out.toString()}, result)).isZero();
        assertThat(Files.readString(result)).isEqualTo("tear WRITTEN " + out.resolve("tear-report.md") + "\n");

        assertThat(CertifyMain.exitCode(ROOT, new String[] {"tear", "docs/no-such.campaign"}, result)).isEqualTo(2);
        assertThat(Files.readString(result)).isEqualTo("tear ERROR -\n");
    }

    @Test
    void aMalformedCampaignIsAHarnessErrorNamingTheLineSoExitTwo(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.campaign");
        Files.writeString(bad, "class: a.B\naid: F000000054454152\ntear: 80010000ZZ\nread: 80100000\n");

        assertThatThrownBy(() -> CertifyMain.run(ROOT, new String[] {"tear", bad.toString(), "--out", dir.resolve("out").toString()}))
                .isInstanceOf(HarnessError.class).hasMessage("bad.campaign:3: tear: \"80010000ZZ\" is not hex (\"Z\" at digit 9)");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anAppletThatCannotBeLoadedIsAHarnessErrorSoExitTwo(@TempDir Path dir) throws IOException {
        Path campaign = dir.resolve("missing.campaign");
        Files.writeString(campaign, "class: org.example.NoSuchApplet\naid: F000000054454152\ntear: 80010000\nread: 80100000\n");

        assertThatThrownBy(() -> CertifyMain.run(ROOT, new String[] {"tear", campaign.toString(), "--out", dir.resolve("out").toString()}))
                .isInstanceOf(HarnessError.class).hasMessageStartingWith("applet class org.example.NoSuchApplet not found");
    }

    @Test
    void aJarThatIsNotJavaCardCodeIsRefusedBeforeItRunsSoExitTwo(@TempDir Path dir) throws IOException {
        String entry = HaltingApplet.class.getName().replace('.', '/') + ".class";
        try (var out = new JarOutputStream(Files.newOutputStream(dir.resolve("halting.jar")));
             var in = HaltingApplet.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        Path campaign = Files.writeString(dir.resolve("halting.campaign"), "jar: halting.jar\nclass: " + HaltingApplet.class.getName()
                + "\naid: F000000054454152\ntear: 80010000\nread: 80100000\n");

        assertThatThrownBy(() -> CertifyMain.run(ROOT, new String[] {"tear", campaign.toString(), "--out", dir.resolve("out").toString()}))
                .isInstanceOf(HarnessError.class).hasMessageContaining("is not Java Card code")
                .hasMessageContaining("calls java.lang.Runtime.halt(I)V");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void theUsageOfCertifyNamesTheTearCommand() {
        assertThat(CertifyOptions.USAGE).contains("./certify tear CAMPAIGN-FILE [--out DIR] [--seed N]", "docs/tear-campaign.md");
    }
}
