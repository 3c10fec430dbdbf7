package org.dualoffline.se.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dualoffline.se.campaign.TearOutcome.AS_BEFORE;
import static org.dualoffline.se.campaign.TearOutcome.AS_COMPLETED;
import static org.dualoffline.se.campaign.TearOutcome.NOT_REACHED;
import static org.dualoffline.se.campaign.TearOutcome.OTHER;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.campaign.sample.RecordListApplet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on the sample applet (a list of records appended with and without a transaction):
 * which outcome each tear point has, what the reference states are, and what the campaign does
 * with a command that does not tear, a refused setup and an applet that does not run the same way twice.
 */
class TearCampaignRunnerTest {
    private static final long SEED = 7;
    private static final String SELECT = "00A4040008F000000054454152";
    private static final String LIST = "8010000000";
    private static final String ONE_RECORD = "0111111111" + "9000";
    private static final String TWO_RECORDS = "021111111122222222" + "9000";

    /** The sample applet with one record, a second one appended by {@code tear}. */
    static TearCampaign appendCampaign(String tear) {
        return CampaignFile.parse("""
                class: org.dualoffline.se.campaign.sample.RecordListApplet
                aid: F000000054454152
                setup: %s
                setup: 800100000411111111
                tear: %s
                after: %s
                read: %s
                """.formatted(SELECT, tear, SELECT, LIST), Path.of("append.campaign"), Path.of("."));
    }

    private static TearCampaignResult run(TearCampaign campaign) {
        return new TearCampaignRunner(SEED).run(campaign);
    }

