package org.dualoffline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dualoffline.harness.Profile.BackendMode;
import org.dualoffline.harness.RunSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ./certify's command line: what each option becomes, and the reason given for each bad one. */
class CertifyOptionsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void withoutArgumentsTheReferenceWalletIsCertifiedIntoReportsLatest() {
        assertThat(CertifyOptions.parse()).isEqualTo(new CertifyOptions(CertifyOptions.Command.CERTIFY, null, null, RunSettings.DEFAULT_SEED,
                Path.of("reports/latest"), null, 1, true, null));
    }

    @Test
    void everyOptionIsReadIntoItsSetting() {
        CertifyOptions options = CertifyOptions.parse("--profile", "profiles/x.properties", "--backend", "External", "--seed", " 5 ",
                "--out", "/tmp/o", "--tags", "@SYNC-01", "--threads", " 4 ", "--no-allure");

        assertThat(options).isEqualTo(new CertifyOptions(CertifyOptions.Command.CERTIFY, Path.of("profiles/x.properties"), BackendMode.EXTERNAL,
                5, Path.of("/tmp/o"), "@SYNC-01", 4, false, null));
    }

    @Test
    void theRunIsStartedWithTheOptionsAndItsEvidenceGoesIntoTheReportFolder() {
        RunSettings settings = CertifyOptions.parse("--profile", "profiles/faulty/non-atomic-debit.properties", "--backend", "embedded",
                "--seed", "7", "--out", "target/x").settings(ROOT);

        assertThat(settings).isEqualTo(new RunSettings(ROOT.resolve("profiles/faulty/non-atomic-debit.properties"), BackendMode.EMBEDDED, 7,
                ROOT.resolve("target/x/evidence"), ROOT));
    }

    @Test
    void aBlankBackendModeKeepsTheProfilesOwn() {
        assertThat(CertifyOptions.parse("--backend", " ").backendMode()).isNull();
    }

    @Test
    void anUnknownArgumentIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> CertifyOptions.parse("--profil", "x")).isInstanceOf(HarnessError.class)
                .hasMessage("unknown argument \"--profil\"\n" + CertifyOptions.USAGE);
        assertThatThrownBy(() -> CertifyOptions.parse("--seed", "5", "qualify"))
                .hasMessage("unknown argument \"qualify\"\n" + CertifyOptions.USAGE);
    }

    @Test
    void anOptionWithoutItsValueIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> CertifyOptions.parse("--profile")).isInstanceOf(HarnessError.class)
                .hasMessage("--profile needs a value\n" + CertifyOptions.USAGE);
        assertThatThrownBy(() -> CertifyOptions.parse("--seed", "--out", "x")).hasMessage("--seed needs a value\n" + CertifyOptions.USAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "17", "two", "-1", ""})
    void aThreadCountOutsideOneToSixteenIsRefused(String bad) {
        assertThatThrownBy(() -> CertifyOptions.parse("--threads", bad)).isInstanceOf(HarnessError.class)
                .hasMessage("--threads needs a whole number from 1 to 16, got \"" + bad + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@A and (", "@A or", "not", "@A @B", "(@A", "@A)", ""})
    void aTagExpressionCucumberCannotParseIsRefusedNamingIt(String bad) {
        assertThatThrownBy(() -> CertifyOptions.parse("--tags", bad)).isInstanceOf(HarnessError.class)
                .hasMessageStartingWith("--tags needs a Cucumber tag expression such as \"@ATOM-01 or @LIMIT-01\"; \"" + bad + "\" is not one: ");
    }

    @Test
    void aWellFormedTagExpressionIsKeptAsWritten() {
        assertThat(CertifyOptions.parse("--tags", "(@DS-01 or @DS-02) and not @needs-pin").tags())
                .isEqualTo("(@DS-01 or @DS-02) and not @needs-pin");
    }

    @Test
    void aSeedThatIsNotAWholeNumberIsRefused() {
        assertThatThrownBy(() -> CertifyOptions.parse("--seed", "12x")).hasMessage("the seed must be a whole number, got 12x");
    }

    @Test
    void anUnknownBackendModeIsRefused() {
        assertThatThrownBy(() -> CertifyOptions.parse("--backend", "cloud"))
                .hasMessage("backend mode must be embedded, container or external, got cloud");
    }

    @Test
    void helpIsHonouredBeforeTheValuesAreChecked() {
        assertThat(CertifyOptions.parse("--threads", "0", "-h").command()).isEqualTo(CertifyOptions.Command.HELP);
    }

    @Test
    void qualifyTakesTheSeedAndTheReportFolder() {
        CertifyOptions options = CertifyOptions.parse("qualify", "--seed", "9", "--out", "target/q");

        assertThat(options.command()).isEqualTo(CertifyOptions.Command.QUALIFY);
        assertThat(options.forQualification(ROOT.resolve("profiles/faulty/non-atomic-debit.properties"), ROOT.resolve("target/q/qualification/x")))
                .isEqualTo(new CertifyOptions(CertifyOptions.Command.CERTIFY, ROOT.resolve("profiles/faulty/non-atomic-debit.properties"), null, 9,
                        ROOT.resolve("target/q/qualification/x"), null, 1, false, null));
    }

    @Test
    void qualifyCertifiesKnownBadWalletsOnTheirRequirementUnlessFull() {
        CertifyOptions scoped = CertifyOptions.parse("qualify");
        CertifyOptions full = CertifyOptions.parse("qualify", "--full", "--seed", "9");

        assertThat(scoped.command()).isEqualTo(CertifyOptions.Command.QUALIFY);
        assertThat(full.command()).isEqualTo(CertifyOptions.Command.QUALIFY_FULL);
        assertThat(full.seed()).isEqualTo(9);
        assertThat(scoped.forQualification(Path.of("p"), Path.of("o"), "@ATOM-01").tags()).isEqualTo("@ATOM-01");
        assertThatThrownBy(() -> CertifyOptions.parse("--full")).isInstanceOf(HarnessError.class)
                .hasMessageStartingWith("--full is an option of qualify only");
    }

    @Test
    void qualifyRefusesAProfileOrTags() {
        String reason = "qualify runs the reference and profiles/faulty/*; it takes --seed and --out only";
        assertThatThrownBy(() -> CertifyOptions.parse("qualify", "--profile", "p")).isInstanceOf(HarnessError.class).hasMessage(reason);
        assertThatThrownBy(() -> CertifyOptions.parse("qualify", "--tags", "@SYNC-01")).hasMessage(reason);
        assertThatThrownBy(() -> CertifyOptions.parse("qualify", "--shard", "1/2")).hasMessage(reason);
    }

    @Test
    void aShardIsReadWithTheOtherOptionsAndWritesToReportsShardsUnlessToldOtherwise() {
        CertifyOptions shard = CertifyOptions.parse("--seed", "5", "--shard", " 2 / 3 ", "--tags", "@SYNC-01", "--no-allure");

        assertThat(shard).isEqualTo(new CertifyOptions(CertifyOptions.Command.CERTIFY, null, null, 5, Path.of("reports/shards/2-of-3"),
                "@SYNC-01", 1, false, new Shard(2, 3)));
        assertThat(CertifyOptions.parse("--shard", "1/1", "--out", "target/s").out(ROOT)).isEqualTo(ROOT.resolve("target/s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/2", "3/2", "1/0", "0/0", "1/65", "65/65"})
    void aShardOutsideOneToNOrNOutsideOneTo64IsRefused(String bad) {
        assertThatThrownBy(() -> CertifyOptions.parse("--shard", bad)).isInstanceOf(HarnessError.class)
                .hasMessage("--shard I/N needs 1 <= I <= N <= 64, got " + bad);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1/", "/2", "a/b", "1/2/3", "1of2", "-1/2", ""})
    void aShardThatIsNotINumberSlashNIsRefusedSayingTheForm(String bad) {
        assertThatThrownBy(() -> CertifyOptions.parse("--shard", bad)).isInstanceOf(HarnessError.class)
                .hasMessage("--shard needs I/N, this shard's number and how many shards the run has (e.g. 1/2), got \"" + bad + "\"");
    }

    @Test
    void aRelativeProfileIsTakenFromTheWorkingFolderIfItIsThereElseFromTheRepository() {
        assertThat(CertifyOptions.parse("--profile", "pom.xml").profileFile(ROOT)).isEqualTo(Path.of("pom.xml").toAbsolutePath());
        assertThat(CertifyOptions.parse("--profile", "profiles/faulty/non-atomic-debit.properties").profileFile(ROOT))
                .isEqualTo(ROOT.resolve("profiles/faulty/non-atomic-debit.properties"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "reports/.."})
    void aReportFolderHoldingTheRepositoryIsRefusedBecauseCertifyEmptiesIt(String out) {
        assertThatThrownBy(() -> CertifyOptions.parse("--out", out).out(ROOT)).isInstanceOf(HarnessError.class)
                .hasMessage("--out \"" + out + "\" is the repository or a folder above it; certify empties its report folder first");
    }
}
