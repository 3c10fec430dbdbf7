package org.dualoffline.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One wallet's head and stored records, kept the way the upload transaction keeps them, for the
 * chain merge's tests: the stored records an upload meets are read by {@link ChainMerge#storedRange},
 * the merge's result is written (a record inserted where one is stored would break the primary key;
 * a record promoted must be pending), and an upload that throws leaves everything as it was.
 */
final class SimulatedRecords {
    private ChainMerge.Head head = new ChainMerge.Head(0, UnsignedLog.GENESIS, 0);
    private final TreeMap<Long, StoredRecord> records = new TreeMap<>();

    ChainMerge.Head head() {
        return head;
    }

    Map<Long, StoredRecord> records() {
        return java.util.Collections.unmodifiableMap(records);
    }

    /** Merges {@code upload} (in any order) and writes the result; throws what the merge throws, writing nothing. */
    ChainMerge.Merged upload(List<UploadedRecord> upload) {
        List<UploadedRecord> inCounterOrder = upload.stream().sorted(Comparator.comparingLong(r -> r.entry().counter())).toList();
        Map<Long, StoredRecord> met = new TreeMap<>();
        ChainMerge.storedRange(head, inCounterOrder).ifPresent(range -> records.forEach((counter, r) -> {
            if (counter >= range.from() && counter <= range.to() || counter > range.lastCounter()) {
                met.put(counter, r);
            }
        }));
        ChainMerge.Merged merged = ChainMerge.merge(UnsignedLog.WALLET, head, met, inCounterOrder);
        for (long counter : merged.promoted()) {
            assertThat(records.get(counter).status()).as("promoted entry #%d", counter).isEqualTo(RecordStatus.PENDING);
            StoredRecord p = records.get(counter);
            records.put(counter, new StoredRecord(counter, RecordStatus.ACCEPTED, p.hash(), p.prevHash(), p.record()));
        }
        for (NewRecord n : merged.inserts()) {
            long counter = n.entry().counter();
            assertThat(records).as("inserted entry #%d (primary key)", counter).doesNotContainKey(counter);
            records.put(counter, new StoredRecord(counter, n.status(), n.hash(), n.entry().prevHash(), n.record()));
        }
        head = merged.head();
        return merged;
    }

    /** The accepted records from #1 up, each chaining to the one before, ending at the head; pending ones all beyond it. */
    void assertAcceptedChainIsWhole() {
        byte[] prev = UnsignedLog.GENESIS;
        long expected = 1;
        List<Long> pending = new ArrayList<>();
        for (StoredRecord r : records.values()) {
            if (r.status() == RecordStatus.PENDING) {
                pending.add(r.counter());
                continue;
            }
            assertThat(r.counter()).as("accepted counters run from 1 without a gap").isEqualTo(expected++);
            assertThat(r.prevHash()).as("accepted entry #%d chains to the one before", r.counter()).isEqualTo(prev);
            prev = r.hash();
        }
        assertThat(head.lastCounter()).isEqualTo(expected - 1);
        assertThat(head.lastHash()).isEqualTo(prev);
        assertThat(head.pending()).isEqualTo(pending.size());
        assertThat(pending).allSatisfy(c -> assertThat(c).isGreaterThan(head.lastCounter() + 1));
    }
}
