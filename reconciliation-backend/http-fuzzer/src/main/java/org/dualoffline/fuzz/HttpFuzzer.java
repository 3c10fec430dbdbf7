package org.dualoffline.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A seeded HTTP fuzzer for any reconciliation backend, reached only through its URL. It prepares
 * valid requests for every route ({@link Corpus}), then sends mutated ones ({@link Mutator}) one at
 * a time, mostly on one keep-alive connection, and judges every answer ({@link Oracle}); after
 * each refused request it compares the backend's state with the state before it
 * ({@link StateProbe}): a refused request changes nothing. At the end the backend must still
 * answer a good request. Bounded by the plan's count and time.
 */
public final class HttpFuzzer {
    static final int KEPT_FAILURES = 20;

    private final URI baseUrl;
    private final String token;
    private final PrintStream log;
    private PrintStream trace;

    public HttpFuzzer(URI baseUrl, String token, PrintStream log) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.log = log;
    }

    /** Also prints every exchange (index, what was done, status, the request) to {@code out}. */
    public HttpFuzzer tracing(PrintStream out) {
        this.trace = out;
        return this;
    }

    /** Runs {@code plan}; {@code probeFor} gives the state probe once the corpus (and its wallets) exists. */
    public FuzzReport run(FuzzPlan plan, Function<Corpus, StateProbe> probeFor) throws Exception {
        long start = System.nanoTime();
        long deadline = start + plan.timeLimit().toNanos();
        Random random = new Random(plan.seed());
        Oracle oracle = new Oracle(token);
        Mutator mutator = new Mutator(random, token);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<FuzzReport.Failure> failures = new ArrayList<>();
        Map<String, Integer> rules = new TreeMap<>();
        int failed = 0;
        int sent = 0;
        log.printf("http fuzzer: seed %d, up to %d requests or %d s, against %s%n", plan.seed(), plan.requests(),
                plan.timeLimit().toSeconds(), baseUrl);
        try (RawHttp connection = new RawHttp(baseUrl, plan.answerTimeout())) {
            Corpus corpus = Corpus.prepare(connection, token, plan.seed());
            StateProbe probe = probeFor.apply(corpus);
            int exchanges = corpus.exchanges();
            String before = null;
            int enrolments = 0;
            boolean stoppedByTime = false;
            for (; sent < plan.requests(); sent++) {
                if (System.nanoTime() > deadline) {
                    stoppedByTime = true;
                    break;
                }
                int pick = random.nextInt(corpus.requests().size() + 2); // two draws in more for a fresh enrolment
                FuzzStep step = mutator.next(pick < corpus.requests().size() ? corpus.requests().get(pick)
                        : corpus.enrolments().get(enrolments++ % corpus.enrolments().size()));
                if (step.isolated() || random.nextInt(10) == 0) {
                    connection.close();
                }
                List<String> broken = new ArrayList<>();
                if (step.primer() != null) {
                    exchanges++;
                    broken.addAll(answer(connection, new FuzzStep(step.primer(), null, false, false), oracle).broken());
                    before = null;
                }
                if (before == null) {
                    before = probe.snapshot();
                }
                exchanges++;
                Judged judged = answer(connection, step, oracle);
                broken.addAll(judged.broken());
                int status = judged.response() == null ? 0 : judged.response().status();
                statuses.merge(status, 1, Integer::sum);
                if (trace != null) {
                    trace.printf("#%d %s -> %d%s: %s%n", sent, step.request().label(), status, step.primer() == null ? "" : " (after a primer)",
                            abbreviate(Replay.readable(step.request().bytes(), token)));
                }
                if (status >= 400 || status == 0) {
                    String after = probe.snapshot();
                    if (!after.equals(before)) {
                        broken.add("a refused request changed the backend's state: " + firstDifference(before, after));
                    }
                    before = after;
                } else {
                    before = null;
                }
                if (step.isolated()) {
                    connection.close();
                }
                if (!broken.isEmpty()) {
                    failed++;
                    broken.forEach(b -> rules.merge(b.replaceFirst("^a \\d{3} ", "a N ").replaceAll(": .*", ""), 1, Integer::sum));
                    if (failures.size() < KEPT_FAILURES) {
                        failures.add(failure(sent, step, judged, broken));
                    }
                }
            }
            exchanges += 2;
            if (!stillServing(plan, failures)) {
                failed++;
                rules.merge("the backend no longer answers a good request", 1, Integer::sum);
            }
            FuzzReport report = new FuzzReport(baseUrl.toString(), plan.seed(), sent, exchanges, connection.connections(),
                    (System.nanoTime() - start) / 1_000_000, stoppedByTime, statuses, List.copyOf(failures), failed, rules);
            log.println(report.text());
            return report;
        }
    }

    private record Judged(RawResponse response, List<String> broken) {}

    private static Judged answer(RawHttp connection, FuzzStep step, Oracle oracle) {
        try {
            RawResponse r = connection.send(step.request());
            return new Judged(r, oracle.judge(step, r));
        } catch (RawHttp.NoAnswer e) {
            return new Judged(null, List.of("no answer: " + e.getMessage()));
        }
    }

    /** Two good requests on a fresh connection, an open and an operator one: each must be answered 200. */
    private boolean stillServing(FuzzPlan plan, List<FuzzReport.Failure> failures) throws IOException {
        try (RawHttp fresh = new RawHttp(baseUrl, plan.answerTimeout())) {
            for (FuzzRequest good : List.of(FuzzRequest.of("GET", "/v1/health", fresh.hostHeader()),
                    FuzzRequest.of("GET", "/v1/audit", fresh.hostHeader()).withBearer(token))) {
                RawResponse r;
                try {
                    r = fresh.exchange(good.bytes(), false);
                } catch (RawHttp.NoAnswer e) {
                    r = null;
                }
                if (r == null || r.status() != 200) {
                    failures.add(new FuzzReport.Failure(-1, "after the run", Replay.readable(good.bytes(), token), Replay.encode(good.bytes(), token),
                            r == null ? "none" : r.head(), List.of("the backend no longer answers a good request")));
                    return false;
                }
            }
        }
        return true;
    }

    private FuzzReport.Failure failure(int index, FuzzStep step, Judged judged, List<String> broken) {
        byte[] bytes = step.request().bytes();
        String answer = judged.response() == null ? "none" : judged.response().head().replace("\n", " | ") + " | "
                + Replay.escape(abbreviate(judged.response().text()));
        String sent = (step.primer() == null ? "" : "[after a valid request with the right token on the same connection] ")
                + abbreviate(Replay.readable(bytes, token));
        return new FuzzReport.Failure(index, step.request().label(), sent, Replay.encode(bytes, token), answer, List.copyOf(broken));
    }

    private static String abbreviate(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "... (" + s.length() + " chars)";
    }

    private static String firstDifference(String before, String after) {
        String[] a = before.split("\n");
        String[] b = after.split("\n");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "";
            String y = i < b.length ? b[i] : "";
            if (!x.equals(y)) {
                return "before: " + abbreviate(x) + " / after: " + abbreviate(y);
            }
        }
        return "(same lines)";
    }
}