    @Test
    void aRecordAppendedWithoutATransactionIsListedHalfWrittenWhenTornBetweenTheCountAndItsLastByte() {
        TearCampaignResult r = run(appendCampaign("800100000422222222"));

        assertThat(r.tearPoints()).as("the count, four record bytes, the append counter").isEqualTo(6);
        assertThat(r.outcomes()).containsExactly(AS_BEFORE, OTHER, OTHER, OTHER, OTHER, AS_COMPLETED);
        assertThat(r.runs()).extracting(TornRun::where).containsExactly("write 1 (count)", "write 2 (array element)",
                "write 3 (array element)", "write 4 (array element)", "write 5 (array element)", "write 6 (appends)");
        assertThat(r.runs().get(2).observed().reads()).as("counted, two of its four bytes written")
                .containsExactly(new Answer("021111111122000000" + "9000"));
        assertThat(r.summary()).isEqualTo("6 tear points: 1 as before, 1 as completed, 4 other");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void theSameAppendInATransactionIsAsBeforeOrAsCompletedAtEveryTearPoint() {
        TearCampaignResult r = run(appendCampaign("800200000422222222"));

        assertThat(r.outcomes()).as("rolled back until the commit; the append counter after it")
                .containsExactly(AS_BEFORE, AS_BEFORE, AS_BEFORE, AS_BEFORE, AS_BEFORE, AS_COMPLETED);
        assertThat(r.summary()).isEqualTo("6 tear points: 5 as before, 1 as completed, 0 other");
    }

    @Test
    void theReferenceStatesAreTheSetupAloneAndTheCommandRunWhole() {
        TearCampaignResult r = run(appendCampaign("800100000422222222"));

        assertThat(r.setupAnswers()).containsExactly(new Answer("9000"), new Answer("9000"));
        assertThat(r.tearAnswer()).isEqualTo(new Answer("9000"));
        assertThat(r.committedWrites()).as("no transaction: every write stands").isEqualTo(6);
        assertThat(r.before()).isEqualTo(new Observation(List.of(new Answer("9000")), List.of(new Answer(ONE_RECORD))));
        assertThat(r.completed()).isEqualTo(new Observation(List.of(new Answer("9000")), List.of(new Answer(TWO_RECORDS))));
    }

    @Test
    void bothReferenceRunsArePowerCycledAsATornRunIsSoNoAppletIsSelectedBeforeTheAfterCommands() {
        TearCampaign withoutSelect = CampaignFile.parse("""
                class: org.dualoffline.se.campaign.sample.RecordListApplet
                aid: F000000054454152
                setup: %s
                tear: 800100000422222222
                read: %s
                """.formatted(SELECT, LIST), Path.of("no-select.campaign"), Path.of("."));

        TearCampaignResult r = run(withoutSelect);

        assertThat(r.before().reads()).as("nothing selected after the power cycle").containsExactly(new Answer("6986"));
        assertThat(r.completed().reads()).containsExactly(new Answer("6986"));
        assertThat(r.outcomes()).containsOnly(AS_BEFORE);
        assertThat(r.warnings()).containsExactly("the read-backs answer the same whether the command ran or not: they cannot tell its "
                + "outcomes apart (every tear point shows as before); read something the command changes");
    }

    @Test
    void aCommandThatWritesNothingHasNoTearPoint() {
        TearCampaignResult r = run(appendCampaign(LIST));

        assertThat(r.tearPoints()).isZero();
        assertThat(r.runs()).isEmpty();
        assertThat(r.summary()).isEqualTo("0 tear points: 0 as before, 0 as completed, 0 other");
        assertThat(r.warnings()).containsExactly("the command made no persistent write: there is nothing to tear");
    }

    @Test
    void aRefusedCommandIsTornAsSentAndTheReportSaysItWasRefused() {
        TearCampaignResult r = run(appendCampaign("8001000002AAAA"));

        assertThat(r.tearAnswer()).isEqualTo(new Answer("6700"));
        assertThat(r.warnings()).contains("the command answered 6700 when it ran whole, not 9000: the campaign tears a refused command");
    }

    @Test
    void aSetupCommandThatIsRefusedStopsTheCampaignUnlessSentWithSetupAny() {
        String refused = "setup: 8001000002AAAA\n";
        TearCampaign strict = CampaignFile.parse(appendText() + refused, Path.of("x.campaign"), Path.of("."));
        TearCampaign lenient = CampaignFile.parse(appendText() + "setup-any: 8001000002AAAA\n", Path.of("x.campaign"), Path.of("."));

        assertThatThrownBy(() -> run(strict)).isInstanceOf(CampaignException.class)
                .hasMessage("x.campaign:8: setup 8001000002AAAA answered 6700, not 9000 (use setup-any: for a command whose answer does not matter)");
        assertThat(run(lenient).setupAnswers()).containsExactly(new Answer("9000"), new Answer("9000"), new Answer("6700"));
    }

    @Test
    void anAppletThatCannotBeFoundStopsTheCampaign() {
        TearCampaign missing = CampaignFile.parse(appendText().replace("sample.RecordListApplet", "sample.NoSuchApplet"),
                Path.of("x.campaign"), Path.of("."));

        assertThatThrownBy(() -> run(missing)).isInstanceOf(CampaignException.class)
                .hasMessageStartingWith("applet class org.dualoffline.se.campaign.sample.NoSuchApplet not found on the classpath");
    }

    @Test
    void aTearPointATornRunDoesNotReachIsReportedNotReached() {
        TearCampaign campaign = CampaignFile.parse("""
                class: org.dualoffline.se.campaign.WriteCountApplet
                aid: F000000054455354
                setup: 00A4040008F000000054455354
                tear: 80010455
                after: 00A4040008F000000054455354
                read: 8010000000
                """, Path.of("drift.campaign"), Path.of("."));
        AppletSource source = campaign.applet().source();
        int[] installs = {0};
        TearCampaignRunner.Cards drifting = () -> new JcardsimSecureElement(TearCampaignRunner.SE_NAME, source, campaign.aid().bytes(),
                installs[0]++ == 0 ? new byte[] {0} : new byte[] {2}, SEED);

        TearCampaignResult r = new TearCampaignRunner(SEED).run(campaign, null, drifting);

        assertThat(r.tearPoints()).as("four writes in the dry run").isEqualTo(4);
        assertThat(r.outcomes()).as("two writes in every later run").containsExactly(AS_BEFORE, OTHER, NOT_REACHED, NOT_REACHED);
        assertThat(r.runs().get(2).where()).isNull();
        assertThat(r.runs().get(2).untornAnswer()).isEqualTo(new Answer("9000"));
        assertThat(r.summary()).isEqualTo("4 tear points: 1 as before, 0 as completed, 1 other, 2 not reached");
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("at some tear points the command made fewer writes than in the dry run"));
    }

