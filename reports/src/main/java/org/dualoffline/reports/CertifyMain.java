package org.dualoffline.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.dualoffline.harness.FeatureRun;
import org.dualoffline.harness.HarnessRun;
import org.dualoffline.harness.Profile;
import org.dualoffline.harness.ScenarioPlan;

/**
 * {@code ./certify}: runs every feature against the device a profile names and writes the
 * certification into {@code reports/latest/}; {@code --shard I/N} (one share of the scenarios),
 * {@code merge} (the shards' folders into one certification), {@code qualify}, {@code mutants},
 * {@code matrix}, {@code tear} and {@code --help} as {@link CertifyOptions#USAGE} says. Exit codes:
 * <ul>
 * <li>0 PASS (certify, merge, mutants; a shard whose scenarios passed or were not applicable), QUALIFIED (qualify),
 * written (matrix; tear, whatever its campaign found), shown (help);</li>
 * <li>1 FAIL (certify, merge; a shard with a failed scenario; mutants under {@code --min-score}), NOT QUALIFIED (qualify);</li>
 * <li>2 the harness itself could not run (the message on stderr says why), e.g. a bad profile,
 * an unreachable backend, or an applet that is not Java Card code.</li>
 * </ul>
 * With the system property {@value CertifyResult#FILE_PROPERTY} (the launcher sets it) the
 * verdict is also written to that file, last of all ({@link CertifyResult}): the launcher exits
 * 0 only when the JVM did and that file says so.
 */
public final class CertifyMain {
    static final int PASS = 0;
    static final int FAIL = 1;
    static final int HARNESS_ERROR = 2;
    /** The command of a certification's shard in the result line: {@code ./certify --shard I/N}. */
    static final String SHARD = "shard";

    private CertifyMain() {}

    public static void main(String[] args) {
        HarnessLog.start(); // before anything logs
        String resultFile = System.getProperty(CertifyResult.FILE_PROPERTY, "");
        System.exit(exitCode(Path.of(System.getProperty("dualoffline.root", ".")), args,
                resultFile.isBlank() ? null : Path.of(resultFile)));
    }

    /**
     * Runs {@code ./certify} as {@link #main} does and returns its exit code: a harness error is
     * reported on stderr (exit code 2); then, the very last thing, the result is written to
     * {@code resultFile} (null: nowhere).
     */
    static int exitCode(Path root, String[] args, Path resultFile) {
        CertifyResult result;
        try {
            result = result(root, args);
        } catch (HarnessError | Profile.ProfileException e) {
            System.err.println("certify: " + e.getMessage());
            result = CertifyResult.error(command(args));
        } catch (RuntimeException | LinkageError e) {
            System.err.println("certify: the harness failed: " + e);
            e.printStackTrace();
            result = CertifyResult.error(command(args));
        }
        keepLog(result);
        if (resultFile != null) {
            try {
                result.writeTo(resultFile);
            } catch (IOException e) {
                System.err.println("certify: cannot write the result to " + resultFile + ": " + e.getMessage());
                return HARNESS_ERROR;
            }
        }
        return result.exitCode();
    }

    /**
     * Keeps the harness's log beside the report the command wrote ({@link HarnessLog}); a command
     * that wrote none (or, as {@code matrix}, a document rather than a report) leaves the log where
     * it is and, if anything was logged, says where.
     */
    static void keepLog(CertifyResult result) {
        Path log = HarnessLog.current();
        if (log == null) {
            return;
        }
        // matrix writes a document into docs/, not a report folder: its log stays where it is
        Path folder = result.report() == null || result.exitCode() == HARNESS_ERROR || result.command().equals("matrix") ? null
                : result.report().toAbsolutePath().getParent();
        String problem = folder == null ? "no report" : HarnessLog.keepIn(folder);
        if (problem == null) {
            HarnessLog.discard();
            return;
        }
        try {
            if (Files.size(log) > 0) {
                System.err.println("certify: the harness's log is " + log);
            } else {
                HarnessLog.discard(); // nothing was logged
            }
        } catch (java.io.IOException e) {
            // nothing was logged, or the log is gone: nothing to point at
        }
    }

    /** Runs {@code ./certify} in the repository at {@code root}; returns the exit code (a harness error is thrown). */
    static int run(Path repositoryRoot, String[] args) {
        return result(repositoryRoot, args).exitCode();
    }

