package org.dualoffline.se.campaign;

import java.util.ArrayList;
import java.util.List;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.CardMuteException;
import org.dualoffline.se.JcardsimSecureElement;

/**
 * Runs a {@link TearCampaign}: tears its command at every one of its persistent writes and reads
 * the state back after each.
 * <ol>
 * <li>Dry run: a fresh SE, the setup, the command untorn; its persistent writes are the tear
 * points. Power cycled, then the {@code after:} commands and the read-backs: the state "as
 * completed".</li>
 * <li>A fresh SE, the setup, power cycled (as a tear would), {@code after:} and the read-backs:
 * the state "as before", as if the command had never run.</li>
 * <li>For each tear point k: a fresh SE, the setup, the command with the power cut at its k-th
 * write, then {@code after:} and the read-backs, classified as before, as completed, or other.</li>
 * </ol>
 * Every SE is installed with the same name and seed, so every run is the dry run up to its tear.
 * A command that outruns the SE's time limit answers {@link Answer#MUTE} (the card comes back as
 * after a power loss); a torn command that does so before its tear point is not reached.
 */
public final class TearCampaignRunner {
    /** The name every SE of a campaign is installed under (its randomness derives from it and the seed). */
    public static final String SE_NAME = "tear-campaign";

    /** Where a campaign is, for a long one's progress line. */
    public interface Progress {
        /** The dry run mapped {@code tearPoints} tear points. */
        default void mapped(int tearPoints) {}

        /** One tear point is done. */
        default void torn(TornRun run, int tearPoints) {}
    }

    /** A fresh SE with the campaign's applet installed, for each run. */
    interface Cards {
        JcardsimSecureElement fresh();
    }

    private final long seed;
    private final Progress progress;

    public TearCampaignRunner(long seed) {
        this(seed, new Progress() {});
    }

    public TearCampaignRunner(long seed, Progress progress) {
        this.seed = seed;
        this.progress = progress;
    }

    /** Runs {@code campaign}; a {@link CampaignException} when its applet cannot be installed or a setup command is refused. */
    public TearCampaignResult run(TearCampaign campaign) {
        AppletSource source = campaign.applet().source();
        try {
            source.load(); // the applet's own message when it cannot be loaded, before any SE is made
        } catch (IllegalArgumentException e) {
            throw new CampaignException(e.getMessage(), e);
        }
        String jarSha256 = campaign.applet().jarSha256();
        return run(campaign, jarSha256, () -> install(campaign, source));
    }

    private JcardsimSecureElement install(TearCampaign campaign, AppletSource source) {
        try {
            return new JcardsimSecureElement(SE_NAME, source, campaign.aid().bytes(), campaign.install().bytes(), seed);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CampaignException("cannot install " + campaign.applet().describe() + ": " + e.getMessage(), e);
        }
    }

