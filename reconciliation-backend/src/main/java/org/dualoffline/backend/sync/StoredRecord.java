package org.dualoffline.backend.sync;

/** An entry of a wallet's log as the backend holds it: counter, status, hash, the hash it chains to, and the record. */
public record StoredRecord(long counter, RecordStatus status, byte[] hash, byte[] prevHash, WalletRecord record) {}
