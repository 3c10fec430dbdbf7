package org.dualoffline.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.dualoffline.harness.ScenarioPlan;

/**
 * One share of a certification's scenarios, {@code ./certify --shard I/N}: shard {@code index} of
 * {@code count}. The shards of one run split the run's {@link ScenarioPlan} (the scenarios its
 * tags select) by {@link #assign}, so that every shard, on any machine, computes the same split
 * from the same features and tags, and {@code ./certify merge} puts them back together.
 */
record Shard(int index, int count) {
    /** Most shards one run may be split into. */
    static final int MAX_COUNT = 64;

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    Shard {
        if (count < 1 || count > MAX_COUNT || index < 1 || index > count) {
            throw new HarnessError("--shard I/N needs 1 <= I <= N <= " + MAX_COUNT + ", got " + index + "/" + count);
        }
    }

    /** {@code --shard}'s value: "I/N", e.g. "2/4". */
    static Shard parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new HarnessError("--shard needs I/N, this shard's number and how many shards the run has (e.g. 1/2), got \"" + text + "\"");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** "2/4". */
    String label() {
        return index + "/" + count;
    }

    /** "2-of-4": for folder and file names. */
    String fileLabel() {
        return index + "-of-" + count;
    }

    /** The units of {@code plan} this shard runs, in the plan's order. */
    List<ScenarioPlan.Unit> units(ScenarioPlan plan) {
        int[] owner = assign(plan, count);
        return IntStream.range(0, owner.length).filter(i -> owner[i] == index).mapToObj(i -> plan.units().get(i)).toList();
    }

    /**
     * Which shard (1..count) runs each unit of {@code plan}, by the unit's position in the plan.
     * A unit (a Scenario, or a Scenario Outline with all its selected rows) is never split. The
     * units are dealt largest first - the most scenarios, then the plan's order - each to the shard
     * with the fewest scenarios so far (the lower number on a tie): the same plan always gives the
     * same split, and no shard has more scenarios than another by more than the largest unit.
     */
    static int[] assign(ScenarioPlan plan, int count) {
        List<ScenarioPlan.Unit> units = plan.units();
        List<Integer> largestFirst = new ArrayList<>(IntStream.range(0, units.size()).boxed().toList());
        largestFirst.sort(Comparator.<Integer>comparingInt(i -> -units.get(i).scenarios().size()).thenComparingInt(i -> i));
        int[] load = new int[count];
        int[] owner = new int[units.size()];
        for (int i : largestFirst) {
            int least = 0;
            for (int s = 1; s < count; s++) {
                if (load[s] < load[least]) {
                    least = s;
                }
            }
            owner[i] = least + 1;
            load[least] += units.get(i).scenarios().size();
        }
        return owner;
    }
}
