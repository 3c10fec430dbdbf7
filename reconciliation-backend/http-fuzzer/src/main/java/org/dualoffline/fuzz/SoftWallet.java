package org.dualoffline.fuzz;

import java.security.SecureRandom;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.CryptoSuite;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.WalletId;

/**
 * A wallet key in software, enough to write the signed entries of valid uploads for the fuzzer
 * to start from: its chain (counter, previous hash from H(certificate body)), LOAD, PAY and
 * RECEIVE entries signed as an SE signs them. No balances or limits: the backend judges those.
 */
final class SoftWallet {
    private static final byte[] ZERO_16 = new byte[16];
    private static final byte[] ZERO_32 = new byte[32];

    private final CryptoSuite.KeyPair keys;
    private WalletId id;
    private long counter;
    private byte[] lastHash;

    SoftWallet(SecureRandom random) {
        this.keys = P256Sha256.INSTANCE.generateKeyPair(random);
    }

    String publicKeyHex() {
        return Hex.of(keys.publicKey());
    }

    /** The certificate the backend issued at enrolment starts the chain. */
    void personalize(Certificate certificate) {
        id = certificate.walletId();
        lastHash = certificate.chainGenesis();
    }

    WalletId id() {
        return id;
    }

    SignedEntry load(LoadToken token) {
        return append(new Entry(EntryType.LOAD, id, counter + 1, WalletId.NONE, token.amount(), ZERO_16, token.loadSeq(),
                P256Sha256.INSTANCE.hash(token.body()), lastHash));
    }

    SignedEntry pay(WalletId payee, long amount, byte[] nonce) {
        return append(new Entry(EntryType.PAY, id, counter + 1, payee, amount, nonce, 0, ZERO_32, lastHash));
    }

    SignedEntry receive(SignedEntry pay) {
        Entry p = pay.entry();
        return append(new Entry(EntryType.RECEIVE, id, counter + 1, p.walletId(), p.amount(), p.nonce(), p.counter(), pay.hash(), lastHash));
    }

    private SignedEntry append(Entry e) {
        byte[] bytes = e.encode();
        SignedEntry signed = new SignedEntry(bytes, P256Sha256.INSTANCE.sign(keys.privateKey(), bytes));
        counter = e.counter();
        lastHash = signed.hash();
        return signed;
    }
}
