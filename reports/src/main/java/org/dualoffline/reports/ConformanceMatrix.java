package org.dualoffline.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dualoffline.harness.FeatureRun;
import org.dualoffline.harness.Checks;

/**
 * The conformance matrix: for every clause of the protocol spec (and every backend section the
 * steps cite), the requirements and scenarios whose steps check it, from the {@link Checks} of
 * the step definitions and a dry run of the features. A {@code Checks} entry
 * {@code "P-5.10-8 | it is over the single-payment limit"} counts only where the step's text
 * says so. Rendered into {@code docs/conformance-matrix.md} by {@code ./certify matrix}; the
 * build fails when that page is stale ({@code ConformanceTraceTest}).
 */
final class ConformanceMatrix {
    static final String PAGE = "docs/conformance-matrix.md";

    /** One scenario that checks a clause: its key, name and requirement tags. */
    record Use(String scenario, String name, List<String> requirements) {}

    private final SpecClauses spec;
    private final Map<String, List<Use>> uses;

    private ConformanceMatrix(SpecClauses spec, Map<String, List<Use>> uses) {
        this.spec = spec;
        this.uses = uses;
    }

    static ConformanceMatrix build(Path root) {
        SpecClauses spec = SpecClauses.load(root.resolve("docs/protocol-spec.md"));
        Path steps;
        try {
            steps = Files.createTempFile("step-use", ".json");
        } catch (IOException e) {
            throw new HarnessError("cannot create a temporary file: " + e.getMessage());
        }
        try {
            FeatureRun.dryRun(root.resolve("features"), steps);
            JsonNode scenarios = new ObjectMapper().readTree(steps.toFile());
            Map<String, List<Use>> uses = new LinkedHashMap<>();
            for (JsonNode sc : scenarios) {
                List<String> requirements = new ArrayList<>();
                sc.get("tags").forEach(t -> {
                    if (t.asText().matches("@[A-Z]+-\\d+")) {
                        requirements.add(t.asText().substring(1));
                    }
                });
                Use use = new Use(sc.get("key").asText(), sc.get("name").asText(), requirements);
                for (JsonNode step : sc.get("steps")) {
                    String text = step.get("text").asText();
                    for (String cited : checked(step.path("definition").asText(null), text)) {
                        List<Use> list = uses.computeIfAbsent(cited, k -> new ArrayList<>());
                        if (!list.contains(use)) {
                            list.add(use);
                        }
                    }
                }
            }
            return new ConformanceMatrix(spec, uses);
        } catch (IOException e) {
            throw new HarnessError("the dry run of the features left no readable " + steps + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(steps);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    /** The clauses a step checks where its text reads {@code text}; none for a step without {@link Checks} or undefined. */
    static List<String> checked(String definition, String text) {
        Method m = definition == null ? null : method(definition);
        if (m == null || !m.isAnnotationPresent(Checks.class)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String entry : m.getAnnotation(Checks.class).value()) {
            String[] parts = entry.split("\\|", 2);
            if (parts.length == 1 || text.contains(parts[1].strip())) {
                out.add(parts[0].strip());
            }
        }
        return out;
    }

    /** The clause or section ids of every {@link Checks} entry of {@code m}. */
    static List<String> cited(Method m) {
        List<String> out = new ArrayList<>();
        if (!m.isAnnotationPresent(Checks.class)) {
            return out;
        }
        for (String entry : m.getAnnotation(Checks.class).value()) {
            out.add(entry.split("\\|", 2)[0].strip());
        }
        return out;
    }

    /** The method of a Cucumber code location, {@code pkg.Class.method(type,type)}; null when it is not one. */
    static Method method(String location) {
        int paren = location.indexOf('(');
        if (paren < 0) {
            return null;
        }
        String qualified = location.substring(0, paren);
        int dot = qualified.lastIndexOf('.');
        String[] params = location.substring(paren + 1, location.lastIndexOf(')')).split(",");
        try {
            Class<?> c = Class.forName(qualified.substring(0, dot));
            for (Method m : c.getMethods()) {
                if (m.getName().equals(qualified.substring(dot + 1)) && m.getParameterCount() == (params[0].isBlank() ? 0 : params.length)) {
                    boolean same = true;
                    for (int i = 0; i < m.getParameterCount(); i++) {
                        same &= m.getParameterTypes()[i].getName().equals(params[i].strip());
                    }
                    if (same) {
                        return m;
                    }
                }
            }
            return null;
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    SpecClauses spec() {
        return spec;
    }

    /** Clause or section id to the scenarios that check it. */
    Map<String, List<Use>> uses() {
        return uses;
    }

    /** The MUST clauses no scenario checks, in spec order. */
    List<String> uncheckedMust() {
        return spec.atLevel(SpecClauses.Level.MUST).stream().map(SpecClauses.Clause::id).filter(id -> !uses.containsKey(id)).toList();
    }

    /** The page, as {@code ./certify matrix} writes it. */
    String render() {
        StringBuilder md = new StringBuilder();
        Map<SpecClauses.Level, Long> byLevel = spec.clauses().values().stream()
                .collect(Collectors.groupingBy(SpecClauses.Clause::level, LinkedHashMap::new, Collectors.counting()));
        long mustChecked = spec.atLevel(SpecClauses.Level.MUST).stream().filter(c -> uses.containsKey(c.id())).count();
        md.append("# Conformance matrix\n\n")
                .append("Generated by `./certify matrix` from `docs/protocol-spec.md` (its clause ids), the `@Checks` of the step\n")
                .append("definitions and a dry run of `features/`; do not edit it by hand. The build fails when it is stale, when a\n")
                .append("step that asserts names no clause, when a step names a clause the spec does not have, when a MUST\n")
                .append("clause is checked by no scenario, and when a step claims a clause the spec marks not observable in a\n")
                .append("certification (those are listed below with the reason).\n\n")
                .append("Clauses: ").append(spec.clauses().size()).append(" (")
                .append(byLevel.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")))
                .append("). MUST clauses checked by at least one scenario: ").append(mustChecked).append(" of ")
                .append(spec.atLevel(SpecClauses.Level.MUST).size()).append(".\n\n");
        md.append("| clause | level | requirements | scenarios |\n|---|---|---|---|\n");
        for (SpecClauses.Clause c : spec.clauses().values()) {
            if (c.level() == SpecClauses.Level.INFO && !uses.containsKey(c.id())) {
                continue;
            }
            if (c.level() == SpecClauses.Level.UNOBSERVABLE) {
                String reason = c.text().substring(c.text().indexOf(SpecClauses.NOT_OBSERVABLE) + SpecClauses.NOT_OBSERVABLE.length())
                        .replaceFirst("^:\\s*", "").replaceFirst("\\).*$", "").replace("|", "/");
                md.append("| ").append(c.id()).append(" | MUST, not observable | - | not observable in a certification: ").append(reason)
                        .append(" |\n");
                continue;
            }
            md.append(row(c.id(), c.level().name(), uses.getOrDefault(c.id(), List.of())));
        }
        md.append("\nThe backend sections (no clause ids yet; cited as sections):\n\n| section | level | requirements | scenarios |\n|---|---|---|---|\n");
        for (String cited : new TreeSet<>(uses.keySet())) {
            if (cited.startsWith("§")) {
                md.append(row(cited, "section", uses.get(cited)));
            }
        }
        md.append("\nINFO clauses (definitions and explanations) that no step cites are left out of the first table.\n");
        return md.toString();
    }

    private static String row(String id, String level, List<Use> list) {
        String requirements = list.stream().flatMap(u -> u.requirements().stream()).distinct().sorted().collect(Collectors.joining(", "));
        String scenarios = list.isEmpty() ? "**none**" : list.size() + ": " + list.stream().map(Use::scenario).limit(4)
                .collect(Collectors.joining(", ")) + (list.size() > 4 ? ", ..." : "");
        return "| " + id + " | " + level + " | " + (requirements.isEmpty() ? "-" : requirements) + " | " + scenarios + " |\n";
    }

    /** {@code ./certify matrix}: writes the page into the repository; returns the exit code. */
    static int write(Path root) {
        ConformanceMatrix matrix = build(root);
        try {
            Files.writeString(root.resolve(PAGE), matrix.render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HarnessError("cannot write " + PAGE + ": " + e.getMessage());
        }
        List<String> unchecked = matrix.uncheckedMust();
        System.err.println("matrix: " + root.resolve(PAGE) + "; " + unchecked.size() + " MUST clauses no scenario checks");
        return CertifyMain.PASS;
    }
}
