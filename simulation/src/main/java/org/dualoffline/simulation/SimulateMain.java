package org.dualoffline.simulation;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dualoffline.harness.BackendConnection;
import org.dualoffline.harness.HttpTrace;
import org.dualoffline.harness.Profile;
import org.dualoffline.harness.ReconciliationClient;

/**
 * {@code ./simulate SCENARIO}: issues the scenario's town on the profile's applet and backend,
 * runs its hours offline, then the reconnect storm, checks the books and writes
 * {@code reports/simulate/<name>/}. Exit code 0 when the checks pass, 1 when one fails, 2 when the
 * simulation could not run (a bad scenario file or option, a backend that cannot be reached).
 */
public final class SimulateMain {
    static final String USAGE = """
            usage: ./simulate SCENARIO [--profile FILE] [--backend embedded|container|external] [--replicas N] [--seed N] [--out DIR]
                              [--clients N]
              SCENARIO         a scenario file, or the name of one in simulations/ (smoke, flood-3-days); format: docs/simulation.md
              --profile FILE   the device profile whose applet every wallet runs and whose backend the town syncs to
                               (default: the reference wallet on the embedded backend)
              --backend MODE   override the profile's backend mode
              --replicas N     instead of the profile's backend: N backend processes (1-8) over a fresh schema of the PostgreSQL
                               that DUALOFFLINE_PG_URL names (default jdbc:postgresql://127.0.0.1:5432/test, user postgres),
                               the storm's uploads round-robin over them; the schema is dropped after
              --seed N         override the scenario's seed: the same seed and file give the same town and payments
              --out DIR        where the report goes (default reports/simulate/<scenario name>)
              --clients N      connections of the reconnect storm (default: the scenario's storm.clients)
            Writes summary.json (the headline figures and the checks) and index.html with its charts (SVG).
            Exit code 0: the books balance, every payment settled exactly once, every clone that spent twice caught;
            1: a check failed (the report says which); 2: the simulation could not run.""";

    /** Database connections of each backend replica ({@code --replicas}), as {@code ./bench --replicas} uses. */
    static final int REPLICA_POOL = 8;

