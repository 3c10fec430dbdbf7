package org.dualoffline.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.dualoffline.protocol.Entry;

/**
 * The chain merge over random valid logs, split into random uploads that arrive in random order,
 * each entry in one to three of them (duplicates, in other uploads or the same one): every entry
 * is accepted exactly once, in counter order; after each upload the head is the last entry before
 * the first gap and the pending entries are exactly those received beyond it; duplicates are
 * counted; and an entry altered or reordered against its prevHash, or a second entry at a counter,
 * is a conflict and never accepted. Seeded: every run tries the same cases.
 */
@Tag("no-database")
class ChainMergePropertiesTest {

    /** A log of {@code length} entries and, per entry (index counter - 1), the uploads it goes into: uploads are sent in index order. */
    record Split(int length, List<List<Integer>> placements) {
        List<List<Long>> uploads() {
            List<List<Long>> uploads = new ArrayList<>();
            for (int u = 0; u < length; u++) {
                uploads.add(new ArrayList<>());
            }
            for (int i = 0; i < length; i++) {
                for (int u : placements.get(i)) {
                    uploads.get(u).add(i + 1L);
                }
            }
            uploads.removeIf(List::isEmpty);
            return uploads;
        }
    }

    /** A split whose entry #{@code victim} is replaced, in every upload, by one that chains to {@code prevHashOf} (a counter, 0 = genesis). */
    record Broken(Split split, long victim, long prevHashOf, byte[] randomPrevHash) {}

    /** A split, and a second entry at counter {@code at} uploaded first or last, with {@code alongside} genuine entries. */
    record Forked(Split split, long at, boolean first, List<Long> alongside) {}

    @Provide
    Arbitrary<Split> splits() {
        return Arbitraries.integers().between(1, 24).flatMap(n -> Arbitraries.integers().between(0, n - 1).list().ofMinSize(1).ofMaxSize(3)
                .list().ofSize(n).map(p -> new Split(n, p)));
    }

    @Provide
    Arbitrary<Broken> broken() {
        return splits().flatMap(s -> Combinators.combine(Arbitraries.longs().between(1, s.length()),
                        Arbitraries.longs().between(0, s.length()), Arbitraries.bytes().array(byte[].class).ofSize(32))
                .as((victim, other, random) -> new Broken(s, victim, other, random))
                .filter(b -> b.prevHashOf() != b.victim() - 1));
    }

    @Provide
    Arbitrary<Forked> forked() {
        return splits().flatMap(s -> Combinators.combine(Arbitraries.longs().between(1, s.length()), Arbitraries.of(true, false),
                        Arbitraries.longs().between(1, s.length()).list().ofMaxSize(4))
                .as((at, first, alongside) -> new Forked(s, at, first, alongside)));
    }

    @Property(seed = "20261130", tries = 400)
    void everyEntryIsAcceptedOnceInCounterOrderAndThePendingOnesAreThoseBeyondTheFirstGap(@ForAll("splits") Split split) {
        UnsignedLog log = new UnsignedLog(split.length());
        SimulatedRecords store = new SimulatedRecords();
        Set<Long> received = new HashSet<>();
        List<Long> acceptedInOrder = new ArrayList<>();
        int copies = 0;
        int duplicates = 0;

        for (List<Long> counters : split.uploads()) {
            long gapBefore = firstGap(received);
            Set<Long> before = Set.copyOf(received);
            int seenAgain = 0;
            for (long c : counters) {
                seenAgain += received.add(c) ? 0 : 1;
            }
            long gap = firstGap(received);

            ChainMerge.Merged merged = store.upload(counters.stream().map(log::upload).toList());

            copies += counters.size();
            duplicates += merged.duplicates();
            assertThat(merged.duplicates()).as("duplicates of upload %s", counters).isEqualTo(seenAgain);
            assertThat(counters(merged.nowAccepted())).as("accepted by upload %s", counters)
                    .containsExactlyElementsOf(LongStream.range(gapBefore, gap).boxed().toList());
            assertThat(merged.accepted()).isEqualTo(gap - gapBefore);
            assertThat(merged.promoted()).as("stored pending entries this upload unblocked")
                    .containsExactlyInAnyOrderElementsOf(before.stream().filter(c -> c < gap).filter(c -> c > gapBefore).toList());
            assertThat(merged.inserts()).allSatisfy(n -> assertThat(n.status())
                    .isEqualTo(n.entry().counter() < gap ? RecordStatus.ACCEPTED : RecordStatus.PENDING));
            assertThat(merged.head()).usingRecursiveComparison().isEqualTo(new ChainMerge.Head(gap - 1, log.hash(gap - 1),
                    (int) received.stream().filter(c -> c > gap).count()));
            assertThat(merged.headChanged()).isEqualTo(gap != gapBefore || merged.head().pending() != before.stream()
                    .filter(c -> c > gapBefore).count());
            assertThat(store.records().keySet()).isEqualTo(received);
            store.assertAcceptedChainIsWhole();
            acceptedInOrder.addAll(counters(merged.nowAccepted()));
        }

        assertThat(acceptedInOrder).containsExactlyElementsOf(LongStream.rangeClosed(1, split.length()).boxed().toList());
        assertThat(store.head()).usingRecursiveComparison().isEqualTo(new ChainMerge.Head(split.length(), log.hash(split.length()), 0));
        assertThat(duplicates).isEqualTo(copies - split.length());
    }

