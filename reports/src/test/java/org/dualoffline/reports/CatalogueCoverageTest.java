package org.dualoffline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The requirement catalogue and the features agree: every requirement has a scenario, every
 * scenario names a requirement, and no tag names a requirement the catalogue does not have.
 * The build fails otherwise.
 */
class CatalogueCoverageTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** A scenario and the requirement tags on it (its own, its rule's and its feature's). */
    record TaggedScenario(String where, Set<String> requirements) {}

    @Test
    void everyRequirementHasAScenarioAndEveryScenarioARequirement() throws IOException {
        RequirementCatalogue catalogue = RequirementCatalogue.load(ROOT.resolve("docs/requirements.md"));
        List<TaggedScenario> scenarios = scenarios(ROOT.resolve("features"));

        Set<String> covered = new TreeSet<>();
        List<String> untagged = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        for (TaggedScenario s : scenarios) {
            if (s.requirements().isEmpty()) {
                untagged.add(s.where());
            }
            for (String id : s.requirements()) {
                if (catalogue.contains(id)) {
                    covered.add(id);
                } else {
                    unknown.add(id + " (" + s.where() + ")");
                }
            }
        }
        List<String> uncovered = catalogue.all().stream().map(RequirementCatalogue.Requirement::id).filter(id -> !covered.contains(id)).toList();

        assertThat(scenarios).as("scenarios found under features/").isNotEmpty();
        assertThat(uncovered).as("requirements in docs/requirements.md without a scenario").isEmpty();
        assertThat(untagged).as("scenarios without a requirement tag").isEmpty();
        assertThat(unknown).as("tags naming requirements that are not in docs/requirements.md").isEmpty();
    }

    static List<TaggedScenario> scenarios(Path features) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(features)) {
            files = s.filter(p -> p.toString().endsWith(".feature")).sorted().toList();
        }
        List<TaggedScenario> out = new ArrayList<>();
        for (Path f : files) {
            Set<String> featureTags = new LinkedHashSet<>();
            Set<String> ruleTags = new LinkedHashSet<>();
            Set<String> pending = new LinkedHashSet<>();
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                String t = lines.get(i).trim();
                if (t.startsWith("@")) {
                    for (String tag : t.split("\\s+")) {
                        if (RequirementCatalogue.isRequirementTag(tag)) {
                            pending.add(tag.substring(1));
                        }
                    }
                } else if (t.startsWith("Feature:")) {
                    featureTags.addAll(pending);
                    pending.clear();
                } else if (t.startsWith("Rule:")) {
                    ruleTags = new LinkedHashSet<>(pending);
                    pending.clear();
                } else if (t.startsWith("Scenario:") || t.startsWith("Scenario Outline:") || t.startsWith("Example:")) {
                    Set<String> all = new LinkedHashSet<>(featureTags);
                    all.addAll(ruleTags);
                    all.addAll(pending);
                    pending.clear();
                    out.add(new TaggedScenario(ROOT.relativize(f) + ":" + (i + 1), all));
                } else if (t.startsWith("Background:")) {
                    pending.clear();
                }
            }
        }
        return out;
    }
}
