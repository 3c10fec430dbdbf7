package org.dualoffline.simulation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.harness.ReconciliationClient;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.WalletStatus;

/**
 * The reconnect storm: the network returns and every wallet of the town syncs at once - its log
 * read from its SE, uploaded, the acknowledgement applied (with the blocklist rounds after it) -
 * through {@code clients} connections released together. Measures records per second, the
 * upload latency and the time to drain the backlog; keeps every PAY entry uploaded, for the
 * exactly-once check.
 */
final class Storm {
    /** A PAY entry a wallet uploaded: payer, its counter, payee, amount; {@code byClone} when a clone made it. */
    record Pay(String payerHex, long counter, String payeeHex, long amount, boolean byClone) {}

    /** How one wallet's sync went. */
    record Synced(String wallet, int records, long uploadMicros, boolean refused, String refusal) {}

    /** What the storm did and measured. */
    record Result(int wallets, long records, long wallMicros, List<Long> uploadMicros, List<Synced> synced, List<Pay> pays, int refused,
                  long[] drainedAtMillis, long[] uploadsPerBackend) {
        double recordsPerSecond() {
            return wallMicros == 0 ? 0 : records * 1e6 / wallMicros;
        }

        /** Uploads of the storm (blocklist rounds included) per second, over all backend processes. */
        double uploadsPerSecond() {
            return wallMicros == 0 ? 0 : java.util.Arrays.stream(uploadsPerBackend).sum() * 1e6 / wallMicros;
        }

        long percentileMillis(double p) {
            if (uploadMicros.isEmpty()) {
                return 0;
            }
            List<Long> sorted = new ArrayList<>(uploadMicros);
            Collections.sort(sorted);
            int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1000;
        }
    }

    private Storm() {}

    /** Every wallet of {@code town} syncs at once through {@code clients} connections of {@code client}. */
    static Result run(Town town, TownClient client, int clients, Progress progress) throws InterruptedException {
        List<Town.Wallet> wallets = town.syncing();
        ConcurrentLinkedQueue<Town.Wallet> queue = new ConcurrentLinkedQueue<>(wallets);
        ConcurrentLinkedQueue<Synced> synced = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Pay> pays = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicLong records = new AtomicLong();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        int threads = Math.min(clients, Math.max(1, wallets.size()));
        long[] drained = new long[wallets.size()];
        List<Thread> pool = new ArrayList<>();
        long[] t0 = new long[1];
        long[] sentBefore = client.uploadsPerBackend();
        progress.start("reconnect storm", wallets.size());
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (Town.Wallet w; (w = queue.poll()) != null; ) {
                        Synced s = sync(w, client, pays);
                        synced.add(s);
                        records.addAndGet(s.records());
                        int n = done.incrementAndGet();
                        drained[n - 1] = (System.nanoTime() - t0[0]) / 1_000_000;
                        progress.step(n);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    failures.add(e);
                }
            }, "storm-" + i);
            t.setDaemon(true);
            pool.add(t);
            t.start();
        }
        t0[0] = System.nanoTime();
        start.countDown();
        for (Thread t : pool) {
            t.join();
        }
        long wall = (System.nanoTime() - t0[0]) / 1000;
        if (!failures.isEmpty()) {
            Throwable first = failures.peek();
            throw new IllegalStateException("the storm failed for " + failures.size() + " connection(s): " + first, first);
        }
        List<Synced> all = new ArrayList<>(synced);
        all.sort(java.util.Comparator.comparing(Synced::wallet));
        List<Long> latencies = all.stream().map(Synced::uploadMicros).toList();
        int refused = (int) all.stream().filter(Synced::refused).count();
        List<Pay> payList = new ArrayList<>(pays);
        payList.sort(java.util.Comparator.comparing(Pay::payerHex).thenComparingLong(Pay::counter).thenComparing(Pay::byClone));
        progress.finish(String.format("%,d records from %,d wallets, %.0f records/s", records.get(), wallets.size(),
                records.get() * 1e6 / Math.max(1, wall)));
        long[] sent = client.uploadsPerBackend();
        for (int i = 0; i < sent.length; i++) {
            sent[i] -= sentBefore[i];
        }
        return new Result(wallets.size(), records.get(), wall, latencies, all, payList, refused, java.util.Arrays.copyOf(drained, done.get()), sent);
    }

    private static Synced sync(Town.Wallet w, TownClient client, ConcurrentLinkedQueue<Pay> pays) {
        WalletClient wallet = w.client();
        WalletStatus before = wallet.status();
        List<WalletClient.StoredRecord> log = wallet.readRecords();
        for (WalletClient.StoredRecord r : log) {
            SignedEntry e = r.own();
            if (e.entry().type() == org.dualoffline.protocol.EntryType.PAY) {
                w.spentAtStorm = true;
                pays.add(new Pay(e.entry().walletId().hex(), e.entry().counter(), e.entry().peerId().hex(), e.entry().amount(), w.original != null));
            }
        }
        long t = System.nanoTime();
        ReconciliationClient.Upload u = client.upload(w.id, log, before.blocklistSeq());
        long micros = (System.nanoTime() - t) / 1000;
        if (u.refused() != null) {
            return new Synced(w.name, log.size(), micros, true, u.refused().type() + ": " + u.refused().detail());
        }
        ReconciliationClient.SyncResult result = u.accepted();
        try {
            wallet.applySyncAck(result.ack().encode());
            for (int round = 1; !result.blocklistComplete() && round <= 64; round++) {
                ReconciliationClient.Upload more = client.upload(w.id, List.of(), result.ack().blocklistSeq());
                if (more.refused() != null) {
                    return new Synced(w.name, log.size(), micros, true, "the blocklist's next acknowledgement was refused: " + more.refused().detail());
                }
                result = more.accepted();
                wallet.applySyncAck(result.ack().encode());
            }
        } catch (org.dualoffline.se.SecureElementException e) {
            // A wallet whose clone's records the backend holds cannot take an acknowledgement of records it never wrote.
            w.status = wallet.status();
            return new Synced(w.name, log.size(), micros, true, "the wallet refused the acknowledgement: " + e.getMessage());
        }
        w.status = wallet.status();
        return new Synced(w.name, log.size(), micros, false, null);
    }
}
