package org.dualoffline.backend.sync;

import org.dualoffline.backend.BackendException;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.ProtocolException;

/**
 * A record of an upload request after the checks that need no database: hex, sizes and the
 * entry layout. {@code index} is its position in the request, used in every error detail.
 */
public record UploadedRecord(int index, WalletRecord record, Entry entry, byte[] hash, Entry peerEntry) {
    public static final int MIN_SIGNATURE = 8;
    public static final int MAX_SIGNATURE = 72;

    public static UploadedRecord parse(int index, String entryHex, String signatureHex, String peerEntryHex, String peerSignatureHex) {
        String at = "records[" + index + "]";
        byte[] entry = bytes(at + ".entry", entryHex, Entry.LENGTH, Entry.LENGTH);
        byte[] signature = bytes(at + ".signature", signatureHex, MIN_SIGNATURE, MAX_SIGNATURE);
        Entry decoded = decode(at + ".entry", entry);
        if ((peerEntryHex == null) != (peerSignatureHex == null)) {
            throw BackendException.invalid(at + ": peerEntry and peerSignature go together; give both or neither");
        }
        byte[] peerEntry = null;
        byte[] peerSignature = null;
        Entry peerDecoded = null;
        if (peerEntryHex != null) {
            peerEntry = bytes(at + ".peerEntry", peerEntryHex, Entry.LENGTH, Entry.LENGTH);
            peerSignature = bytes(at + ".peerSignature", peerSignatureHex, MIN_SIGNATURE, MAX_SIGNATURE);
            peerDecoded = decode(at + ".peerEntry", peerEntry);
        }
        if (decoded.type() == EntryType.RECEIVE && peerEntry == null) {
            throw BackendException.invalid(at + ": a RECEIVE entry (#" + decoded.counter()
                    + ") needs peerEntry and peerSignature, the payer's signed PAY entry");
        }
        if (decoded.type() != EntryType.RECEIVE && peerEntry != null) {
            throw BackendException.invalid(at + ": only a RECEIVE entry carries a peerEntry, this is a " + decoded.type() + " entry");
        }
        WalletRecord record = new WalletRecord(entry, signature, peerEntry, peerSignature);
        return new UploadedRecord(index, record, decoded, record.hash(), peerDecoded);
    }

    /** "records[2] (PAY #7)", for error details. */
    public String describe() {
        return "records[" + index + "] (" + entry.type() + " #" + entry.counter() + ")";
    }

    private static byte[] bytes(String field, String hex, int min, int max) {
        if (hex == null) {
            throw BackendException.invalid(field + " is required (hex)");
        }
        byte[] b;
        try {
            b = Hex.parse(hex);
        } catch (ProtocolException e) {
            throw BackendException.invalid(field + ": " + e.getMessage());
        }
        if (b.length < min || b.length > max) {
            throw BackendException.invalid(field + " must be " + (min == max ? min : min + ".." + max) + " bytes, got " + b.length);
        }
        return b;
    }

    private static Entry decode(String field, byte[] entry) {
        try {
            return Entry.decode(entry);
        } catch (ProtocolException e) {
            throw BackendException.invalid(field + ": " + e.getMessage());
        }
    }
}
