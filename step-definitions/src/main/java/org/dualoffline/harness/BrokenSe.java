package org.dualoffline.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.CryptoSuite;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.WalletId;

/**
 * A broken secure element, in software, for DS-04 only: the wallet key was extracted (or the SE
 * no longer checks anything), so it signs whatever entry it is told - counter, chain and
 * signature all correct, balance never checked. Test-only: it is never the device under test; it
 * plays the attacker against the profile's real wallets and the backend, whatever SE the profile
 * has. It keeps its unacknowledged entries as a wallet's log, and drops them when an
 * acknowledgement covers them.
 */
final class BrokenSe {
    private static final byte[] ZERO_16 = new byte[16];
    private static final byte[] ZERO_32 = new byte[32];

    private final CryptoSuite.KeyPair keys;
    private Certificate certificate;
    private long counter;
    private byte[] lastHash;
    private final List<WalletClient.StoredRecord> log = new ArrayList<>();

    BrokenSe(CryptoSuite.KeyPair keys) {
        this.keys = keys;
    }

    byte[] publicKey() {
        return keys.publicKey().clone();
    }

    /** Personalization: the certificate the backend issued starts the chain. */
    void personalize(Certificate certificate) {
        this.certificate = certificate;
        this.lastHash = certificate.chainGenesis();
    }

    Certificate certificate() {
        return certificate;
    }

    SignedEntry load(LoadToken token) {
        return write(EntryType.LOAD, WalletId.NONE, token.amount(), ZERO_16, token.loadSeq(), P256Sha256.INSTANCE.hash(token.body()));
    }

    /** A PAY entry to {@code payee} answering {@code nonce}, whatever the balance. */
    SignedEntry pay(WalletId payee, long amount, byte[] nonce) {
        return write(EntryType.PAY, payee, amount, nonce, 0, ZERO_32);
    }

    /** An UNLOAD entry (a redeem record), whatever the balance. */
    SignedEntry unload(long amount) {
        return write(EntryType.UNLOAD, WalletId.NONE, amount, ZERO_16, 0, ZERO_32);
    }

    /** The entries not yet acknowledged by the backend, oldest first. */
    List<WalletClient.StoredRecord> unacknowledged() {
        return List.copyOf(log);
    }

    /** The backend acknowledged the chain up to {@code ackCounter}: those entries leave the log. */
    void acknowledge(long ackCounter) {
        log.removeIf(r -> r.own().entry().counter() <= ackCounter);
    }

    /** A PAY entry to {@code payee} signed in {@code form}, written to the log like any of its entries. */
    SignedEntry pay(WalletId payee, long amount, byte[] nonce, SignatureForm form) {
        return write(EntryType.PAY, payee, amount, nonce, 0, ZERO_32, form);
    }

    /**
     * The PAY entry {@link #pay} would write next, changed by {@code change} and signed: the
     * signature verifies under the wallet's key, but nothing is written - the SE signs it on the side.
     */
    SignedEntry payChanged(WalletId payee, long amount, byte[] nonce, UnaryOperator<byte[]> change) {
        byte[] bytes = change.apply(next(EntryType.PAY, payee, amount, nonce, 0, ZERO_32).encode());
        return new SignedEntry(bytes, P256Sha256.INSTANCE.sign(keys.privateKey(), bytes));
    }

    private Entry next(EntryType type, WalletId peer, long amount, byte[] nonce, long peerCounter, byte[] refHash) {
        return new Entry(type, certificate.walletId(), counter + 1, peer, amount, nonce, peerCounter, refHash, lastHash);
    }

    private SignedEntry write(EntryType type, WalletId peer, long amount, byte[] nonce, long peerCounter, byte[] refHash) {
        return write(type, peer, amount, nonce, peerCounter, refHash, SignatureForm.USUAL);
    }

    private SignedEntry write(EntryType type, WalletId peer, long amount, byte[] nonce, long peerCounter, byte[] refHash,
                              SignatureForm form) {
        Entry e = next(type, peer, amount, nonce, peerCounter, refHash);
        byte[] bytes = e.encode();
        SignedEntry signed = new SignedEntry(bytes, form.sign(keys.privateKey(), bytes, counter));
        counter = e.counter();
        lastHash = signed.hash();
        log.add(new WalletClient.StoredRecord(signed, null));
        return signed;
    }
}
