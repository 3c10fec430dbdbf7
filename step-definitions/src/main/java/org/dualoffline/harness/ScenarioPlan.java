package org.dualoffline.harness;

import java.util.List;

/**
 * The scenarios a feature run runs, as Cucumber itself selects them (its tag filter applied) and
 * in the order it runs them, grouped into units that are never split apart: a Scenario, or a
 * Scenario Outline with every one of its rows that the tags select. {@link FeatureRun#plan()}
 * makes it; {@code ./certify --shard} shares its units among the shards.
 *
 * @param units the units, in the order Cucumber runs them
 */
public record ScenarioPlan(List<Unit> units) {
    public ScenarioPlan {
        units = List.copyOf(units);
    }

    /**
     * One Scenario, or one Scenario Outline with its selected rows.
     *
     * @param key the scenario key of the Scenario's or Scenario Outline's line ({@link ScenarioKeys}), e.g. "robustness-refusal-table-L17"
     * @param feature the feature file, relative to the features folder, e.g. "robustness/refusal-table.feature"
     * @param line the line of its {@code Scenario:} or {@code Scenario Outline:}
     * @param scenarios the keys of its scenarios as they run and are reported: the Scenario's own, or one per selected row
     */
    public record Unit(String key, String feature, int line, List<String> scenarios) {
        public Unit {
            scenarios = List.copyOf(scenarios);
            if (scenarios.isEmpty()) {
                throw new IllegalArgumentException("a scenario unit has at least one scenario: " + key);
            }
        }

        public boolean outline() {
            return scenarios.size() > 1 || !scenarios.get(0).equals(key);
        }
    }

    /** How many scenarios the units hold together. */
    public int scenarioCount() {
        return units.stream().mapToInt(u -> u.scenarios().size()).sum();
    }

    public boolean isEmpty() {
        return units.isEmpty();
    }
}