    TearCampaignResult run(TearCampaign campaign, String jarSha256, Cards cards) {
        List<String> warnings = new ArrayList<>();
        byte[] command = campaign.tear().bytes();

        JcardsimSecureElement dry = cards.fresh();
        List<Answer> setupAnswers = setup(dry, campaign, true);
        Answer tearAnswer = send(dry, command);
        if (tearAnswer.isMute()) {
            throw new CampaignException(at(campaign, campaign.tear()) + "the command never answered, even untorn (the card was mute): "
                    + "there is no dry run to map its tear points");
        }
        int tearPoints = dry.lastWrites();
        int committed = dry.lastCommittedWrites();
        dry.powerCycle();
        Observation completed = observe(dry, campaign);
        progress.mapped(tearPoints);

        JcardsimSecureElement untouched = cards.fresh();
        sameSetup(setup(untouched, campaign, false), setupAnswers, "the run without the command", warnings);
        untouched.powerCycle();
        Observation before = observe(untouched, campaign);

        if (!tearAnswer.isOk()) {
            warnings.add("the command answered " + tearAnswer + " when it ran whole, not 9000: the campaign tears a refused command");
        }
        if (tearPoints == 0) {
            warnings.add("the command made no persistent write: there is nothing to tear");
        } else if (before.reads().equals(completed.reads())) {
            warnings.add("the read-backs answer the same whether the command ran or not: they cannot tell its outcomes apart "
                    + "(every tear point shows as before); read something the command changes");
        }

        List<TornRun> runs = new ArrayList<>();
        for (int k = 1; k <= tearPoints; k++) {
            JcardsimSecureElement se = cards.fresh();
            sameSetup(setup(se, campaign, false), setupAnswers, "the run torn at write " + k, warnings);
            TornCommand torn;
            try {
                torn = TornCommand.send(se, command, k);
            } catch (CardMuteException e) {
                torn = new TornCommand(k, false, null, null); // the command ran longer than the reader waits before it reached write k
            }
            if (!torn.reached()) {
                se.powerCycle(); // as the dry run, so that what it shows compares with "as completed"
            }
            Observation observed = observe(se, campaign);
            TornRun run = torn.reached()
                    ? new TornRun(k, torn.where(), TearOutcome.classify(observed, before, completed), observed, null)
                    : new TornRun(k, null, TearOutcome.NOT_REACHED, observed, torn.answer() == null ? Answer.MUTE : Answer.of(torn.answer()));
            runs.add(run);
            progress.torn(run, tearPoints);
        }
        if (runs.stream().anyMatch(r -> r.outcome() == TearOutcome.NOT_REACHED)) {
            warnings.add("at some tear points the command made fewer writes than in the dry run and completed (not reached): "
                    + "the applet does not run the same way twice from the same seed, so the other outcomes may not be telling either");
        }
        return new TearCampaignResult(campaign, seed, jarSha256, setupAnswers, tearAnswer, tearPoints, committed, before, completed, runs,
                warnings);
    }

    /** Sends the setup; in the dry run ({@code strict}) a command sent with {@code setup:} must answer 9000. */
    private static List<Answer> setup(JcardsimSecureElement se, TearCampaign campaign, boolean strict) {
        List<Answer> answers = new ArrayList<>();
        for (TearCampaign.Apdu apdu : campaign.setup()) {
            Answer a = send(se, apdu.bytes());
            if (strict && apdu.mustSucceed() && !a.isOk()) {
                throw new CampaignException(at(campaign, apdu) + "setup " + apdu.hex() + " answered " + a
                        + ", not 9000 (use setup-any: for a command whose answer does not matter)");
            }
            answers.add(a);
        }
        return answers;
    }

    private static void sameSetup(List<Answer> answers, List<Answer> dryRun, String run, List<String> warnings) {
        if (!answers.equals(dryRun) && warnings.stream().noneMatch(w -> w.contains("the setup answered"))) {
            warnings.add("in " + run + " the setup answered " + answers + ", in the dry run " + dryRun
                    + ": the applet does not run the same way twice from the same seed, so the outcomes may not be telling");
        }
    }

    private static Observation observe(JcardsimSecureElement se, TearCampaign campaign) {
        List<Answer> after = new ArrayList<>();
        for (TearCampaign.Apdu apdu : campaign.after()) {
            after.add(send(se, apdu.bytes()));
        }
        List<Answer> reads = new ArrayList<>();
        for (TearCampaign.Apdu apdu : campaign.read()) {
            reads.add(send(se, apdu.bytes()));
        }
        return new Observation(after, reads);
    }

    /** The card's answer, or {@link Answer#MUTE} when it never answered (it comes back as after a power loss). */
    private static Answer send(JcardsimSecureElement se, byte[] command) {
        try {
            return Answer.of(se.transceive(command));
        } catch (CardMuteException e) {
            return Answer.MUTE;
        }
    }

    private static String at(TearCampaign campaign, TearCampaign.Apdu apdu) {
        return campaign.file() == null || apdu.line() == 0 ? "" : campaign.file().getFileName() + ":" + apdu.line() + ": ";
    }
}