    private SimulateMain() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Path root = Path.of(System.getProperty("dualoffline.root", ".")).toAbsolutePath().normalize();
        int code;
        try {
            code = run(root, args, Progress.console());
        } catch (UsageException | CannotRunException | TownSpec.ScenarioFileException | Profile.ProfileException
                 | BackendConnection.BackendUnavailableException e) {
            System.err.println("simulate: " + e.getMessage());
            code = 2;
        } catch (IOException e) {
            System.err.println("simulate: cannot write the report: " + e.getMessage());
            code = 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("simulate: interrupted");
            code = 2;
        } catch (RuntimeException e) {
            System.err.println("simulate: the simulation failed: " + e);
            e.printStackTrace();
            code = 2;
        }
        System.exit(code);
    }

    /** A command line that cannot be used. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message + "\n" + USAGE);
        }
    }

    /** The machine lacks something the simulation needs; the message says what and how to get it. */
    static final class CannotRunException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CannotRunException(String message) {
            super(message);
        }
    }

    /** The options of one run. */
    record Options(Path scenario, Path profile, Profile.BackendMode backend, Long seed, Path out, Integer clients, Integer replicas, boolean help) {}

    static Options parse(Path root, String[] args) {
        Path scenario = null;
        Path profile = null;
        Profile.BackendMode backend = null;
        Long seed = null;
        Path out = null;
        Integer clients = null;
        Integer replicas = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    return new Options(null, null, null, null, null, null, null, true);
                }
                case "--profile" -> profile = root.resolve(value(args, ++i, a));
                case "--backend" -> {
                    String v = value(args, ++i, a);
                    try {
                        backend = Profile.BackendMode.valueOf(v.toUpperCase(java.util.Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--backend must be embedded, container or external, got \"" + v + "\"");
                    }
                }
                case "--seed" -> seed = number(value(args, ++i, a), a, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--out" -> out = root.resolve(value(args, ++i, a));
                case "--clients" -> clients = (int) number(value(args, ++i, a), a, 1, 1024);
                case "--replicas" -> replicas = (int) number(value(args, ++i, a), a, 1, 8);
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a);
                    }
                    if (scenario != null) {
                        throw new UsageException("one scenario per run; got " + scenario + " and " + a);
                    }
                    scenario = scenarioFile(root, a);
                }
            }
        }
        if (scenario == null) {
            throw new UsageException("which scenario? e.g. ./simulate smoke");
        }
        if (replicas != null && backend != null) {
            throw new UsageException("--replicas starts its own backend processes over PostgreSQL; it does not go with --backend " + backend.name().toLowerCase(java.util.Locale.ROOT));
        }
        return new Options(scenario, profile, backend, seed, out, clients, replicas, false);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String v, String option, long min, long max) {
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new UsageException(option + " must be from " + min + " to " + max + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number, got \"" + v + "\"");
        }
    }

    /** A path to a file, or the name of one in {@code simulations/}. */
    static Path scenarioFile(Path root, String arg) {
        Path direct = root.resolve(arg);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        Path named = root.resolve("simulations").resolve(arg.endsWith(".properties") ? arg : arg + ".properties");
        if (Files.isRegularFile(named)) {
            return named;
        }
        throw new TownSpec.ScenarioFileException("no scenario " + arg + ": neither a file nor one of simulations/*.properties ("
                + shipped(root) + ")");
    }

    private static String shipped(Path root) {
        try (var files = Files.list(root.resolve("simulations"))) {
            return String.join(", ", files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties"))
                    .map(n -> n.substring(0, n.length() - 11)).sorted().toList());
        } catch (IOException e) {
            return "simulations/ cannot be read";
        }
    }

    /** Runs a simulation; returns the exit code. */
    static int run(Path root, String[] args, Progress progress) throws IOException, InterruptedException {
        Options o = parse(root, args);
        if (o.help()) {
            System.out.println(USAGE);
            return 0;
        }
        TownSpec spec = TownSpec.load(o.scenario());
        Profile profile = o.profile() == null ? Profile.reference() : Profile.load(o.profile());
        if (o.backend() != null) {
            profile = profile.withBackendMode(o.backend());
        }
        if (o.replicas() != null && profile.backendMode() != Profile.BackendMode.EMBEDDED) {
            throw new UsageException("--replicas starts its own backend processes over PostgreSQL in place of the embedded backend; profile "
                    + profile.name() + " names a " + profile.backendMode().name().toLowerCase(java.util.Locale.ROOT) + " backend");
        }
        if (profile.seKind() != Profile.SeKind.JCARDSIM) {
            throw new Profile.ProfileException("a simulated town runs its wallets on the emulated SE runtime (se.kind=jcardsim): "
                    + "thousands of wallets do not fit in PC/SC readers; profile " + profile.name() + " has se.kind=" + profile.seKind());
        }
        try {
            Charts.preflight();
        } catch (IllegalStateException e) {
            throw new CannotRunException(e.getMessage());
        }
        long seed = o.seed() != null ? o.seed() : spec.seed();
        int clients = o.clients() != null ? o.clients() : spec.stormClients();
        Path out = o.out() != null ? o.out() : root.resolve("reports").resolve("simulate").resolve(spec.name());
        Map<String, Double> stages = new LinkedHashMap<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        System.err.printf("simulate: %s - %,d wallets, %,d merchants, %d hours, seed %d; profile %s, backend %s%n", spec.name(),
                spec.walletCount(), spec.posMerchants() + spec.tagMerchants(), spec.hours(), seed, profile.name(),
                o.replicas() != null ? o.replicas() + " replica(s) over PostgreSQL" : profile.backendMode().name().toLowerCase(java.util.Locale.ROOT));
        try (BackendConnection backend = o.replicas() != null ? BackendConnection.openReplicas(o.replicas(), REPLICA_POOL, seed)
                : BackendConnection.open(profile, seed, root)) {
            ReconciliationClient client = new ReconciliationClient(backend, HttpTrace.notRecording());
            TownClient fast = new TownClient(backend);
            long t = System.nanoTime();
            long c = cpuNanos();
            progress.start("issuing the town", Town.issuances(spec));
            Town town = Town.issue(spec, profile, seed, fast, client.issuerPublicKey(), Runtime.getRuntime().availableProcessors(), progress);
            progress.finish(String.format("%,d wallets, %,d merchants, %,d clones", town.holders.size(), town.merchants.size(), town.clones.size()));
            if (town.classesNotShared() != null) {
                System.err.println("simulate: each SE has its own copy of the applet's classes (more memory per wallet): " + town.classesNotShared());
            }
            stages.put("issuing the town", seconds(t));
            cpu.put("issuing the town", cpuSeconds(c));

            t = System.nanoTime();
            c = cpuNanos();
            Simulation simulation = new Simulation(town, seed);
            progress.start(spec.hours() + " hours offline", spec.hours());
            Simulation.Timeline timeline = simulation.run(progress);
            progress.finish(String.format("%,d payment attempts, %,d completed", simulation.attempts,
                    timeline.total(Simulation.Outcome.COMPLETED)));
            stages.put("the hours offline", seconds(t));
            cpu.put("the hours offline", cpuSeconds(c));

            ReconciliationClient.AuditView before = client.audit();
            t = System.nanoTime();
            c = cpuNanos();
            Storm.Result storm = Storm.run(town, fast, clients, progress);
            stages.put("the reconnect storm", seconds(t));
            cpu.put("the reconnect storm", cpuSeconds(c));

            t = System.nanoTime();
            c = cpuNanos();
            Books.Verdict verdict = Books.check(town, storm, client, fast, progress);
            ReconciliationClient.AuditView after = client.audit();
            stages.put("the checks", seconds(t));
            cpu.put("the checks", cpuSeconds(c));

            SimulationReport.Run run = new SimulationReport.Run(spec, root.relativize(o.scenario().toAbsolutePath().normalize()),
                    sha256(o.scenario()), profile.name(), profile.deviceName(), backend.mode(), seed, gitCommit(root), timeline,
                    simulation.attempts, simulation.cutsArmed, storm, before, after, verdict, stages, cpu, peakHeap(), town.syncing().size());
            Path html = SimulationReport.write(out, run);
            for (String sentence : SimulationReport.sentences(run)) {
                System.err.println("simulate: " + sentence);
            }
            System.err.println("simulate: report at " + html);
            return verdict.passed() ? 0 : 1;
        }
    }

    /** The JVM's CPU time so far, all threads (the embedded backend's included), or 0 where the JVM cannot tell. */
    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static double cpuSeconds(long startNanos) {
        return Math.round((cpuNanos() - startNanos) / 1e8) / 10.0;
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static String sha256(Path file) throws IOException {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return org.dualoffline.protocol.Hex.of(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }

    private static String gitCommit(Path root) {
        return org.dualoffline.harness.HarnessIdentity.gitCommit(root);
    }
}
