package org.dualoffline.backend.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The generators of histories, built from jqwik arbitraries only, so that jqwik shrinks a failing
 * history to a minimal one: 3 to 6 wallets, 1 to {@value #MAX_ACTIONS} actions (any number as
 * likely as any other), and sometimes every device syncing its whole log at the end. The system
 * property {@value #LEAVE_OUT} (kinds of {@link Action.Kind}, comma-separated) leaves kinds of
 * action out: to look past a defect already known for the next one.
 */
final class Histories {
    static final int MAX_ACTIONS = 20;
    static final int MAX_WALLETS = 6;
    static final String LEAVE_OUT = "dualoffline.model.leaveOut";

    private Histories() {}

    /** Honest SEs only: funding, payments within balance, unloads, uploads of every shape, concurrent uploads. */
    static Arbitrary<History> honest() {
        return histories(List.of(Tuple.of(35, Action.Kind.UPLOAD), Tuple.of(30, Action.Kind.PAY), Tuple.of(15, Action.Kind.FUND),
                Tuple.of(6, Action.Kind.UNLOAD), Tuple.of(6, Action.Kind.CONCURRENT_UPLOADS)));
    }

    /** As {@link #honest}, with clones and broken SEs: double spends, overspends, a PAY received twice, a load token redeemed twice. */
    static Arbitrary<History> adversarial() {
        return histories(List.of(Tuple.of(32, Action.Kind.UPLOAD), Tuple.of(26, Action.Kind.PAY), Tuple.of(13, Action.Kind.FUND),
                Tuple.of(5, Action.Kind.UNLOAD), Tuple.of(6, Action.Kind.CONCURRENT_UPLOADS), Tuple.of(5, Action.Kind.CLONE),
                Tuple.of(4, Action.Kind.DOUBLE_SPEND), Tuple.of(3, Action.Kind.OVERSPEND_PAY), Tuple.of(2, Action.Kind.OVERSPEND_UNLOAD),
                Tuple.of(3, Action.Kind.RECEIVE_AGAIN), Tuple.of(1, Action.Kind.REUSE_LOAD_TOKEN)));
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<History> histories(List<Tuple2<Integer, Action.Kind>> kinds) {
        Set<String> leftOut = Arrays.stream(System.getProperty(LEAVE_OUT, "").split(",")).map(k -> k.strip().toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
        Arbitrary<Action.Kind> kind = Arbitraries.frequency(kinds.stream().filter(k -> !leftOut.contains(k.get2().name()))
                .toArray(Tuple2[]::new));
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 999);
        Arbitrary<Action> action = Combinators.combine(kind, pick, pick, Arbitraries.integers().between(0, 99_999), pick, pick, pick)
                .as(Action::new);
        return Combinators.combine(Arbitraries.integers().between(3, MAX_WALLETS),
                action.list().ofMinSize(1).ofMaxSize(MAX_ACTIONS).withSizeDistribution(RandomDistribution.uniform()),
                Arbitraries.of(false, true)).as(HistoryBuilder::build);
    }
}
