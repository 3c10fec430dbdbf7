package org.dualoffline.backend.sync;

import org.dualoffline.protocol.Entry;

/** A record to insert, with its decoded entry and hash, and the status it goes in with. */
public record NewRecord(WalletRecord record, Entry entry, byte[] hash, RecordStatus status) {}
