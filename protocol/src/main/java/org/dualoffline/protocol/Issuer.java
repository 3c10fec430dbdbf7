package org.dualoffline.protocol;

/**
 * The issuer root: signs wallet certificates, sync acknowledgements (with limits) and load
 * tokens. The backend holds one; tests make their own.
 */
public final class Issuer {
    private final CryptoSuite suite;
    private final byte[] privateKey;
    private final byte[] publicKey;

    public Issuer(CryptoSuite suite, byte[] privateKey, byte[] publicKey) {
        this.suite = suite;
        this.privateKey = privateKey.clone();
        this.publicKey = publicKey.clone();
    }

    public static Issuer generate(java.security.SecureRandom random) {
        CryptoSuite.KeyPair kp = P256Sha256.INSTANCE.generateKeyPair(random);
        return new Issuer(P256Sha256.INSTANCE, kp.privateKey(), kp.publicKey());
    }

    public CryptoSuite suite() {
        return suite;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] privateKey() {
        return privateKey.clone();
    }

    public Certificate certify(WalletId walletId, FormFactor formFactor, byte[] walletPublicKey) {
        Certificate unsigned = new Certificate(suite.id(), walletId, formFactor, walletPublicKey, new byte[0]);
        return new Certificate(suite.id(), walletId, formFactor, walletPublicKey, suite.sign(privateKey, unsigned.body()));
    }

    public SyncAck acknowledge(WalletId walletId, long ackCounter, byte[] ackHash, Limits limits) {
        return acknowledge(walletId, ackCounter, ackHash, limits, 0, java.util.List.of());
    }

    /** An acknowledgement that also brings the wallet's blocklist up to {@code blocklistSeq} by adding {@code blocklisted}. */
    public SyncAck acknowledge(WalletId walletId, long ackCounter, byte[] ackHash, Limits limits, long blocklistSeq,
                               java.util.List<WalletId> blocklisted) {
        SyncAck unsigned = new SyncAck(walletId, ackCounter, ackHash, limits, blocklistSeq, blocklisted, new byte[0]);
        return new SyncAck(walletId, ackCounter, ackHash, limits, blocklistSeq, blocklisted, suite.sign(privateKey, unsigned.body()));
    }

    public LoadToken loadToken(WalletId walletId, long loadSeq, long amount) {
        LoadToken unsigned = new LoadToken(walletId, loadSeq, amount, new byte[0]);
        return new LoadToken(walletId, loadSeq, amount, suite.sign(privateKey, unsigned.body()));
    }
}
