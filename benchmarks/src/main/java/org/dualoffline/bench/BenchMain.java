package org.dualoffline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dualoffline.backend.UploadSettings;

/** {@code ./bench NAME}: runs one benchmark, prints its figures and writes {@code reports/bench/NAME.json}. */
public final class BenchMain {
    private static final String USAGE = """
            usage: ./bench suite    [--runs 3] [--threads 1] [--seed 1]
                   ./bench payments [--payments N] [--warmup N]
                   ./bench backend  [--wallets 1000] [--records 100] [--per-upload 20] [--warmup 300]
                                    [--clients 8] [--pool 8] [--signature-cache 131072] [--seed 1] [--profile] [--replicas N]
                   ./bench storm    [--wallets 10000] [--records 20] [--warmup 500] [--clients 64] [--pool 8]
                                    [--signature-cache 131072] [--deadline 600] [--seed 2] [--profile] [--replicas N]
                   ./bench fuzz     [--url http://host:port --token TOKEN] [--requests 5000] [--seconds 600] [--seed S] [--trace]
                   ./bench fuzz     --url http://host:port [--token TOKEN] --replay BASE64
              suite      wall time of the full reference certification (./certify --no-allure, as a process, JVM
                         start to exit), median of --runs runs after one untimed run; every run must PASS; target
                         60 s on the 2-core machine. --threads runs scenarios in parallel (see ./certify --help)
              payments   full emulated offline payments per second on one thread (real ECDSA on both SEs)
              backend    records/s uploaded through the HTTP API, verified (ECDSA), chained and settled by the
                         reconciliation backend, in-process, on PostgreSQL: wallets enrolled and funded, then
                         paying each other (LOAD, PAY, RECEIVE entries), all signed before the clock starts;
                         --warmup more wallets are uploaded first, untimed (JIT); the ledger is read back and
                         checked after. --profile samples the request threads' stacks (slows the run a little)
              storm      --wallets wallets reconnect at once, each uploading its whole log in one request,
                         --clients connections released together by one latch: records/s, p99 latency, and a
                         conservation check read back from the database (nothing lost, nothing doubled, settled
                         out = settled in, every balance as its log says); exits 1 when it fails
              fuzz       the backend tests' seeded HTTP fuzzer (reconciliation-backend/http-fuzzer) on a backend's URL, or
                         without --url on the reference backend in-process (H2 in memory): mutated bodies, paths,
                         queries, headers, methods, framing and operator tokens; every answer 2xx or a 4xx problem+json
                         without internal names, never a 5xx, no 2xx without the token off the open routes, a refused
                         request changes nothing the API shows (audit, blocklist, the fuzzer's wallets); exits 1 when a
                         rule is broken, printing each such request with its --replay. It enrols and funds three wallets
                         and blocklists one: run it on a backend set up for testing. --trace prints every exchange
              PostgreSQL: DUALOFFLINE_PG_URL (default jdbc:postgresql://127.0.0.1:5432/test), DUALOFFLINE_PG_USER
              (postgres), DUALOFFLINE_PG_PASSWORD; each run makes a fresh schema bench_<random> and drops it.
              --signature-cache 0 turns off the backend's memory of verified PAY-entry signatures.
              --replicas N (backend, storm): N backend processes (Main, each its own JVM, --pool connections each)
              over the one schema instead of the in-process backend; uploads go round-robin by upload; figures
              per replica and in total (--replicas 1 is the same out-of-process set-up with one: compare with it).
              --profile and --signature-cache reach only the in-process backend.
            writes reports/bench/<name>.json; backend and storm also report CPU per record (JVM, PostgreSQL) and
            what other processes took meanwhile""";

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // the backend's start-up chatter
        }
        Path root = Path.of(System.getProperty("dualoffline.root", "."));
        Map<String, Object> result;
        switch (args[0]) {
            case "suite" -> result = SuiteBench.run(root, new SuiteBench.Plan(intOption(args, "--runs", 3, 1),
                    intOption(args, "--threads", 1, 1), intOption(args, "--seed", 1, 0)));
            case "payments" -> {
                int payments = intOption(args, "--payments", 2_000);
                int warmup = intOption(args, "--warmup", 500);
                System.err.printf("bench payments: %d warm-up payments, then %d timed ...%n", warmup, payments);
                result = PaymentsBench.run(warmup, payments);
            }
            case "backend" -> {
                int records = intOption(args, "--records", 100, 1);
                result = BackendBench.run(new SyncBench.Plan(intOption(args, "--wallets", 1_000, 2), records,
                        Math.min(intOption(args, "--per-upload", 20, 1), 256), intOption(args, "--warmup", 300, 0),
                        intOption(args, "--clients", 8, 1), intOption(args, "--pool", 8, 1),
                        intOption(args, "--signature-cache", UploadSettings.DEFAULT_VERIFIED_SIGNATURE_CACHE, 0), intOption(args, "--deadline", 600, 1),
                        intOption(args, "--seed", 1, 0), flag(args, "--profile"),
                        intOption(args, "--replicas", 0, 0)));
            }
            case "storm" -> {
                int records = intOption(args, "--records", 20, 1);
                result = StormBench.run(new SyncBench.Plan(intOption(args, "--wallets", 10_000, 2), records, Math.min(records, 256),
                        intOption(args, "--warmup", 500, 0), intOption(args, "--clients", 64, 1), intOption(args, "--pool", 8, 1),
                        intOption(args, "--signature-cache", UploadSettings.DEFAULT_VERIFIED_SIGNATURE_CACHE, 0), intOption(args, "--deadline", 600, 1), intOption(args, "--seed", 2, 0), flag(args, "--profile"),
                        intOption(args, "--replicas", 0, 0)));
            }
            case "fuzz" -> {
                String url = stringOption(args, "--url");
                String token = stringOption(args, "--token");
                if (url != null && token == null && stringOption(args, "--replay") == null) {
                    System.err.println("bench: fuzz --url needs the backend's operator token: --token TOKEN");
                    System.exit(2);
                }
                if (stringOption(args, "--replay") != null) {
                    int status = FuzzBench.replay(url == null ? "http://127.0.0.1:8080" : url, token, stringOption(args, "--replay"), System.out);
                    System.exit(status >= 200 && status < 500 ? 0 : 1);
                }
                result = FuzzBench.run(new FuzzBench.Options(url, token, intOption(args, "--requests", 5_000, 1),
                        intOption(args, "--seed", (int) org.dualoffline.fuzz.FuzzPlan.DEFAULT_SEED, 0), intOption(args, "--seconds", 600, 1),
                        flag(args, "--trace")));
            }
            default -> {
                System.err.println("bench: unknown benchmark \"" + args[0] + "\"\n" + USAGE);
                System.exit(2);
                return;
            }
        }
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
        System.out.println(json);
        Path out = Files.createDirectories(root.resolve("reports/bench")).resolve(args[0] + ".json");
        Files.writeString(out, json);
        System.err.println("bench: " + result.get("name") + " = " + result.get("value") + " " + result.get("unit") + " -> " + out);
        if (Boolean.FALSE.equals(result.get("passed"))) {
            System.err.println("bench: " + result.get("name") + " FAILED its check (see \"check\" in " + out + ")");
            System.exit(1);
        }
        System.exit(0); // the backend's non-daemon threads are stopped, but do not wait for stragglers
    }

    private static int intOption(String[] args, String name, int def) {
        return intOption(args, name, def, 1);
    }

    private static int intOption(String[] args, String name, int def, int min) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(name)) {
                if (i + 1 < args.length) {
                    try {
                        int v = Integer.parseInt(args[i + 1]);
                        if (v >= min) {
                            return v;
                        }
                    } catch (NumberFormatException e) {
                        // fall through to the error below
                    }
                }
                System.err.println("bench: " + name + " needs a whole number of at least " + min + ", got "
                        + (i + 1 < args.length ? args[i + 1] : "nothing"));
                System.exit(2);
            }
        }
        return def;
    }

    private static String stringOption(String[] args, String name) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(name)) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    System.err.println("bench: " + name + " needs a value");
                    System.exit(2);
                }
                return args[i + 1];
            }
        }
        return null;
    }

    private static boolean flag(String[] args, String name) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(name)) {
                return true;
            }
        }
        return false;
    }
}
