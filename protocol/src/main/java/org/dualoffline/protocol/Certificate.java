package org.dualoffline.protocol;

/** Wallet certificate (spec 3.1): a 76-byte body signed by the issuer. */
public record Certificate(int suite, WalletId walletId, FormFactor formFactor, byte[] publicKey, byte[] issuerSignature) {
    public static final int BODY_LENGTH = 76;
    public static final int VERSION = 0x01;

    public byte[] body() {
        byte[] b = new byte[BODY_LENGTH];
        b[0] = VERSION;
        b[1] = (byte) suite;
        walletId.write(b, 2);
        b[10] = (byte) formFactor.code;
        if (publicKey.length != 65) {
            throw new ProtocolException("certificate public key must be 65 bytes, got " + publicKey.length);
        }
        System.arraycopy(publicKey, 0, b, 11, 65);
        return b;
    }

    public byte[] encode() {
        return Bytes.concat(body(), issuerSignature);
    }

    /** The genesis of this wallet's hash chain: H(certificate body). */
    public byte[] chainGenesis() {
        return CryptoSuite.forId(suite).hash(body());
    }

    public boolean isSignedBy(byte[] issuerPublicKey) {
        return CryptoSuite.forId(suite).verify(issuerPublicKey, body(), issuerSignature);
    }

    public static Certificate decode(byte[] b) {
        Bytes.requireLength("certificate", b, BODY_LENGTH + 8, BODY_LENGTH + 72);
        if (b[0] != VERSION) {
            throw new ProtocolException("certificate version " + (b[0] & 0xFF) + " is not 1");
        }
        return new Certificate(b[1] & 0xFF, WalletId.read(b, 2), FormFactor.of(b[10] & 0xFF),
                Bytes.slice(b, 11, 65), Bytes.slice(b, BODY_LENGTH, b.length - BODY_LENGTH));
    }
}
