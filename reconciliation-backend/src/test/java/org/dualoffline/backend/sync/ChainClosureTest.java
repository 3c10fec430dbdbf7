package org.dualoffline.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.wallet.ChainSql;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The chain merge on a chain closed before a counter (spec 7.1: its SE was caught overspending or
 * receiving twice there): nothing from that counter on joins, what came before still may.
 */
@Tag("no-database")
class ChainClosureTest {
    private final UnsignedLog log = new UnsignedLog(6);

    @Test
    void anUploadCarryingAnEntryFromTheClosureOnIsRefusedNamingIt() {
        ChainMerge.Head head = new ChainMerge.Head(2, log.hash(2), 0);

        assertThatThrownBy(() -> ChainMerge.merge(UnsignedLog.WALLET, head, 3, Map.of(), List.of(log.upload(3), log.upload(4))))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.failure()).isEqualTo(Failure.FORK_OR_DOUBLE_SPEND))
                .isNotInstanceOf(ConflictDetected.class)
                .hasMessage("closed chain: wallet " + UnsignedLog.WALLET + " signed more than it held or received a payment twice at entry "
                        + "#3, so no entry of it from #3 on is accepted; records[0] (PAY #3) is one; the upload was not applied");
    }

    @Test
    void entriesBelowTheClosureJoinAndAPendingEntryFromItOnStaysPending() {
        ChainMerge.Head head = new ChainMerge.Head(1, log.hash(1), 1);
        Map<Long, StoredRecord> stored = Map.of(4L, new StoredRecord(4, RecordStatus.PENDING, log.hash(4), log.hash(3),
                log.upload(4).record()));

        ChainMerge.Merged merged = ChainMerge.merge(UnsignedLog.WALLET, head, 4, stored, List.of(log.upload(2), log.upload(3)));

        assertThat(merged.nowAccepted()).extracting(r -> r.entry().counter()).containsExactly(2L, 3L);
        assertThat(merged.promoted()).as("#4 is where the chain was closed").isEmpty();
        assertThat(merged.head()).usingRecursiveComparison().isEqualTo(new ChainMerge.Head(3, log.hash(3), 1));
    }

    @Test
    void anEntryFromTheClosureOnThatTheChainAcceptedAlreadyIsADuplicate() {
        ChainMerge.Head head = new ChainMerge.Head(3, log.hash(3), 0);
        Map<Long, StoredRecord> stored = Map.of(3L, new StoredRecord(3, RecordStatus.ACCEPTED, log.hash(3), log.hash(2),
                log.upload(3).record()));

        ChainMerge.Merged merged = ChainMerge.merge(UnsignedLog.WALLET, head, 3, stored, List.of(log.upload(3)));

        assertThat(merged.duplicates()).isEqualTo(1);
        assertThat(merged.addsRecords()).isFalse();
    }

    @Test
    void theClosureReadFromTheEvidenceCountsExactlyTheKindsThatCloseAChain() {
        String sql = ChainSql.closedBefore("w.wallet_id");

        for (Conflict.Kind kind : Conflict.Kind.values()) {
            assertThat(sql.contains("'" + kind.name() + "'")).as("%s closes a chain", kind).isEqualTo(kind.closesChain());
        }
    }

    @Test
    void anOpenChainIsMergedAsBefore() {
        SimulatedRecords store = new SimulatedRecords();

        ChainMerge.Merged merged = store.upload(List.of(log.upload(1), log.upload(2)));

        assertThat(ChainMerge.merge(UnsignedLog.WALLET, new ChainMerge.Head(0, UnsignedLog.GENESIS, 0), Long.MAX_VALUE, Map.of(),
                List.of(log.upload(1), log.upload(2)))).usingRecursiveComparison().isEqualTo(merged);
    }
}
