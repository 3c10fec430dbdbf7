package org.dualoffline.backend.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.WalletId;

/**
 * One upload merged into its wallet's log (spec 7, upload rules), worked out in memory: pure
 * logic, no database. Its inputs are the head of the wallet's accepted chain (last counter, last
 * hash, count of entries pending beyond a gap), the stored records the upload can meet (read only
 * when there can be any, see {@link #storedRange}) and the upload in counter order. The rules:
 * <ul>
 *   <li>the next entry that chains to the last accepted one (its counter one more, its prevHash
 *       that entry's hash) is accepted, then any pending entries it unblocks, in counter order;</li>
 *   <li>an entry beyond a gap waits as PENDING;</li>
 *   <li>an entry the backend already holds (stored, or earlier in the same upload) with the same
 *       hash is a duplicate;</li>
 *   <li>a different entry at a counter the backend holds is a fork, and an entry - uploaded or
 *       pending - that does not chain to the last accepted one a chain break: either throws
 *       {@link ConflictDetected} and nothing of the upload applies;</li>
 *   <li>a chain closed before counter k (spec 7.1: its SE was caught signing what it likes) takes
 *       no entry from k on: an upload carrying one the backend does not hold as accepted is
 *       refused ({@link #chainClosed}), and stored pending entries from k on stay pending.</li>
 * </ul>
 * The balance of the accepted chain is {@link ChainBalance}'s business, on {@link Merged#nowAccepted}.
 */
public final class ChainMerge {
    private ChainMerge() {}

    /** The head of a wallet's accepted chain, and how many of its entries wait beyond a gap. */
    public record Head(long lastCounter, byte[] lastHash, int pending) {}

    /**
     * The stored records an upload can meet: those with a counter in {@code [from, to]} (the
     * uploaded counters: duplicates or forks) and every pending one (the upload may unblock them:
     * they are the ones beyond {@code lastCounter}).
     */
    public record StoredRange(long from, long to, long lastCounter) {}

    /**
     * What the upload does to the wallet's log: how many entries it accepted (its own and the
     * pending ones it unblocked) and how many the backend held already; the records to insert
     * (in counter order, each with its status); the stored pending records that become accepted;
     * the records accepted by this upload in chain order (they take effect); the new head.
     */
    public record Merged(int accepted, int duplicates, List<NewRecord> inserts, List<Long> promoted, List<WalletRecord> nowAccepted,
                         Head head, boolean headChanged) {
        /** True when the upload adds records to the wallet's log, accepted or pending. */
        public boolean addsRecords() {
            return !inserts.isEmpty();
        }
    }

    /**
     * Which stored records {@code inCounterOrder} can meet, or none: an upload that only extends
     * the chain, with nothing pending, meets no stored record, and they need not be read.
     */
    public static Optional<StoredRange> storedRange(Head head, List<UploadedRecord> inCounterOrder) {
        if (inCounterOrder.isEmpty()) {
            return Optional.empty();
        }
        long from = inCounterOrder.get(0).entry().counter();
        if (head.pending() == 0 && from > head.lastCounter()) {
            return Optional.empty();
        }
        return Optional.of(new StoredRange(from, inCounterOrder.get(inCounterOrder.size() - 1).entry().counter(), head.lastCounter()));
    }

    /**
     * Merges {@code inCounterOrder} into the log of {@code wallet} whose chain ends at {@code head}.
     *
     * @param stored the wallet's records in {@link #storedRange} by counter (empty when there is no range)
     * @throws ConflictDetected on a fork or a chain break
     */
    public static Merged merge(WalletId wallet, Head head, Map<Long, StoredRecord> stored, List<UploadedRecord> inCounterOrder) {
        return merge(wallet, head, Long.MAX_VALUE, stored, inCounterOrder);
    }

    /**
     * Merges {@code inCounterOrder} into the log of {@code wallet} whose chain ends at {@code head}
     * and is closed before {@code closedBefore} ({@code Long.MAX_VALUE}: open).
     *
     * @param stored the wallet's records in {@link #storedRange} by counter (empty when there is no range)
     * @throws ConflictDetected on a fork or a chain break
     * @throws BackendException (409) when the upload carries an entry the closed chain cannot take
     */
    public static Merged merge(WalletId wallet, Head head, long closedBefore, Map<Long, StoredRecord> stored,
                               List<UploadedRecord> inCounterOrder) {
        for (int i = 1; i < inCounterOrder.size(); i++) {
            if (inCounterOrder.get(i).entry().counter() < inCounterOrder.get(i - 1).entry().counter()) {
                throw new IllegalArgumentException("the upload is not in counter order");
            }
        }
        if (storedRange(head, inCounterOrder).isPresent()) {
            long pendingStored = stored.values().stream().filter(r -> r.status() == RecordStatus.PENDING).count();
            if (pendingStored != head.pending()) {
                throw new IllegalStateException("wallet " + wallet + " counts " + head.pending() + " pending entries, but " + pendingStored
                        + " are stored");
            }
        } else if (!stored.isEmpty()) {
            throw new IllegalArgumentException("an upload that meets no stored record was given " + stored.size());
        }
        Chain chain = new Chain(wallet, head, stored);
        for (UploadedRecord r : inCounterOrder) {
            StoredRecord held = chain.held.get(r.entry().counter());
            if (r.entry().counter() >= closedBefore && (held == null || held.status() != RecordStatus.ACCEPTED)) {
                throw chainClosed(wallet, closedBefore, r.describe());
            }
            chain.take(r, closedBefore);
        }
        Head after = new Head(chain.lastCounter, chain.lastHash, chain.pendingCount());
        boolean changed = after.lastCounter() != head.lastCounter() || after.pending() != head.pending();
        return new Merged(chain.accepted, chain.duplicates, List.copyOf(chain.added.values()), List.copyOf(chain.promoted),
                List.copyOf(chain.nowAccepted), after, changed);
    }

