package org.dualoffline.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The certification verdicts of one run: per requirement from the scenarios tagged with it, and
 * overall. {@link #toJson()} is the document written as {@code certification.json}.
 */
public final class Certification {
    public enum Verdict { PASS, FAIL, NOT_APPLICABLE, NOT_TESTED }

    /** Who and what was certified, and how. */
    public record RunInfo(String profile, Map<String, Object> device, String backendMode, String backendUrl, String harnessVersion,
                          String harnessCommit, long seed, Instant startedAt, Instant finishedAt) {
        /** The run as certification.json (and a shard's shard.json) begins: profile, device, backend, harness, seed, times. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("profile", profile);
            m.put("device", device);
            Map<String, Object> backend = new LinkedHashMap<>();
            backend.put("mode", backendMode);
            if (backendUrl != null) {
                backend.put("url", backendUrl);
            }
            m.put("backend", backend);
            m.put("harnessVersion", harnessVersion);
            m.put("harnessCommit", harnessCommit);
            m.put("seed", seed);
            m.put("startedAt", startedAt.toString());
            m.put("finishedAt", finishedAt.toString());
            return m;
        }

        /** The run {@link #toJson()} wrote. */
        @SuppressWarnings("unchecked")
        public static RunInfo fromJson(JsonNode json) {
            JsonNode backend = json.get("backend");
            return new RunInfo(json.get("profile").asText(), new ObjectMapper().convertValue(json.get("device"), LinkedHashMap.class),
                    backend.get("mode").asText(), backend.hasNonNull("url") ? backend.get("url").asText() : null, json.get("harnessVersion").asText(),
                    json.get("harnessCommit").asText(), json.get("seed").asLong(), Instant.parse(json.get("startedAt").asText()),
                    Instant.parse(json.get("finishedAt").asText()));
        }
    }

    /** A requirement's verdict and the scenarios behind it. */
    public record RequirementVerdict(RequirementCatalogue.Requirement requirement, Verdict verdict, List<ScenarioResult> scenarios) {}

    private final RunInfo run;
    private final List<ScenarioResult> scenarios;
    private final List<RequirementVerdict> requirements = new ArrayList<>();
    private final List<String> unknownTags = new ArrayList<>();
    private final Verdict verdict;
    private String evidenceSha256 = "";
    private final Map<String, String> artifacts = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> tearing = new LinkedHashMap<>();
    private final Map<String, List<String>> flows = new LinkedHashMap<>();
    private final List<Map<String, Object>> shards = new ArrayList<>();

    public Certification(RunInfo run, List<ScenarioResult> scenarios, RequirementCatalogue catalogue) {
        this.run = run;
        this.scenarios = List.copyOf(scenarios);
        for (RequirementCatalogue.Requirement r : catalogue.all()) {
            List<ScenarioResult> tagged = scenarios.stream().filter(s -> s.requirementIds().contains(r.id())).toList();
            requirements.add(new RequirementVerdict(r, verdictOf(tagged), tagged));
        }
        for (ScenarioResult s : scenarios) {
            for (String id : s.requirementIds()) {
                if (!catalogue.contains(id) && !unknownTags.contains(id)) {
                    unknownTags.add(id);
                }
            }
        }
        boolean anyFailed = scenarios.stream().anyMatch(ScenarioResult::failed)
                || requirements.stream().anyMatch(r -> r.verdict() == Verdict.FAIL);
        this.verdict = anyFailed || scenarios.isEmpty() || !unknownTags.isEmpty() ? Verdict.FAIL : Verdict.PASS;
    }

    private static Verdict verdictOf(List<ScenarioResult> tagged) {
        if (tagged.stream().anyMatch(ScenarioResult::failed)) {
            return Verdict.FAIL;
        }
        if (tagged.stream().anyMatch(ScenarioResult::passed)) {
            return Verdict.PASS;
        }
        if (!tagged.isEmpty() && tagged.stream().allMatch(ScenarioResult::notApplicable)) {
            return Verdict.NOT_APPLICABLE;
        }
        return Verdict.NOT_TESTED;
    }

    public Verdict verdict() {
        return verdict;
    }

    public RunInfo run() {
        return run;
    }

    public List<ScenarioResult> scenarios() {
        return scenarios;
    }

    public List<RequirementVerdict> requirements() {
        return requirements;
    }

    public List<String> unknownRequirementTags() {
        return unknownTags;
    }

    public void setEvidenceSha256(String sha) {
        this.evidenceSha256 = sha;
    }

    public String evidenceSha256() {
        return evidenceSha256;
    }

    /** Relative paths of the run's reports ("allureReport" -> "allure-report/index.html"). */
    public void addArtifact(String name, String path) {
        artifacts.put(name, path);
    }

    public Map<String, String> artifacts() {
        return artifacts;
    }

    /** Adds one tearing campaign's counts to its flow's totals. */
    public void addTearing(String flow, int tearPoints, int violations, String evidence) {
        Map<String, Object> t = tearing.computeIfAbsent(flow, f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tearPoints", 0);
            m.put("violations", 0);
            m.put("evidence", new ArrayList<String>());
            return m;
        });
        t.put("tearPoints", (Integer) t.get("tearPoints") + tearPoints);
        t.put("violations", (Integer) t.get("violations") + violations);
        @SuppressWarnings("unchecked")
        List<String> ev = (List<String>) t.get("evidence");
        ev.add(evidence);
    }

    /** The touch-flow pictures ("flow-01.svg") filed for a scenario. */
    public void addFlows(String scenarioKey, List<String> files) {
        flows.put(scenarioKey, List.copyOf(files));
    }

    public Map<String, List<String>> flows() {
        return flows;
    }

    public Map<String, Map<String, Object>> tearing() {
        return tearing;
    }

    /**
     * Notes one of the shards this certification was merged from ({@code ./certify merge}): which
     * shard ("1/2"), the machine that ran it, when, and how many scenarios it ran.
     */
    public void addShard(String shard, String agent, Instant startedAt, Instant finishedAt, int scenarios) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shard", shard);
        m.put("agent", agent);
        m.put("startedAt", startedAt.toString());
        m.put("finishedAt", finishedAt.toString());
        m.put("scenarios", scenarios);
        shards.add(m);
    }

    /** The shards this certification was merged from, in shard order; empty for a certification run whole. */
    public List<Map<String, Object>> shards() {
        return shards;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>(run.toJson());
        if (!shards.isEmpty()) {
            Map<String, Object> merged = new LinkedHashMap<>();
            merged.put("count", shards.size());
            merged.put("shards", shards);
            m.put("mergedFrom", merged);
        }
        m.put("verdict", verdict.name());
        m.put("scenarios", ScenarioResult.counts(scenarios));
        List<Map<String, Object>> reqs = new ArrayList<>();
        for (RequirementVerdict rv : requirements) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", rv.requirement().id());
            r.put("title", rv.requirement().statement());
            r.put("area", rv.requirement().area());
            r.put("verdict", rv.verdict().name().replace('_', ' '));
            List<Map<String, Object>> ss = new ArrayList<>();
            for (ScenarioResult s : rv.scenarios()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("name", s.name());
                sm.put("status", s.status());
                sm.put("location", s.uri().replaceFirst("^.*?(features/)", "$1") + ":" + s.line());
                sm.put("evidence", "evidence/" + s.key());
                if (s.error() != null) {
                    sm.put("error", s.error());
                }
                ss.add(sm);
            }
            r.put("scenarios", ss);
            reqs.add(r);
        }
        m.put("requirements", reqs);
        m.put("tearing", tearing);
        if (!unknownTags.isEmpty()) {
            m.put("unknownRequirementTags", unknownTags);
        }
        m.put("evidence", Map.of("manifest", "evidence/" + EvidenceBundle.MANIFEST, "sha256", evidenceSha256));
        m.put("reports", artifacts);
        return m;
    }
}
