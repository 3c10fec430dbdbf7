package org.dualoffline.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.dualoffline.harness.FeatureRun;
import org.dualoffline.harness.ScenarioPlan;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * {@code ./certify merge [--out DIR] [--no-allure] SHARD-DIR...}: one certification from the
 * folders of every shard of a run ({@code ./certify --shard I/N}). The shards must belong together
 * - the same N, each shard 1..N once, the same seed, profile, device, backend mode, harness
 * version and commit, tags and plan, each having run exactly its units - or nothing is written
 * (exit 2, the reason on stderr). Then their evidence, Allure results and JUnit XML go into one
 * folder, their scenario results into one list in the order a single run would have run them, and
 * the certification is judged, sealed and written as for a single run ({@link CertificationReport#complete}):
 * exit 0 PASS, 1 FAIL.
 */
final class MergeCommand {
    static final String COMMAND = "merge";
    static final String USAGE = "usage: ./certify merge [--out DIR] [--no-allure] SHARD-DIR...";
    /** Where the merged folder keeps each shard's descriptor: {@code shards/shard-I-of-N.json}. */
    static final String SHARDS = "shards";
    private static final Path DEFAULT_OUT = Path.of("reports/latest");

    /**
     * The shards' folders as given, the certification's folder (null: reports/latest), whether to generate the Allure HTML.
     */
    record Options(List<Path> shards, Path out, boolean allure, boolean help) {
        static Options parse(String... args) {
            List<Path> shards = new ArrayList<>();
            Path out = null;
            boolean allure = true;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> {
                        return new Options(List.of(), null, true, true);
                    }
                    case "--no-allure" -> allure = false;
                    case "--out" -> {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new HarnessError("--out needs a value\n" + USAGE);
                        }
                        out = Path.of(args[++i]);
                    }
                    default -> {
                        if (a.startsWith("-")) {
                            throw new HarnessError("unknown argument \"" + a + "\"\n" + USAGE);
                        }
                        shards.add(Path.of(a));
                    }
                }
            }
            if (shards.isEmpty()) {
                throw new HarnessError("merge needs the folders of the shards to merge, every one of the run's N (./certify --shard I/N --out DIR)\n"
                        + USAGE);
            }
            return new Options(shards, out, allure, false);
        }

        /** The certification's folder, relative to the repository; never the repository or above it, nor a shard's folder, in it or around it. */
        Path out(Path root) {
            Path given = out == null ? DEFAULT_OUT : out;
            Path folder = root.resolve(given).normalize();
            if (root.startsWith(folder)) {
                throw new HarnessError("--out \"" + given + "\" is the repository or a folder above it; merge empties its report folder first");
            }
            for (Path shard : shardFolders(root)) {
                if (shard.startsWith(folder) || folder.startsWith(shard)) {
                    throw new HarnessError("--out \"" + given + "\" is, holds or lies inside the shard folder " + shard
                            + ": merge empties its report folder first, and a shard's folder is left as it is; give another --out");
                }
            }
            return folder;
        }

        /** The shards' folders, relative to the repository. */
        List<Path> shardFolders(Path root) {
            return shards.stream().map(s -> root.resolve(s).normalize()).toList();
        }
    }

    /** A shard's folder as merge reads it: its descriptor and its scenarios' results. */
    private record ShardFolder(Path folder, ShardDescriptor descriptor, List<JsonNode> results) {
        String name() {
            return "shard " + descriptor.shard().label() + " (" + folder + ")";
        }
    }

    private MergeCommand() {}

    /** Checks the shards, merges them into the report folder and writes the certification; the result names certification.json. */
    static CertifyResult run(Path root, Options options) {
        if (options.help()) {
            System.out.println(USAGE + "\n  merges the folders of all N shards of one run (./certify --shard I/N) into one certification;"
                    + " see docs/sharding.md");
            return new CertifyResult("help", CertifyMain.PASS, null);
        }
        RequirementCatalogue catalogue = CertifyMain.catalogue(root);
        Path out = options.out(root);
        List<ShardFolder> shards = read(options.shardFolders(root));
        checkTogether(shards);
        ConsoleSummary console = new ConsoleSummary(System.err);
        console.merging(shards.stream().map(ShardFolder::descriptor).toList());

        CertifyMain.prepare(out);
        List<Path> descriptors = new ArrayList<>();
        for (ShardFolder s : shards) {
            copyShard(s, out);
            descriptors.add(out.resolve(SHARDS).resolve("shard-" + s.descriptor().shard().fileLabel() + ".json"));
        }
        mergeJunit(shards.stream().map(s -> s.folder().resolve(FeatureRun.JUNIT_REPORT)).toList(), out.resolve(FeatureRun.JUNIT_REPORT));
        writeResults(shards, out.resolve(FeatureRun.SCENARIO_RESULTS));

        CertificationReport report = new CertificationReport(root, out, console);
        Certification cert = new Certification(runInfo(shards), report.scenarios(), catalogue);
        for (ShardFolder s : shards) {
            ShardDescriptor d = s.descriptor();
            cert.addShard(d.shard().label(), d.agent(), d.run().startedAt(), d.run().finishedAt(), s.results().size());
            String cucumber = "cucumber/shard-" + d.shard().fileLabel() + "/" + Path.of(FeatureRun.CUCUMBER_REPORT).getFileName();
            if (Files.isRegularFile(out.resolve(cucumber))) {
                cert.addArtifact("Cucumber report, shard " + d.shard().label(), cucumber);
            }
        }
        report.complete(cert, options.allure(), descriptors);
        console.finished(cert, out);
        return new CertifyResult(COMMAND, cert.verdict() == Certification.Verdict.PASS ? CertifyMain.PASS : CertifyMain.FAIL,
                out.resolve("certification.json"));
    }

    /** Each folder's descriptor and results, in shard order; a folder given twice, or without a finished shard, is refused. */
    private static List<ShardFolder> read(List<Path> folders) {
        Set<Path> seen = new LinkedHashSet<>();
        List<ShardFolder> shards = new ArrayList<>();
        for (Path folder : folders) {
            if (!seen.add(folder)) {
                throw new HarnessError("the shard folder " + folder + " is given twice");
            }
            if (!Files.isDirectory(folder)) {
                throw new HarnessError("the shard folder " + folder + " does not exist");
            }
            ShardDescriptor descriptor = ShardDescriptor.read(folder);
            Path results = folder.resolve(FeatureRun.SCENARIO_RESULTS);
            if (!Files.isRegularFile(results)) {
                throw new HarnessError(folder + " has a " + ShardDescriptor.FILE + " but no " + FeatureRun.SCENARIO_RESULTS
                        + ": the shard's folder is incomplete");
            }
            shards.add(new ShardFolder(folder, descriptor, CertificationReport.scenarioNodes(results)));
        }
        shards.sort(Comparator.comparingInt(s -> s.descriptor().shard().index()));
        return shards;
    }

    /**
     * Refuses shards that do not make one whole run: of different splits, one given twice or
     * missing, run differently (seed, profile, device, backend mode, harness, tags, plan), a unit
     * owned by two shards or by none, a shard whose results or evidence are not exactly its scenarios'.
     */
    private static void checkTogether(List<ShardFolder> shards) {
        ShardFolder first = shards.get(0);
        int count = first.descriptor().shard().count();
        for (ShardFolder s : shards) {
            if (s.descriptor().shard().count() != count) {
                throw new HarnessError(first.name() + " and " + s.name() + " are shards of splits into " + count + " and "
                        + s.descriptor().shard().count() + ": merge the shards of one run, all of them");
            }
        }
        Map<Integer, ShardFolder> byIndex = new TreeMap<>();
        for (ShardFolder s : shards) {
            ShardFolder before = byIndex.put(s.descriptor().shard().index(), s);
            if (before != null) {
                throw new HarnessError("shard " + s.descriptor().shard().label() + " is given twice: " + before.folder() + " and " + s.folder());
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i + "/" + count);
            }
        }
        if (!missing.isEmpty()) {
            throw new HarnessError("shard" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + (missing.size() > 1 ? " are" : " is")
                    + " missing: merge needs every one of the run's " + count + " shards, each once (given: "
                    + String.join(", ", shards.stream().map(ShardFolder::name).toList()) + ")");
        }
        for (ShardFolder s : shards.subList(1, shards.size())) {
            sameRun(first, s);
        }
        checkOwnership(shards);
        for (ShardFolder s : shards) {
            checkResults(s);
        }
    }

    /** The two shards were run alike: the same profile, device, backend mode, harness, seed and tags. */
    private static void sameRun(ShardFolder a, ShardFolder b) {
        Map<String, Function<ShardDescriptor, Object>> alike = new LinkedHashMap<>();
        alike.put("seed", d -> d.run().seed());
        alike.put("profile", d -> d.run().profile());
        alike.put("device", d -> d.run().device());
        alike.put("backend mode", d -> d.run().backendMode());
        alike.put("harness version", d -> d.run().harnessVersion());
        alike.put("harness commit", d -> d.run().harnessCommit());
        alike.put("--tags", d -> d.tags() == null ? "(none: every scenario)" : d.tags());
        for (Map.Entry<String, Function<ShardDescriptor, Object>> e : alike.entrySet()) {
            Object va = e.getValue().apply(a.descriptor());
            Object vb = e.getValue().apply(b.descriptor());
            if (!Objects.equals(va, vb)) {
                throw new HarnessError(a.name() + " and " + b.name() + " are not shards of one run: the " + e.getKey() + " differs (" + va
                        + " and " + vb + "); run every shard with the same options on the same commit");
            }
        }
    }

    /** Every unit of the plan is run by exactly one shard, and every shard planned the same units. */
    private static void checkOwnership(List<ShardFolder> shards) {
        Map<String, ShardFolder> owner = new HashMap<>();
        for (ShardFolder s : shards) {
            for (ScenarioPlan.Unit u : s.descriptor().units()) {
                ShardFolder before = owner.put(u.key(), s);
                if (before != null) {
                    throw new HarnessError("the scenario unit " + u.key() + " (" + u.feature() + ":" + u.line() + ") was run by both "
                            + before.name() + " and " + s.name() + ": a scenario is run by one shard only");
                }
            }
        }
        List<ScenarioPlan.Unit> plan = units(shards.get(0));
        for (ShardFolder s : shards.subList(1, shards.size())) {
            if (!units(s).equals(plan)) {
                throw new HarnessError(shards.get(0).name() + " and " + s.name() + " planned different scenarios (" + plan.size() + " and "
                        + units(s).size() + " units): the features they ran differ");
            }
        }
        List<String> unowned = plan.stream().map(ScenarioPlan.Unit::key).filter(k -> !owner.containsKey(k)).toList();
        if (!unowned.isEmpty()) {
            throw new HarnessError("no shard ran the scenario units " + unowned + " of the plan");
        }
    }

    private static List<ScenarioPlan.Unit> units(ShardFolder s) {
        return s.descriptor().plan().stream().map(ShardDescriptor.Planned::unit).toList();
    }

    /** A shard has a result, and evidence, for each of its scenarios and for nothing else. */
    private static void checkResults(ShardFolder s) {
        List<String> keys = s.results().stream().map(r -> r.path("key").asText()).toList();
        Set<String> expected = new LinkedHashSet<>(s.descriptor().scenarioKeys());
        List<String> lacking = expected.stream().filter(k -> !keys.contains(k)).toList();
        if (!lacking.isEmpty()) {
            throw new HarnessError(s.name() + " has no result for its scenarios " + lacking + ": its folder is incomplete");
        }
        List<String> foreign = keys.stream().filter(k -> !expected.contains(k)).toList();
        if (!foreign.isEmpty()) {
            throw new HarnessError(s.name() + " has results of scenarios that are not its own: " + foreign);
        }
        if (keys.size() != expected.size()) {
            throw new HarnessError(s.name() + " has more than one result for a scenario: " + keys);
        }
        for (String k : keys) {
            if (!Files.isDirectory(s.folder().resolve("evidence").resolve(k))) {
                throw new HarnessError(s.name() + " has no evidence for its scenario " + k + " (evidence/" + k + "): its folder is incomplete");
            }
        }
    }

    /** The run of the merged certification: the shards' (all alike), from the first shard's start to the last one's end. */
    private static Certification.RunInfo runInfo(List<ShardFolder> shards) {
        Certification.RunInfo first = shards.get(0).descriptor().run();
        List<Certification.RunInfo> runs = shards.stream().map(s -> s.descriptor().run()).toList();
        Instant started = runs.stream().map(Certification.RunInfo::startedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant finished = runs.stream().map(Certification.RunInfo::finishedAt).max(Comparator.naturalOrder()).orElseThrow();
        List<String> urls = runs.stream().map(Certification.RunInfo::backendUrl).filter(Objects::nonNull).distinct().toList();
        return new Certification.RunInfo(first.profile(), first.device(), first.backendMode(), urls.isEmpty() ? null : String.join(", ", urls),
                first.harnessVersion(), first.harnessCommit(), first.seed(), started, finished);
    }

    /**
     * Copies what a shard ran into the merged folder: its scenarios' evidence, its Allure results,
     * its Cucumber report (cucumber/shard-I-of-N/) and its descriptor (shards/shard-I-of-N.json).
     * No file is overwritten: two shards with the same file are refused.
     */
    private static void copyShard(ShardFolder s, Path out) {
        String label = s.descriptor().shard().fileLabel();
        try {
            for (String key : s.descriptor().scenarioKeys()) {
                copyTree(s.folder().resolve("evidence").resolve(key), out.resolve("evidence").resolve(key));
            }
            copyTree(s.folder().resolve(FeatureRun.ALLURE_RESULTS), out.resolve(FeatureRun.ALLURE_RESULTS));
            Path cucumber = s.folder().resolve(FeatureRun.CUCUMBER_REPORT).getParent();
            copyTree(cucumber, out.resolve(cucumber.getFileName()).resolve("shard-" + label));
            Files.createDirectories(out.resolve(SHARDS));
            Files.copy(s.folder().resolve(ShardDescriptor.FILE), out.resolve(SHARDS).resolve("shard-" + label + ".json"));
        } catch (FileAlreadyExistsException e) {
            throw new HarnessError("two shards have the same file " + out.relativize(Path.of(e.getFile())) + ": merging " + s.name()
                    + " would overwrite another shard's");
        } catch (IOException e) {
            throw new HarnessError("cannot copy " + s.name() + " into " + out + ": " + e.getMessage());
        }
    }

    /** Copies the files under {@code from} (if it exists) to the same places under {@code to}, overwriting none. */
    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.sorted().toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    /** The shards' scenario results as one list, in the order a single run runs them: the plan's units in order, each unit's scenarios in order. */
    private static void writeResults(List<ShardFolder> shards, Path file) {
        Map<String, Integer> order = new HashMap<>();
        for (ScenarioPlan.Unit u : units(shards.get(0))) {
            for (String key : u.scenarios()) {
                order.put(key, order.size());
            }
        }
        List<JsonNode> all = new ArrayList<>(shards.stream().flatMap(s -> s.results().stream()).toList());
        all.sort(Comparator.comparingInt(r -> order.get(r.get("key").asText())));
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), Map.of("scenarios", all));
        } catch (IOException e) {
            throw new HarnessError("cannot write the merged scenario results " + file + ": " + e.getMessage());
        }
    }

    /**
     * One JUnit XML of the shards' ones: Cucumber writes a single {@code testsuite}; the merged one
     * holds every shard's test cases, in shard order, with the counts and times added up and the
     * earliest timestamp. Shards without a JUnit XML (none ran a scenario) add nothing.
     */
    static void mergeJunit(List<Path> files, Path into) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document merged = factory.newDocumentBuilder().newDocument();
            Element suite = null;
            Map<String, Long> counts = new LinkedHashMap<>(Map.of("tests", 0L, "skipped", 0L, "failures", 0L, "errors", 0L));
            BigDecimal time = BigDecimal.ZERO;
            String timestamp = null;
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                Element root = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
                if (suite == null) {
                    suite = (Element) merged.importNode(root, false);
                    merged.appendChild(suite);
                }
                for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
                    suite.appendChild(merged.importNode(child, true));
                }
                for (String count : counts.keySet()) {
                    counts.merge(count, root.hasAttribute(count) ? Long.parseLong(root.getAttribute(count)) : 0L, Long::sum);
                }
                time = root.hasAttribute("time") ? time.add(new BigDecimal(root.getAttribute("time"))) : time;
                String at = root.getAttribute("timestamp");
                if (!at.isEmpty() && (timestamp == null || at.compareTo(timestamp) < 0)) {
                    timestamp = at;
                }
            }
            if (suite == null) {
                return;
            }
            for (Map.Entry<String, Long> c : counts.entrySet()) {
                suite.setAttribute(c.getKey(), Long.toString(c.getValue()));
            }
            suite.setAttribute("time", time.toPlainString());
            if (timestamp != null) {
                suite.setAttribute("timestamp", timestamp);
            }
            Files.createDirectories(into.getParent());
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(merged), new StreamResult(into.toFile()));
        } catch (IOException | ParserConfigurationException | SAXException | TransformerException | NumberFormatException e) {
            throw new HarnessError("cannot merge the shards' JUnit XML " + files + ": " + e.getMessage());
        }
    }
}
