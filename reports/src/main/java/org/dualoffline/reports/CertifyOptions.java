package org.dualoffline.reports;

import io.cucumber.tagexpressions.TagExpressionException;
import io.cucumber.tagexpressions.TagExpressionParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dualoffline.harness.Profile;
import org.dualoffline.harness.RunSettings;

/**
 * The command line of {@code ./certify}, parsed and checked; a bad command line is a
 * {@link HarnessError} saying why (exit code 2).
 *
 * @param profile the profile file as given (see {@link #profileFile(Path)}), or null for the reference wallet
 * @param backendMode the backend mode to use instead of the profile's, or null
 * @param out the report folder as given (see {@link #out(Path)})
 * @param tags a Cucumber tag expression selecting the scenarios, or null for all
 * @param allure whether to generate the Allure HTML report
 * @param shard the share of the scenarios to run ({@code --shard I/N}), or null for all of them
 */
record CertifyOptions(Command command, Path profile, Profile.BackendMode backendMode, long seed, Path out, String tags, int threads,
                      boolean allure, Shard shard) {
    /**
     * What {@code ./certify} is asked to do. QUALIFY certifies each known-bad wallet on the
     * requirement it breaks; QUALIFY_FULL ({@code qualify --full}) on every requirement, to see
     * what else each fault breaks.
     */
    enum Command { CERTIFY, QUALIFY, QUALIFY_FULL, HELP }

    /** Most scenario threads --threads accepts. */
    static final int MAX_THREADS = 16;

    static final String USAGE = """
            usage: ./certify [--profile FILE] [--backend embedded|container|external] [--seed N] [--out DIR] [--tags EXPR]
                             [--threads N] [--no-allure] [--shard I/N]
                   ./certify merge [--out DIR] [--no-allure] SHARD-DIR...
                   ./certify qualify [--full] [--seed N] [--out DIR]
                   ./certify mutants [--count N] [--seed N] [--out DIR] [--min-score PERCENT] [--ids ID,...] [--jobs N]
                   ./certify tear CAMPAIGN-FILE [--out DIR] [--seed N]
                   ./certify matrix
              --profile FILE   device profile (default: the reference wallet, step-definitions/src/main/resources/profiles/reference.properties)
              --backend MODE   override the profile's backend mode
              --seed N         seed for every SE's randomness and the backend's issuer key (default %d)
              --out DIR        where the reports go (default reports/latest)
              --tags EXPR      run only the scenarios a Cucumber tag expression selects, e.g. "@ATOM-01 or @LIMIT-01";
                               requirements without a selected scenario are reported NOT TESTED
              --threads N      run scenarios on N threads (1..16, default 1). Each scenario has its own devices, so
                               verdicts do not change, but scenarios share the backend: wallet ids, blocklist
                               deltas in acknowledgements and so the evidence differ from run to run; keep 1 for a
                               run to be reproduced byte for byte from its seed
              --no-allure      skip generating the Allure HTML report (the results are still written)
              --shard I/N      run shard I of N: a share of the scenarios --tags selects, each Scenario Outline whole, the
                               same share on any machine; --out defaults to reports/shards/I-of-N. A shard certifies
                               nothing alone: its folder (shard.json, scenario results, evidence, JUnit, Allure results)
                               is for merge. Exit 0 when its scenarios passed or were not applicable, 1 when one failed.
                               The shards merged give one run's verdicts and counts; not its evidence byte for byte, as
                               each shard's backend numbers the wallets it meets (as with --threads)
              merge            one certification from the folders of all N shards of a run (the same seed, profile,
                               device, harness commit and tags, each shard once) into --out (default reports/latest):
                               judged, sealed and reported as one run of all the scenarios is;
                               exit 0 PASS, 1 FAIL, 2 for shards that are missing or do not belong together
                               (docs/sharding.md)
              qualify          harness qualification: certifies the reference wallet and every known-good wallet in
                               profiles/good/ on every requirement, and every known-bad wallet in profiles/faulty/ on
                               the requirement it breaks (--full: on every requirement, to list what else it breaks);
                               writes qualification.json; exit 0 only if the reference and each known-good wallet
                               PASS and each known-bad wallet FAILs on the requirement it breaks
              mutants          the harness's mutation score: --count single-point bytecode mutants of the reference
                               wallet (default 100, drawn with --seed; or those --ids names), each certified in a
                               JVM of its own until its first failed scenario, --jobs at once (default: one per
                               processor); writes mutation.json with the kill rate and every survivor; with
                               --min-score, exit 1 when fewer than PERCENT of them are killed
              tear             a tear campaign on any applet (docs/tear-campaign.md): the campaign file's command is
                               torn at every one of its persistent writes and the applet's state read back after each,
                               classified as before, as completed or other; writes tear-report.md and tear-report.json
                               to --out (default reports/tear/<campaign name>); exit 0 once the report is written,
                               whatever it found, 2 for a campaign file, applet or setup that cannot run
              matrix           writes docs/conformance-matrix.md: each clause of the protocol spec, the steps that
                               check it (their @Checks) and the requirements and scenarios that use them
            exit code: 0 PASS, 1 FAIL, 2 the harness could not run""".formatted(RunSettings.DEFAULT_SEED);

    private static final String DEFAULT_OUT = "reports/latest";
    /** A shard's report folder unless --out says otherwise: this and "I-of-N". */
    private static final String DEFAULT_SHARD_OUT = "reports/shards/";

    /**
     * Parses {@code ./certify}'s arguments. {@code qualify} as the first argument wins over {@code --help};
     * qualification refuses {@code --profile}, {@code --tags} and {@code --shard} (it runs the reference and
     * profiles/faulty/*) and does not use {@code --backend}, {@code --threads} or {@code --no-allure}.
     */
    static CertifyOptions parse(String... args) {
        boolean qualify = args.length > 0 && args[0].equals("qualify");
        Map<String, String> given = flags(qualify ? Arrays.copyOfRange(args, 1, args.length) : args);
        if (qualify && (given.containsKey("profile") || given.containsKey("tags") || given.containsKey("shard"))) {
            throw new HarnessError("qualify runs the reference and profiles/faulty/*; it takes --seed and --out only");
        }
        if (!qualify && given.containsKey("full")) {
            throw new HarnessError("--full is an option of qualify only\n" + USAGE);
        }
        Command command = qualify ? (given.containsKey("full") ? Command.QUALIFY_FULL : Command.QUALIFY)
                : given.containsKey("help") ? Command.HELP : Command.CERTIFY;
        if (command == Command.HELP) {
            return new CertifyOptions(command, null, null, RunSettings.DEFAULT_SEED, Path.of(DEFAULT_OUT), null, 1, true, null);
        }
        String seed = given.get("seed");
        Shard shard = given.containsKey("shard") ? Shard.parse(given.get("shard")) : null;
        String out = given.getOrDefault("out", shard == null ? DEFAULT_OUT : DEFAULT_SHARD_OUT + shard.fileLabel());
        return new CertifyOptions(command, given.containsKey("profile") ? Path.of(given.get("profile")) : null,
                RunSettings.backendModeOf(given.getOrDefault("backend", "")), seed == null ? RunSettings.DEFAULT_SEED : RunSettings.seedOf(seed),
                Path.of(out), tagExpression(given.get("tags")), threads(given.get("threads")), !given.containsKey("no-allure"), shard);
    }

    /**
     * {@code --tags} as given, once Cucumber's own parser has read it: a malformed expression would
     * otherwise select nothing and end as a FAIL report of untested requirements.
     */
    static String tagExpression(String tags) {
        if (tags == null) {
            return null;
        }
        String why = "it is empty";
        if (!tags.isBlank()) {
            try {
                TagExpressionParser.parse(tags);
                return tags;
            } catch (TagExpressionException e) {
                why = e.getMessage();
            }
        }
        throw new HarnessError("--tags needs a Cucumber tag expression such as \"@ATOM-01 or @LIMIT-01\"; \"" + tags + "\" is not one: " + why);
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> m.put("help", "");
                case "--no-allure" -> m.put("no-allure", "");
                case "--full" -> m.put("full", "");
                case "--profile", "--backend", "--seed", "--out", "--tags", "--threads", "--shard" -> {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new HarnessError(a + " needs a value\n" + USAGE);
                    }
                    m.put(a.substring(2), args[++i]);
                }
                default -> throw new HarnessError("unknown argument \"" + a + "\"\n" + USAGE);
            }
        }
        return m;
    }

    static int threads(String value) {
        if (value == null) {
            return 1;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= MAX_THREADS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HarnessError("--threads needs a whole number from 1 to " + MAX_THREADS + ", got \"" + value + "\"");
    }

    /** The options of one certification within a qualification: this seed, the wallet's profile, no Allure HTML. */
    CertifyOptions forQualification(Path walletProfile, Path walletOut) {
        return forQualification(walletProfile, walletOut, null);
    }

    /** {@link #forQualification(Path, Path)} on the scenarios {@code tags} selects (null: all). */
    CertifyOptions forQualification(Path walletProfile, Path walletOut, String tags) {
        return new CertifyOptions(Command.CERTIFY, walletProfile, null, seed, walletOut, tags, 1, false, null);
    }

    /** The report folder, relative to the repository; never the repository or a folder above it, as certify empties it first. */
    Path out(Path root) {
        Path folder = root.resolve(out).normalize();
        if (root.startsWith(folder)) {
            throw new HarnessError("--out \"" + out + "\" is the repository or a folder above it; certify empties its report folder first");
        }
        return folder;
    }

    /** The profile file: a relative path is taken from the working folder if the file is there, else from the repository. */
    Path profileFile(Path root) {
        if (profile == null || profile.isAbsolute()) {
            return profile;
        }
        Path fromCwd = profile.toAbsolutePath();
        return Files.exists(fromCwd) ? fromCwd : root.resolve(profile);
    }

    /** What the run of these options is started with; its evidence goes into the report folder. */
    RunSettings settings(Path root) {
        return new RunSettings(profileFile(root), backendMode, seed, out(root).resolve("evidence"), root);
    }
}
