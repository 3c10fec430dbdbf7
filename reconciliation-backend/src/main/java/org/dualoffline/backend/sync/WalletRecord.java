package org.dualoffline.backend.sync;

import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.P256Sha256;

/**
 * One entry of a wallet's log as uploaded: the wallet's signed entry and, beside a RECEIVE
 * entry, the payer's signed PAY entry that it answers.
 */
public record WalletRecord(byte[] entryBytes, byte[] signature, byte[] peerEntryBytes, byte[] peerSignature) {

    public Entry entry() {
        return Entry.decode(entryBytes);
    }

    public byte[] hash() {
        return P256Sha256.INSTANCE.hash(entryBytes);
    }

    public boolean hasPeer() {
        return peerEntryBytes != null;
    }

    public Entry peerEntry() {
        return peerEntryBytes == null ? null : Entry.decode(peerEntryBytes);
    }

    public byte[] peerHash() {
        return peerEntryBytes == null ? null : P256Sha256.INSTANCE.hash(peerEntryBytes);
    }
}
