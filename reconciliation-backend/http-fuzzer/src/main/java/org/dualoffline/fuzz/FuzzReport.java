package org.dualoffline.fuzz;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a fuzzing run did and found.
 *
 * @param requests    fuzzed requests sent (primers and the setup's and probe's requests not counted)
 * @param exchanges   every request sent: fuzzed ones, primers, the setup's and the final check's (the state probe's not)
 * @param statuses    how often each status was answered to a fuzzed request
 * @param failures    the requests whose answers broke a rule (the first {@value HttpFuzzer#KEPT_FAILURES}), each replayable
 * @param failed      how many requests broke a rule in all
 * @param rules       how often each rule was broken (statuses as N)
 */
public record FuzzReport(String target, long seed, int requests, int exchanges, int connections, long millis, boolean stoppedByTime,
                         Map<Integer, Integer> statuses, List<Failure> failures, int failed, Map<String, Integer> rules) {

    /** One request whose answer broke a rule. */
    public record Failure(int index, String label, String request, String replay, String answer, List<String> broken) {
        public String describe() {
            return "request #" + index + " (" + label + ") broke: " + String.join("; ", broken) + "\n  sent:   " + request
                    + "\n  answer: " + answer + "\n  replay: ./bench fuzz --url <url> --token <token> --replay " + replay;
        }
    }

    public boolean passed() {
        return failed == 0;
    }

    /** One line: seed, requests, time, connections, answers, failures. */
    public String summary() {
        String answers = statuses.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
        return String.format("http fuzzer on %s: seed %d, %d requests in %.1f s (%d exchanges in all, %d connections)%s; answers %s; %s",
                target, seed, requests, millis / 1000.0, exchanges, connections, stoppedByTime ? ", stopped by the time limit" : "", answers,
                failed == 0 ? "no rule broken" : failed + " requests broke a rule");
    }

    /** The summary, how often each rule was broken, then every kept failure with its replay. */
    public String text() {
        return summary() + rules.entrySet().stream().map(e -> "\n  " + e.getValue() + " x " + e.getKey()).collect(Collectors.joining())
                + failures.stream().map(f -> "\n" + f.describe()).collect(Collectors.joining());
    }
}
