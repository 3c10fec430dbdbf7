package org.dualoffline.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.dualoffline.protocol.Hex;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The chain merge case by case, without a database: what it reads, what it yields, and how it words a conflict. */
@Tag("no-database")
class ChainMergeTest {
    private final UnsignedLog log = new UnsignedLog(6);

    @Test
    void anUploadThatOnlyExtendsTheChainWithNothingPendingReadsNoStoredRecord() {
        ChainMerge.Head head = new ChainMerge.Head(2, log.hash(2), 0);

        assertThat(ChainMerge.storedRange(head, List.of(log.upload(3), log.upload(4)))).isEmpty();
        assertThat(ChainMerge.storedRange(head, List.of())).isEmpty();
    }

    @Test
    void anUploadMeetsTheStoredRecordsOfItsCountersAndEveryPendingOne() {
        ChainMerge.Head withPending = new ChainMerge.Head(2, log.hash(2), 1);
        ChainMerge.Head upToFour = new ChainMerge.Head(4, log.hash(4), 0);

        assertThat(ChainMerge.storedRange(withPending, List.of(log.upload(3)))).contains(new ChainMerge.StoredRange(3, 3, 2));
        assertThat(ChainMerge.storedRange(upToFour, List.of(log.upload(2), log.upload(5)))).contains(new ChainMerge.StoredRange(2, 5, 4));
    }

    @Test
    void entriesBeyondAGapWaitAndTheEntryThatFillsItAcceptsThemInCounterOrder() {
        SimulatedRecords store = new SimulatedRecords();
        store.upload(List.of(log.upload(1)));

        ChainMerge.Merged gap = store.upload(List.of(log.upload(3), log.upload(5)));
        ChainMerge.Merged filled = store.upload(List.of(log.upload(2)));

        assertThat(gap.accepted()).isZero();
        assertThat(gap.inserts()).extracting(NewRecord::status).containsExactly(RecordStatus.PENDING, RecordStatus.PENDING);
        assertThat(gap.head()).usingRecursiveComparison().isEqualTo(new ChainMerge.Head(1, log.hash(1), 2));
        assertThat(gap.headChanged()).as("the count of pending entries is part of the head").isTrue();
        assertThat(filled.accepted()).isEqualTo(2);
        assertThat(filled.inserts()).extracting(NewRecord::status).containsExactly(RecordStatus.ACCEPTED);
        assertThat(filled.promoted()).containsExactly(3L);
        assertThat(filled.nowAccepted()).extracting(r -> r.entry().counter()).containsExactly(2L, 3L);
        assertThat(filled.head()).usingRecursiveComparison().isEqualTo(new ChainMerge.Head(3, log.hash(3), 1));
    }

    @Test
    void anUploadOfEntriesTheBackendHoldsChangesNothingAndCountsThemAsDuplicates() {
        SimulatedRecords store = new SimulatedRecords();
        store.upload(List.of(log.upload(1), log.upload(2)));

        ChainMerge.Merged again = store.upload(List.of(log.upload(2), log.upload(1), log.upload(2)));

        assertThat(again.duplicates()).isEqualTo(3);
        assertThat(again.accepted()).isZero();
        assertThat(again.inserts()).isEmpty();
        assertThat(again.addsRecords()).isFalse();
        assertThat(again.headChanged()).isFalse();
    }

    @Test
    void aDifferentEntryAtACounterTheBackendHoldsIsAForkNamingBothHashes() {
        ChainMerge.Head head = new ChainMerge.Head(1, log.hash(1), 0);
        Map<Long, StoredRecord> stored = Map.of(1L, stored(1, RecordStatus.ACCEPTED));
        UploadedRecord fork = UnsignedLog.uploaded(log.fork(1));

        assertThatThrownBy(() -> ChainMerge.merge(UnsignedLog.WALLET, head, stored, List.of(fork)))
                .isInstanceOfSatisfying(ConflictDetected.class, e -> assertThat(e.conflict().kind()).isEqualTo(Conflict.Kind.FORK))
                .hasMessage("fork: records[0] (PAY #1) of wallet " + UnsignedLog.WALLET + " has hash " + Hex.of(fork.hash())
                        + ", but the backend already holds a different accepted entry #1 (hash " + Hex.of(log.hash(1))
                        + "); the upload was not applied");
    }

    @Test
    void anEntryThatDoesNotChainToTheHeadIsAChainBreak() {
        ChainMerge.Head head = new ChainMerge.Head(1, log.hash(1), 0);
        byte[] wrong = log.hash(2);

        assertThatThrownBy(() -> ChainMerge.merge(UnsignedLog.WALLET, head, Map.of(),
                List.of(UnsignedLog.uploaded(log.withPrevHash(2, wrong)))))
                .isInstanceOfSatisfying(ConflictDetected.class, e -> assertThat(e.conflict().kind()).isEqualTo(Conflict.Kind.CHAIN_BREAK))
                .hasMessage("fork: records[0] (PAY #2) of wallet " + UnsignedLog.WALLET + " does not chain to accepted entry #1 (its prevHash is "
                        + Hex.of(wrong) + ", the accepted entry's hash is " + Hex.of(log.hash(1)) + "); the upload was not applied");
    }

    @Test
    void aPendingEntryThatDoesNotChainToTheEntryFillingItsGapIsAChainBreakOfThePendingEntry() {
        ChainMerge.Head head = new ChainMerge.Head(1, log.hash(1), 1);
        UploadedRecord unchained = UnsignedLog.uploaded(log.withPrevHash(3, log.hash(1)));
        Map<Long, StoredRecord> stored = Map.of(3L, new StoredRecord(3, RecordStatus.PENDING, unchained.hash(), log.hash(1),
                unchained.record()));

        assertThatThrownBy(() -> ChainMerge.merge(UnsignedLog.WALLET, head, stored, List.of(log.upload(2))))
                .hasMessageStartingWith("fork: pending entry #3 of wallet " + UnsignedLog.WALLET + " does not chain to accepted entry #2");
    }

    @Test
    void storedRecordsThatDisagreeWithTheHeadAreAnInternalError() {
        ChainMerge.Head head = new ChainMerge.Head(1, log.hash(1), 2);

        assertThatThrownBy(() -> ChainMerge.merge(UnsignedLog.WALLET, head, Map.of(3L, stored(3, RecordStatus.PENDING)),
                List.of(log.upload(2))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("wallet " + UnsignedLog.WALLET + " counts 2 pending entries, but 1 are stored");
        assertThatThrownBy(() -> ChainMerge.merge(UnsignedLog.WALLET, new ChainMerge.Head(3, log.hash(3), 0), Map.of(),
                List.of(log.upload(2))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("accepted entry #2 of wallet " + UnsignedLog.WALLET + " is missing");
    }

    @Test
    void anUploadOutOfCounterOrderIsRefused() {
        assertThatThrownBy(() -> ChainMerge.merge(UnsignedLog.WALLET, new ChainMerge.Head(0, UnsignedLog.GENESIS, 0), Map.of(),
                List.of(log.upload(2), log.upload(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the upload is not in counter order");
    }

    private StoredRecord stored(long counter, RecordStatus status) {
        UploadedRecord r = log.upload(counter);
        return new StoredRecord(counter, status, r.hash(), r.entry().prevHash(), r.record());
    }
}