    /** The merge in progress: what the backend held of the wallet's log, what the upload adds, what becomes accepted, in order. */
    private static final class Chain {
        private final WalletId walletId;
        private final int pendingBefore;
        long lastCounter;
        byte[] lastHash;
        int accepted;
        int duplicates;
        /** By counter: stored records, then the upload's own as they are taken. */
        final Map<Long, StoredRecord> held;
        /** The upload's new records, by counter, with the status they are inserted with. */
        final Map<Long, NewRecord> added = new LinkedHashMap<>();
        /** Stored pending records that this upload unblocked. */
        final List<Long> promoted = new ArrayList<>();
        /** Records accepted by this upload, in chain order: they take effect. */
        final List<WalletRecord> nowAccepted = new ArrayList<>();

        Chain(WalletId walletId, Head head, Map<Long, StoredRecord> stored) {
            this.walletId = walletId;
            this.lastCounter = head.lastCounter();
            this.lastHash = head.lastHash();
            this.pendingBefore = head.pending();
            this.held = new HashMap<>(stored);
        }

        void take(UploadedRecord r, long closedBefore) {
            long counter = r.entry().counter();
            StoredRecord stored = held.get(counter);
            if (stored != null) {
                if (!Arrays.equals(stored.hash(), r.hash())) {
                    throw new ConflictDetected(new Conflict(Conflict.Kind.FORK, walletId, counter, r.record(), stored.hash(),
                            "fork: " + r.describe() + " of wallet " + walletId + " has hash " + Hex.of(r.hash())
                                    + ", but the backend already holds a different " + stored.status().name().toLowerCase()
                                    + " entry #" + counter + " (hash " + Hex.of(stored.hash()) + "); the upload was not applied"));
                }
                duplicates++;
            } else if (counter <= lastCounter) {
                throw new IllegalStateException("accepted entry #" + counter + " of wallet " + walletId + " is missing");
            } else if (counter == lastCounter + 1) {
                if (!Arrays.equals(r.entry().prevHash(), lastHash)) {
                    throw chainBreak(walletId, r.record(), counter, lastHash, r.describe());
                }
                add(r, RecordStatus.ACCEPTED);
                accept(counter, r.hash(), r.record());
                // entries that waited beyond the gap this one filled (stored ones: the upload's own come later in counter order)
                for (StoredRecord p = held.get(lastCounter + 1); p != null && p.counter() < closedBefore; p = held.get(lastCounter + 1)) {
                    if (!Arrays.equals(p.prevHash(), lastHash)) {
                        throw chainBreak(walletId, p.record(), p.counter(), lastHash, "pending entry #" + p.counter());
                    }
                    promoted.add(p.counter());
                    held.put(p.counter(), new StoredRecord(p.counter(), RecordStatus.ACCEPTED, p.hash(), p.prevHash(), p.record()));
                    accept(p.counter(), p.hash(), p.record());
                }
            } else {
                add(r, RecordStatus.PENDING);
            }
        }

        private void add(UploadedRecord r, RecordStatus status) {
            long counter = r.entry().counter();
            added.put(counter, new NewRecord(r.record(), r.entry(), r.hash(), status));
            held.put(counter, new StoredRecord(counter, status, r.hash(), r.entry().prevHash(), r.record()));
        }

        private void accept(long counter, byte[] hash, WalletRecord record) {
            lastCounter = counter;
            lastHash = hash;
            accepted++;
            nowAccepted.add(record);
        }

        /** The wallet's entries waiting beyond a gap after this upload (nothing else writes them while the wallet is locked). */
        int pendingCount() {
            int addedPending = 0;
            for (NewRecord r : added.values()) {
                if (r.status() == RecordStatus.PENDING) {
                    addedPending++;
                }
            }
            return pendingBefore + addedPending - promoted.size();
        }
    }

    /** The refusal of an upload that carries an entry a closed chain cannot take (409; nothing is recorded again). */
    static BackendException chainClosed(WalletId walletId, long closedBefore, String what) {
        return new BackendException(Failure.FORK_OR_DOUBLE_SPEND, "closed chain: wallet " + walletId + " signed more than it held or "
                + "received a payment twice at entry #" + closedBefore + ", so no entry of it from #" + closedBefore + " on is accepted; "
                + what + " is one; the upload was not applied");
    }

    private static ConflictDetected chainBreak(WalletId walletId, WalletRecord r, long counter, byte[] lastHash, String what) {
        return new ConflictDetected(new Conflict(Conflict.Kind.CHAIN_BREAK, walletId, counter, r, lastHash,
                "fork: " + what + " of wallet " + walletId + " does not chain to accepted entry #" + (counter - 1)
                        + " (its prevHash is " + Hex.of(r.entry().prevHash()) + ", the accepted entry's hash is " + Hex.of(lastHash)
                        + "); the upload was not applied"));
    }
}
