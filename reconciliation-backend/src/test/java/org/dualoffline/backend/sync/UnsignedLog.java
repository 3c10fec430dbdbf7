package org.dualoffline.backend.sync;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.WalletId;

/**
 * A wallet's log of {@code n} PAY entries, chained from a genesis hash, for the chain merge's
 * tests: no keys and no signatures (the merge checks neither), no database.
 */
final class UnsignedLog {
    static final WalletId WALLET = new WalletId(0xA11CEL);
    static final WalletId PAYEE = new WalletId(0xB0BL);
    static final byte[] GENESIS = P256Sha256.INSTANCE.hash("genesis of wallet A11CE".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] SIGNATURE = new byte[UploadedRecord.MIN_SIGNATURE];

    private final List<Entry> entries = new ArrayList<>();

    UnsignedLog(int n) {
        byte[] prev = GENESIS;
        for (long counter = 1; counter <= n; counter++) {
            Entry e = pay(counter, 100 + counter, prev);
            entries.add(e);
            prev = e.hash();
        }
    }

    int size() {
        return entries.size();
    }

    /** Entry #counter (counted from 1). */
    Entry entry(long counter) {
        return entries.get((int) counter - 1);
    }

    /** The hash of entry #counter; #0 is the genesis hash. */
    byte[] hash(long counter) {
        return counter == 0 ? GENESIS : entry(counter).hash();
    }

    /** Entry #counter as uploaded. */
    UploadedRecord upload(long counter) {
        return uploaded(entry(counter));
    }

    /** Another entry with the counter and prevHash of entry #counter: a second PAY entry where the genuine one was written. */
    Entry fork(long counter) {
        return pay(counter, 999_000 + counter, entry(counter).prevHash());
    }

    /** Entry #counter with another prevHash: it does not chain to its predecessor. */
    Entry withPrevHash(long counter, byte[] prevHash) {
        Entry e = entry(counter);
        return new Entry(e.type(), e.walletId(), e.counter(), e.peerId(), e.amount(), e.nonce(), e.peerCounter(), e.refHash(), prevHash);
    }

    static UploadedRecord uploaded(Entry e) {
        WalletRecord record = new WalletRecord(e.encode(), SIGNATURE, null, null);
        return new UploadedRecord(0, record, e, record.hash(), null);
    }

    private static Entry pay(long counter, long amount, byte[] prevHash) {
        return new Entry(EntryType.PAY, WALLET, counter, PAYEE, amount, new byte[16], 0, new byte[32], prevHash);
    }
}
