package org.dualoffline.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.harness.RunSettings;
import org.dualoffline.se.campaign.CampaignException;
import org.dualoffline.se.campaign.CampaignFile;
import org.dualoffline.se.campaign.TearCampaign;
import org.dualoffline.se.campaign.TearCampaignResult;
import org.dualoffline.se.campaign.TearCampaignRunner;
import org.dualoffline.se.campaign.TearReport;
import org.dualoffline.se.campaign.TornRun;

/**
 * {@code ./certify tear CAMPAIGN-FILE}: a tear campaign on any applet (docs/tear-campaign.md).
 * The campaign file's command is torn at every one of its persistent writes and the state read
 * back after each; the report goes to {@code reports/tear/<campaign>/}. Exit 0 once the report is
 * written, whatever it found (an "other" outcome is a finding about the applet, not a failure of
 * the harness); 2 for a campaign that cannot run (bad file, applet not found, setup refused).
 */
final class TearCommand {
    static final String COMMAND = "tear";
    static final String USAGE = "usage: ./certify tear CAMPAIGN-FILE [--out DIR] [--seed N]";
    static final Path DEFAULT_OUT = Path.of("reports/tear");

    /** The campaign file, the report folder (null: reports/tear/<campaign name>) and the seed every SE is installed with. */
    record Options(Path campaign, Path out, long seed, boolean help) {
        static Options parse(String... args) {
            Path campaign = null;
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    return new Options(null, null, RunSettings.DEFAULT_SEED, true);
                }
                if (List.of("--out", "--seed").contains(a)) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new HarnessError(a + " needs a value\n" + USAGE);
                    }
                    given.put(a.substring(2), args[++i]);
                } else if (a.startsWith("-") || campaign != null) {
                    throw new HarnessError("unknown argument \"" + a + "\"\n" + USAGE);
                } else {
                    campaign = Path.of(a);
                }
            }
            if (campaign == null) {
                throw new HarnessError("tear needs a campaign file (docs/tear-campaign.md)\n" + USAGE);
            }
            long seed = given.containsKey("seed") ? RunSettings.seedOf(given.get("seed")) : RunSettings.DEFAULT_SEED;
            return new Options(campaign, given.containsKey("out") ? Path.of(given.get("out")) : null, seed, false);
        }

        /** The campaign file: a relative path is taken from the working folder if the file is there, else from the repository. */
        Path campaignFile(Path root) {
            if (campaign.isAbsolute()) {
                return campaign;
            }
            Path fromCwd = campaign.toAbsolutePath();
            return Files.exists(fromCwd) ? fromCwd : root.resolve(campaign);
        }

        /** The report folder: --out, relative to the repository, or reports/tear/<campaign name>. */
        Path out(Path root, String campaignName) {
            Path folder = root.resolve(out == null ? DEFAULT_OUT.resolve(campaignName) : out).normalize();
            if (root.startsWith(folder)) {
                throw new HarnessError("--out \"" + out + "\" is the repository or a folder above it");
            }
            return folder;
        }
    }

    private TearCommand() {}

    /** Runs the campaign and writes its report; the result names {@value TearReport#MARKDOWN}. */
    static CertifyResult run(Path root, Options options) {
        if (options.help()) {
            System.out.println(USAGE + "\n" + "  see docs/tear-campaign.md for the campaign file, the outcomes and the report");
            return new CertifyResult("help", CertifyMain.PASS, null);
        }
        TearCampaign campaign;
        try {
            campaign = CampaignFile.read(options.campaignFile(root));
        } catch (CampaignException e) {
            throw new HarnessError(e.getMessage());
        }
        Path out = options.out(root, campaign.name());
        System.err.printf("tear: %s on %s, seed %d%n", campaign.name(), campaign.applet().describe(), options.seed());
        TearCampaignResult result;
        try {
            result = new TearCampaignRunner(options.seed(), new ConsoleProgress()).run(campaign);
        } catch (CampaignException e) {
            throw new HarnessError(e.getMessage());
        }
        Path report = TearReport.write(result, out);
        result.warnings().forEach(w -> System.err.println("tear: warning: " + w));
        System.out.println(campaign.name() + ": " + result.summary());
        System.out.println("report: " + report + " (and " + TearReport.JSON + ")");
        return new CertifyResult(COMMAND, CertifyMain.PASS, report);
    }

    /** One line on stderr per tear point, as a long campaign goes. */
    private static final class ConsoleProgress implements TearCampaignRunner.Progress {
        @Override
        public void mapped(int tearPoints) {
            System.err.printf("tear: the command makes %d persistent writes: %d tear points%n", tearPoints, tearPoints);
        }

        @Override
        public void torn(TornRun run, int tearPoints) {
            System.err.printf("tear: %d/%d %s: %s%n", run.point(), tearPoints, run.where() == null ? "-" : run.where(), run.outcome().label());
        }
    }
}
