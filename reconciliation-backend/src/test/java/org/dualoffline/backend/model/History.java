package org.dualoffline.backend.model;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A generated history: {@code wallets} wallets enrolled at the start (devices 0 to wallets - 1),
 * clones appended as devices after them, and the steps in order. It prints as numbered steps, so
 * that a failing, shrunk history reads as what happened.
 *
 * @param walletOf for every device, the wallet (index of its enrolled original) whose key it holds
 */
record History(int wallets, List<String> names, List<Integer> walletOf, List<Step> steps) {

    int devices() {
        return names.size();
    }

    /** Whether wallet {@code w} takes part in any step (a wallet that does not is not enrolled). */
    boolean uses(int w) {
        return steps.stream().flatMapToInt(Step::devices).anyMatch(d -> walletOf.get(d) == w);
    }

    /** True when some SE in it is cloned or broken. */
    boolean adversarial() {
        return devices() > wallets || steps.stream().anyMatch(s -> s instanceof Step.ReceiveAgain || s instanceof Step.ReuseLoadToken
                || s instanceof Step.Pay p && p.overspends() || s instanceof Step.Unload u && u.overspends());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(wallets).append(" wallets enrolled (")
                .append(String.join(", ", names.subList(0, wallets))).append("), then ").append(steps.size()).append(" steps:");
        IntStream.range(0, steps.size()).forEach(i -> sb.append("\n  ").append(i + 1).append(". ").append(steps.get(i).describe(names)));
        return sb.toString();
    }
}