    @Property(seed = "20261131", tries = 400)
    void anEntryThatDoesNotChainToItsPredecessorIsAChainBreakAndNeverAccepted(@ForAll("broken") Broken broken) {
        UnsignedLog log = new UnsignedLog(broken.split().length());
        long k = broken.victim();
        byte[] wrongPrev = broken.prevHashOf() == k ? broken.randomPrevHash() : log.hash(broken.prevHashOf());
        Entry altered = log.withPrevHash(k, wrongPrev);
        LongFunction<UploadedRecord> upload = c -> c == k ? UnsignedLog.uploaded(altered) : log.upload(c);
        SimulatedRecords store = new SimulatedRecords();
        List<Conflict> conflicts = new ArrayList<>();

        for (List<Long> counters : broken.split().uploads()) {
            ChainMerge.Head before = store.head();
            var stored = Set.copyOf(store.records().keySet());
            ConflictDetected refused = catchThrowableOfType(() -> store.upload(counters.stream().map(upload::apply).toList()),
                    ConflictDetected.class);
            if (refused != null) {
                conflicts.add(refused.conflict());
                assertThat(store.head()).as("a refused upload changes nothing").isSameAs(before);
                assertThat(store.records().keySet()).isEqualTo(stored);
            }
            assertThat(store.head().lastCounter()).as("nothing from the altered entry #%d on is accepted", k).isLessThan(k);
            store.assertAcceptedChainIsWhole();
        }

        assertThat(conflicts).as("the altered entry is met when the chain reaches it, whatever the order").isNotEmpty()
                .allSatisfy(c -> {
                    assertThat(c.kind()).isEqualTo(Conflict.Kind.CHAIN_BREAK);
                    assertThat(c.counter()).isEqualTo(k);
                    assertThat(c.offending().entryBytes()).isEqualTo(altered.encode());
                    assertThat(c.knownHash()).isEqualTo(log.hash(k - 1));
                });
    }

    @Property(seed = "20261132", tries = 400)
    void aSecondEntryAtACounterIsAConflictAndOnlyTheFirstIsEverHeld(@ForAll("forked") Forked forked) {
        UnsignedLog log = new UnsignedLog(forked.split().length());
        long k = forked.at();
        List<UploadedRecord> forkUpload = new ArrayList<>(forked.alongside().stream().map(log::upload).toList());
        forkUpload.add(UnsignedLog.uploaded(log.fork(k)));
        SimulatedRecords store = new SimulatedRecords();
        if (forked.first()) {
            store.upload(List.of(UnsignedLog.uploaded(log.fork(k))));
        }

        for (List<Long> counters : forked.split().uploads()) {
            ConflictDetected refused = catchThrowableOfType(() -> store.upload(counters.stream().map(log::upload).toList()),
                    ConflictDetected.class);
            if (counters.contains(k) && forked.first()) {
                assertThat(refused).as("an upload with the genuine entry #%d after its fork", k).isNotNull();
            } else if (!forked.first()) {
                assertThat(refused).as("the genuine log alone").isNull();
            }
            store.assertAcceptedChainIsWhole();
            StoredRecord held = store.records().get(k);
            if (held != null) {
                assertThat(held.hash()).as("entry #%d held", k).isEqualTo(forked.first() ? log.fork(k).hash() : log.hash(k));
            }
        }
        if (!forked.first()) {
            ChainMerge.Head before = store.head();

            ConflictDetected fork = catchThrowableOfType(() -> store.upload(forkUpload), ConflictDetected.class);

            assertThat(fork.conflict().kind()).isEqualTo(Conflict.Kind.FORK);
            assertThat(fork.conflict().counter()).isEqualTo(k);
            assertThat(fork.conflict().knownHash()).isEqualTo(log.hash(k));
            assertThat(store.head()).isSameAs(before);
        }
    }

    private static long firstGap(Set<Long> received) {
        long c = 1;
        while (received.contains(c)) {
            c++;
        }
        return c;
    }

    private static List<Long> counters(List<WalletRecord> records) {
        return records.stream().map(r -> r.entry().counter()).toList();
    }
}