    /** {@link #run}, with the report the command wrote. */
    static CertifyResult result(Path repositoryRoot, String[] args) {
        Path root = repositoryRoot.toAbsolutePath().normalize();
        if (args.length == 1 && args[0].equals("matrix")) {
            return new CertifyResult("matrix", ConformanceMatrix.write(root), root.resolve(ConformanceMatrix.PAGE));
        }
        if (args.length > 0 && args[0].equals("mutants")) {
            MutationRun.Options options = MutationRun.Options.parse(java.util.Arrays.copyOfRange(args, 1, args.length));
            return new CertifyResult("mutants", MutationRun.run(root, options), root.resolve(options.out()).normalize().resolve("mutation.json"));
        }
        if (args.length > 0 && args[0].equals(MergeCommand.COMMAND)) {
            return MergeCommand.run(root, MergeCommand.Options.parse(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("tear")) {
            return TearCommand.run(root, TearCommand.Options.parse(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        CertifyOptions options = CertifyOptions.parse(args);
        return switch (options.command()) {
            case HELP -> {
                System.out.println(CertifyOptions.USAGE);
                yield new CertifyResult("help", PASS, null);
            }
            case QUALIFY, QUALIFY_FULL -> new CertifyResult("qualify", Qualification.run(root, options),
                    options.out(root).resolve("qualification.json"));
            case CERTIFY -> options.shard() == null
                    ? new CertifyResult("certify", certify(root, options), options.out(root).resolve("certification.json"))
                    : new CertifyResult(SHARD, shard(root, options), options.out(root).resolve(ShardDescriptor.FILE));
        };
    }

    /**
     * The command {@code args} ask for, as far as the first argument tells (and {@code --shard}, for
     * a shard of a certification): for the result of a run that stopped before it knew more.
     */
    static String command(String[] args) {
        if (args.length > 0 && List.of("qualify", "mutants", "matrix", TearCommand.COMMAND, MergeCommand.COMMAND).contains(args[0])) {
            return args[0];
        }
        return List.of(args).contains("--shard") ? SHARD : "certify";
    }

    /**
     * Certifies the device the options name: starts the run (the profile's applet loaded and
     * checked, the backend up), empties the report folder, runs the features, writes the report.
     * A run that cannot start leaves the last report where it was.
     */
    static int certify(Path root, CertifyOptions options) {
        return certify(root, options, Boolean.getBoolean("dualoffline.stopAtFirstFailure"));
    }

    /**
     * {@link #certify(Path, CertifyOptions)}; with {@code stopAtFirstFailure} (the system property
     * {@code dualoffline.stopAtFirstFailure}, set by {@link MutationRun} for the JVMs it starts) the
     * scenarios after the first failed one do not run: the verdict is FAIL either way.
     */
    static int certify(Path root, CertifyOptions options, boolean stopAtFirstFailure) {
        Path out = options.out(root);
        Path features = features(root);
        RequirementCatalogue catalogue = catalogue(root);
        ConsoleSummary console = new ConsoleSummary(System.err);
        Ran ran = runFeatures(root, options, new FeatureRun(features, out, options.tags(), options.threads()), stopAtFirstFailure, console);

        CertificationReport report = new CertificationReport(root, out, console);
        List<ScenarioResult> scenarios = report.scenarios();
        if (scenarios.isEmpty()) {
            throw new HarnessError(noScenario(options, features));
        }
        Certification cert = report.write(report.runInfo(ran.run().profile(), ran.run().seed(), ran.backendUrl(), ran.started(), ran.finished()),
                scenarios, catalogue, options.allure());
        console.finished(cert, out);
        return cert.verdict() == Certification.Verdict.PASS ? PASS : FAIL;
    }

    /**
     * Runs one shard of a certification ({@code --shard I/N}): plans the scenarios the tags select
     * as Cucumber would run them, runs this shard's share, and writes the shard's folder for
     * {@link MergeCommand}, {@value ShardDescriptor#FILE} last. No certification: 0 when every
     * scenario of the shard passed or was not applicable (a shard with no scenario too), 1 when
     * one failed.
     */
    static int shard(Path root, CertifyOptions options) {
        Path out = options.out(root);
        Path features = features(root);
        ConsoleSummary console = new ConsoleSummary(System.err);
        FeatureRun whole = new FeatureRun(features, out, options.tags(), options.threads());
        ScenarioPlan plan = whole.plan(); // before the run starts: the dry run's @AfterAll would finish it
        if (plan.isEmpty()) {
            throw new HarnessError(noScenario(options, features));
        }
        Shard shard = options.shard();
        List<ScenarioPlan.Unit> units = shard.units(plan);
        console.shardPlanned(shard, units, plan);
        Ran ran = runFeatures(root, options, whole.only(units.stream().map(ScenarioPlan.Unit::key).toList()), false, console);

        CertificationReport report = new CertificationReport(root, out, console);
        List<ScenarioResult> scenarios = report.scenarios();
        ShardDescriptor descriptor = ShardDescriptor.of(shard, report.runInfo(ran.run().profile(), ran.run().seed(), ran.backendUrl(),
                ran.started(), ran.finished()), options.tags(), plan);
        List<String> expected = descriptor.scenarioKeys();
        List<String> got = scenarios.stream().map(ScenarioResult::key).toList();
        if (!Set.copyOf(got).equals(Set.copyOf(expected)) || got.size() != expected.size()) {
            throw new HarnessError("shard " + shard.label() + " was to run the scenarios " + expected + " but has results of " + got);
        }
        Path file = descriptor.write(out, scenarios);
        console.shardFinished(shard, scenarios, file);
        return scenarios.stream().anyMatch(ScenarioResult::failed) ? FAIL : PASS;
    }

    /** What running the features left: the run they ran in, its backend's URL, when they started and finished. */
    private record Ran(HarnessRun run, String backendUrl, Instant started, Instant finished) {}

    /**
     * Starts the run (the profile's applet loaded and checked, the backend up), empties the report
     * folder, runs the features. A run that cannot start leaves the last report where it was.
     */
    private static Ran runFeatures(Path root, CertifyOptions options, FeatureRun featureRun, boolean stopAtFirstFailure, ConsoleSummary console) {
        try {
            HarnessRun run = HarnessRun.start(options.settings(root));
            if (stopAtFirstFailure) {
                run.stopAtFirstFailure();
            }
            console.started(run.profile(), run.seed());
            String backendUrl = ready(run);
            console.backendReady(backendUrl);
            // Only now, with the applet accepted and the backend up, does the last report make way.
            prepare(featureRun.out());

            Instant started = Instant.now();
            featureRun.execute();
            Instant finished = Instant.now();
            if (!Files.isRegularFile(featureRun.scenarioResults())) {
                throw new HarnessError("the features ran but produced no results (" + featureRun.scenarioResults() + ")");
            }
            return new Ran(run, backendUrl, started, finished);
        } finally {
            HarnessRun.finish();
        }
    }

    private static Path features(Path root) {
        Path features = root.resolve("features");
        if (!Files.isDirectory(features)) {
            throw new HarnessError("no features folder at " + features);
        }
        return features;
    }

    static RequirementCatalogue catalogue(Path root) {
        try {
            return RequirementCatalogue.load(root.resolve("docs/requirements.md"));
        } catch (IllegalStateException e) {
            throw new HarnessError(e.getMessage());
        }
    }

    private static String noScenario(CertifyOptions options, Path features) {
        return options.tags() == null ? "no scenario found under " + features
                : "no scenario matches --tags \"" + options.tags() + "\"; the requirement tags are the catalogue's IDs, e.g. @ATOM-01";
    }

    /** Loads the profile's applet and starts or reaches its backend before any scenario runs; returns the backend's URL. */
    private static String ready(HarnessRun run) {
        try {
            run.profile().applet().load();
        } catch (IllegalArgumentException e) {
            throw new HarnessError("the profile's applet cannot be loaded: " + e.getMessage());
        }
        try {
            return run.backend().baseUrl();
        } catch (RuntimeException e) {
            throw new HarnessError("the backend could not be reached or started: " + e.getMessage());
        }
    }

    /** Empties {@code out} (creating it): a report folder is written whole by one run. */
    static void prepare(Path out) {
        try {
            if (Files.exists(out)) {
                try (var s = Files.walk(out)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new HarnessError("cannot prepare the report folder " + out + ": " + e.getMessage());
        }
    }
}
