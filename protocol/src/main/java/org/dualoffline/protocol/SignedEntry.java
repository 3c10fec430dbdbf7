package org.dualoffline.protocol;

/** An entry with its signer's signature: the payment record (PAY) or receipt (RECEIVE). */
public record SignedEntry(byte[] entryBytes, byte[] signature) {
    public Entry entry() {
        return Entry.decode(entryBytes);
    }

    public byte[] encode() {
        return Bytes.concat(entryBytes, signature);
    }

    public byte[] hash() {
        return P256Sha256.INSTANCE.hash(entryBytes);
    }

    public boolean isSignedBy(byte[] publicKey) {
        return P256Sha256.INSTANCE.verify(publicKey, entryBytes, signature);
    }

    /** Splits {@code entry(110) || DER signature} as returned by PAY, RECEIVE, LOAD, UNLOAD and READ RECORD. */
    public static SignedEntry decode(byte[] b) {
        Bytes.requireLength("signed entry", b, Entry.LENGTH + 8, Entry.LENGTH + 72);
        return new SignedEntry(Bytes.slice(b, 0, Entry.LENGTH), Bytes.slice(b, Entry.LENGTH, b.length - Entry.LENGTH));
    }
}
