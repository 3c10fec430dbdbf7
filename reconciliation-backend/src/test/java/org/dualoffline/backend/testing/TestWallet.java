package org.dualoffline.backend.testing;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.CryptoSuite;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.WalletId;

/**
 * An off-card stand-in for a wallet's SE, as far as the backend can tell: a key pair, a counter
 * and a hash chain starting at H(certificate body), entries signed with {@link P256Sha256#sign}.
 * No balances or limits: those are the applet's business, not the backend's.
 */
public final class TestWallet {
    private static final byte[] ZERO_16 = new byte[16];
    private static final byte[] ZERO_32 = new byte[32];

    private final String holder;
    private final CryptoSuite.KeyPair keys;
    private final SecureRandom random;
    private WalletId id;
    private Certificate certificate;
    private long counter;
    private byte[] lastHash;
    private final List<SignedEntry> log = new ArrayList<>();

    public TestWallet(String holder, SecureRandom random) {
        this(holder, P256Sha256.INSTANCE.generateKeyPair(random), random);
    }

    /** A wallet with a key pair of the caller's (tests that enrol thousands of wallets draw keys from a pool). */
    public TestWallet(String holder, CryptoSuite.KeyPair keys, SecureRandom random) {
        this.holder = holder;
        this.random = random;
        this.keys = keys;
    }

    private TestWallet(TestWallet original) {
        this.holder = original.holder;
        this.random = original.random;
        this.keys = original.keys;
        this.id = original.id;
        this.certificate = original.certificate;
        this.counter = original.counter;
        this.lastHash = original.lastHash.clone();
        this.log.addAll(original.log);
    }

    /** Personalization: the certificate the backend issued starts the chain. */
    public void personalize(Certificate certificate) {
        this.id = certificate.walletId();
        this.certificate = certificate;
        this.counter = 0;
        this.lastHash = certificate.chainGenesis();
    }

    /** A second SE with the same key and state: what a cloner would make. Its next entry forks the chain. */
    public TestWallet cloneSe() {
        return new TestWallet(this);
    }

    /** The payee's side of BEGIN RECEIVE: a fresh 16-byte challenge. */
    public byte[] challenge() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return nonce;
    }

    public SignedEntry pay(TestWallet payee, long amount, byte[] payeeNonce) {
        return write(new Entry(EntryType.PAY, id, counter + 1, payee.id(), amount, payeeNonce, 0, ZERO_32, lastHash));
    }

    public SignedEntry receive(SignedEntry payerEntry) {
        Entry pay = payerEntry.entry();
        return write(new Entry(EntryType.RECEIVE, id, counter + 1, pay.walletId(), pay.amount(), pay.nonce(), pay.counter(),
                payerEntry.hash(), lastHash));
    }

    public SignedEntry load(LoadToken token) {
        return write(new Entry(EntryType.LOAD, id, counter + 1, WalletId.NONE, token.amount(), ZERO_16, token.loadSeq(),
                P256Sha256.INSTANCE.hash(token.body()), lastHash));
    }

    /** Defunding: the wallet's signed UNLOAD entry, the redeem record (no peer, nonce or reference). */
    public SignedEntry unload(long amount) {
        return write(new Entry(EntryType.UNLOAD, id, counter + 1, WalletId.NONE, amount, ZERO_16, 0, ZERO_32, lastHash));
    }

    /** Appends an entry to the chain (its counter and prevHash are the caller's business) and signs it. */
    public SignedEntry write(Entry e) {
        SignedEntry signed = sign(e);
        counter = e.counter();
        lastHash = signed.hash();
        log.add(signed);
        return signed;
    }

    /** Signs any entry with this wallet's key, without touching the chain. */
    public SignedEntry sign(Entry e) {
        byte[] bytes = e.encode();
        return new SignedEntry(bytes, P256Sha256.INSTANCE.sign(keys.privateKey(), bytes));
    }

    /** The next entry's fields as this wallet would write them, for tests that alter one field. */
    public Entry nextPay(TestWallet payee, long amount, byte[] nonce) {
        return new Entry(EntryType.PAY, id, counter + 1, payee.id(), amount, nonce, 0, ZERO_32, lastHash);
    }

    public WalletId id() {
        return id;
    }

    public String holder() {
        return holder;
    }

    public byte[] publicKey() {
        return keys.publicKey().clone();
    }

    public Certificate certificate() {
        return certificate;
    }

    public long counter() {
        return counter;
    }

    public byte[] lastHash() {
        return lastHash.clone();
    }

    public List<SignedEntry> log() {
        return List.copyOf(log);
    }

    @Override
    public String toString() {
        return holder + " (" + id + ")";
    }
}
