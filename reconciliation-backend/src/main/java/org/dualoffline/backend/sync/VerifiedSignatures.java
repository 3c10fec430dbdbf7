package org.dualoffline.backend.sync;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.dualoffline.protocol.CryptoSuite;

/**
 * PAY entries whose signature has been verified, so that a payment's PAY entry is verified once
 * although it reaches the backend twice: in the payer's upload, and beside the payee's RECEIVE
 * entry (the same bytes and the same signature, passed over NFC). ECDSA verification is most of
 * the CPU an upload costs, and this saves a third of it when both sides of a payment sync close
 * together - a reconnect storm, a merchant and its customers syncing the same evening.
 *
 * <p>Only successes are kept, under SHA-256 of (suite, public key, entry, signature): a hit means
 * this exact signature of this exact entry verified under this exact key before. Bounded: two
 * generations of at most {@code capacity} entries each; when the young one is full, the old one
 * is dropped (an approximate LRU). A capacity of 0 turns it off.
 */
public final class VerifiedSignatures {
    private final int capacity;
    private final Object rotation = new Object();
    private volatile Set<ByteBuffer> young = ConcurrentHashMap.newKeySet();
    private volatile Set<ByteBuffer> old = ConcurrentHashMap.newKeySet();
    private final LongAdder verified = new LongAdder();
    private final LongAdder remembered = new LongAdder();

    public VerifiedSignatures(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be 0 (off) or positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** How many signatures were verified, and how many were answered from memory. */
    public record Counts(long verified, long remembered) {}

    public Counts counts() {
        return new Counts(verified.sum(), remembered.sum());
    }

    /** {@code suite.verify(publicKey, entry, signature)}, counted, for entries that will not come again (RECEIVE, LOAD). */
    public boolean verify(CryptoSuite suite, byte[] publicKey, byte[] entry, byte[] signature) {
        verified.increment();
        return suite.verify(publicKey, entry, signature);
    }

    /** {@code suite.verify(publicKey, entry, signature)}, answered from memory when it verified before (PAY entries). */
    public boolean verifyRemembering(CryptoSuite suite, byte[] publicKey, byte[] entry, byte[] signature) {
        if (capacity == 0) {
            verified.increment();
            return suite.verify(publicKey, entry, signature);
        }
        ByteBuffer key = key(suite, publicKey, entry, signature);
        if (young.contains(key) || old.contains(key)) {
            remembered.increment();
            return true;
        }
        verified.increment();
        boolean ok = suite.verify(publicKey, entry, signature);
        if (ok) {
            remember(key);
        }
        return ok;
    }

    private void remember(ByteBuffer key) {
        Set<ByteBuffer> y = young;
        if (y.size() >= capacity) {
            synchronized (rotation) {
                if (young == y) {
                    old = y;
                    young = ConcurrentHashMap.newKeySet();
                }
            }
        }
        young.add(key);
    }

    private static ByteBuffer key(CryptoSuite suite, byte[] publicKey, byte[] entry, byte[] signature) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        d.update((byte) suite.id());
        for (byte[] part : new byte[][] {publicKey, entry, signature}) {
            d.update((byte) (part.length >>> 8));
            d.update((byte) part.length);
            d.update(part);
        }
        return ByteBuffer.wrap(d.digest());
    }
}
