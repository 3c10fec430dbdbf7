package org.dualoffline.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.dualoffline.harness.ScenarioPlan;

/**
 * {@value #FILE}: what one shard of a certification ran, and for which run. {@code ./certify --shard}
 * writes it into its report folder as the last thing it does, once every scenario of the shard has
 * a result: a folder without it holds no finished shard. {@code ./certify merge} reads it to check
 * that the shards belong together and that each ran exactly its share.
 *
 * @param shard which shard, of how many
 * @param run the run as certification.json describes one: profile, device, backend, harness version and commit, seed, times
 * @param tags the {@code --tags} the plan was made with, or null
 * @param agent the machine that ran the shard (Jenkins' NODE_NAME, else the host name)
 * @param plan every unit of the run's plan, in the plan's order, each with the shard that runs it
 */
record ShardDescriptor(Shard shard, Certification.RunInfo run, String tags, String agent, List<Planned> plan) {
    static final String FILE = "shard.json";
    /** The version of this file's layout: merge refuses a shard.json of another. */
    static final int FORMAT = 1;

    /** A unit of the plan and the shard (1..N) that runs it. */
    record Planned(ScenarioPlan.Unit unit, int shard) {}

    ShardDescriptor {
        plan = List.copyOf(plan);
    }

    /** The descriptor of {@code shard} of a run with this plan. */
    static ShardDescriptor of(Shard shard, Certification.RunInfo run, String tags, ScenarioPlan plan) {
        int[] owner = Shard.assign(plan, shard.count());
        List<Planned> planned = IntStream.range(0, owner.length).mapToObj(i -> new Planned(plan.units().get(i), owner[i])).toList();
        return new ShardDescriptor(shard, run, tags, thisMachine(), planned);
    }

    /** The units this shard ran, in the plan's order. */
    List<ScenarioPlan.Unit> units() {
        return plan.stream().filter(p -> p.shard() == shard.index()).map(Planned::unit).toList();
    }

    /** The keys of the scenarios this shard ran. */
    List<String> scenarioKeys() {
        return units().stream().flatMap(u -> u.scenarios().stream()).toList();
    }

    /** Writes {@value #FILE} into {@code folder}, with the counts of the scenarios the shard ran; returns the file. */
    Path write(Path folder, List<ScenarioResult> scenarios) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        Map<String, Object> which = new LinkedHashMap<>();
        which.put("index", shard.index());
        which.put("count", shard.count());
        m.put("shard", which);
        m.put("note", "shard " + shard.label() + " of a certification: it certifies nothing alone; ./certify merge the folders of all "
                + shard.count() + " shards to have the certification");
        m.putAll(run.toJson());
        m.put("tags", tags);
        m.put("agent", agent);
        m.put("scenarios", ScenarioResult.counts(scenarios));
        m.put("units", units().stream().map(ScenarioPlan.Unit::key).toList());
        List<Map<String, Object>> units = new ArrayList<>();
        for (Planned p : plan) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("unit", p.unit().key());
            u.put("feature", p.unit().feature());
            u.put("line", p.unit().line());
            u.put("scenarios", p.unit().scenarios());
            u.put("shard", p.shard());
            units.add(u);
        }
        m.put("plan", units);
        Path file = folder.resolve(FILE);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), m);
        } catch (IOException e) {
            throw new HarnessError("cannot write the shard's descriptor " + file + ": " + e.getMessage());
        }
        return file;
    }

    /** The {@value #FILE} of a shard's report folder; a folder without one, or with one that cannot be read, is a {@link HarnessError}. */
    static ShardDescriptor read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new HarnessError(folder + " holds no " + FILE + ": it is not the folder of a shard (./certify --shard I/N --out DIR), "
                    + "or its shard did not finish (a shard that stopped with exit code 2 writes none)");
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new HarnessError("cannot read the shard's descriptor " + file + ": " + e.getMessage());
        }
        if (json.path("format").asInt() != FORMAT) {
            throw new HarnessError(file + " is of format " + json.path("format").asText("?") + ", this harness reads format " + FORMAT
                    + ": merge shards with the harness that ran them");
        }
        ShardDescriptor descriptor;
        try {
            descriptor = fromJson(json);
        } catch (RuntimeException e) { // a field missing or of the wrong kind, a shard number out of range
            throw new HarnessError(file + " is not a shard descriptor this harness can read: " + e.getMessage());
        }
        List<String> listed = new ArrayList<>();
        json.get("units").forEach(k -> listed.add(k.asText()));
        List<String> planned = descriptor.units().stream().map(ScenarioPlan.Unit::key).toList();
        if (!listed.equals(planned)) {
            throw new HarnessError(file + " lists the units " + listed + " as shard " + descriptor.shard().label() + "'s, but its plan gives it "
                    + planned + ": the file was changed after the shard ran");
        }
        return descriptor;
    }

    private static ShardDescriptor fromJson(JsonNode json) {
        for (String field : List.of("shard", "profile", "device", "backend", "harnessVersion", "harnessCommit", "seed", "startedAt", "finishedAt",
                "units", "plan")) {
            if (!json.hasNonNull(field)) {
                throw new IllegalArgumentException("it has no \"" + field + "\"");
            }
        }
        Shard shard = new Shard(json.get("shard").get("index").asInt(), json.get("shard").get("count").asInt());
        List<Planned> plan = new ArrayList<>();
        for (JsonNode u : json.get("plan")) {
            List<String> scenarios = new ArrayList<>();
            u.get("scenarios").forEach(k -> scenarios.add(k.asText()));
            plan.add(new Planned(new ScenarioPlan.Unit(u.get("unit").asText(), u.get("feature").asText(), u.get("line").asInt(), scenarios),
                    u.get("shard").asInt()));
        }
        if (!json.get("units").isArray()) {
            throw new IllegalArgumentException("\"units\" is not a list");
        }
        return new ShardDescriptor(shard, Certification.RunInfo.fromJson(json), json.hasNonNull("tags") ? json.get("tags").asText() : null,
                json.path("agent").asText("unknown"), plan);
    }

    /** The machine this JVM runs on, as a lab would name it: Jenkins' agent (NODE_NAME), else the host name. */
    private static String thisMachine() {
        String node = System.getenv("NODE_NAME");
        if (node != null && !node.isBlank()) {
            return node;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