    @Test
    void aReadBackThatNeverAnswersIsRecordedMuteAndTheCampaignGoesOn() {
        TearCampaign campaign = writeCountCampaign("80010455", "read: 8020000000\nread: 8010000000\n");

        TearCampaignResult r = new TearCampaignRunner(SEED).run(campaign, null, quickToGiveUp(campaign));

        assertThat(r.tearPoints()).isEqualTo(4);
        assertThat(r.completed().reads()).as("mute, then nothing selected: the reader cut the field")
                .containsExactly(Answer.MUTE, new Answer("6986"));
        assertThat(r.runs()).extracting(run -> run.observed().reads().get(0)).containsOnly(Answer.MUTE);
        assertThat(Answer.MUTE).hasToString("mute");
        assertThat(TearReport.markdown(r)).contains("| completed: the command ran whole | `mute` | `6986` |");
    }

    @Test
    void aCommandToTearThatNeverAnswersEvenUntornStopsTheCampaign() {
        TearCampaign campaign = writeCountCampaign("80200000", "read: 8010000000\n");

        assertThatThrownBy(() -> new TearCampaignRunner(SEED).run(campaign, null, quickToGiveUp(campaign)))
                .isInstanceOf(CampaignException.class)
                .hasMessage("spin.campaign:4: the command never answered, even untorn (the card was mute): there is no dry run to map its tear points");
    }

    private static TearCampaign writeCountCampaign(String tear, String reads) {
        return CampaignFile.parse("""
                class: org.dualoffline.se.campaign.WriteCountApplet
                aid: F000000054455354
                setup: 00A4040008F000000054455354
                tear: %s
                after: 00A4040008F000000054455354
                """.formatted(tear) + reads, Path.of("spin.campaign"), Path.of("."));
    }

    /** SEs of the campaign's applet whose reader waits 100 ms for an answer (5 s by default). */
    private static TearCampaignRunner.Cards quickToGiveUp(TearCampaign campaign) {
        AppletSource source = campaign.applet().source();
        return () -> new JcardsimSecureElement(TearCampaignRunner.SE_NAME, source, campaign.aid().bytes(), null, SEED)
                .commandTimeLimit(Duration.ofMillis(100));
    }

    @Test
    void anAppletInAJarIsInstalledFromTheJarAndTheReportCarriesItsHash(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("record-list.jar");
        writeJar(jar, RecordListApplet.class);
        TearCampaign campaign = CampaignFile.parse("jar: record-list.jar\n" + appendText(), dir.resolve("from-jar.campaign"), dir);

        TearCampaignResult r = run(campaign);

        assertThat(r.jarSha256()).isEqualTo(sha256(jar));
        assertThat(r.outcomes()).containsExactly(AS_BEFORE, OTHER, OTHER, OTHER, OTHER, AS_COMPLETED);
    }

    @Test
    void theSameCampaignAndSeedGiveTheSameResult() {
        assertThat(run(appendCampaign("800100000422222222"))).isEqualTo(run(appendCampaign("800100000422222222")));
    }

    @Test
    void progressIsToldTheTearPointsThenEachRunInOrder() {
        StringBuilder seen = new StringBuilder();
        new TearCampaignRunner(SEED, new TearCampaignRunner.Progress() {
            @Override
            public void mapped(int tearPoints) {
                seen.append("mapped ").append(tearPoints);
            }

            @Override
            public void torn(TornRun run, int tearPoints) {
                seen.append(", ").append(run.point()).append('/').append(tearPoints).append(' ').append(run.outcome().label());
            }
        }).run(appendCampaign("800200000422222222"));

        assertThat(seen).hasToString("mapped 6, 1/6 as before, 2/6 as before, 3/6 as before, 4/6 as before, 5/6 as before, 6/6 as completed");
    }

    @Test
    void theWriteIsNamedFromThePowerLossMessage() {
        assertThat(TornCommand.where("card lost power at write 3 (array element) of INS 01", "card")).isEqualTo("write 3 (array element)");
        assertThat(TornCommand.where("power cut elsewhere", "card")).isEqualTo("power cut elsewhere");
    }

    private static String appendText() {
        return """
                class: org.dualoffline.se.campaign.sample.RecordListApplet
                aid: F000000054454152
                setup: %s
                setup: 800100000411111111
                tear: 800100000422222222
                after: %s
                read: %s
                """.formatted(SELECT, SELECT, LIST);
    }

    /** A jar holding {@code applet}'s class file, as a vendor ships an applet. */
    static void writeJar(Path jar, Class<?> applet) throws IOException {
        String entry = applet.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             InputStream in = applet.getClassLoader().getResourceAsStream(entry)) {
            j.putNextEntry(new JarEntry(entry));
            in.transferTo(j);
            j.closeEntry();
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
