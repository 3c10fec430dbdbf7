package org.dualoffline.protocol;

/** Issuer-signed load token (spec 3.5): single use, bound to a wallet and its load sequence. */
public record LoadToken(WalletId walletId, long loadSeq, long amount, byte[] issuerSignature) {
    public static final int BODY_LENGTH = 18;
    public static final int TYPE = 0x30;

    public byte[] body() {
        byte[] b = new byte[BODY_LENGTH];
        b[0] = 0x01;
        b[1] = TYPE;
        walletId.write(b, 2);
        Bytes.putU32(b, 10, loadSeq);
        Bytes.putU32(b, 14, amount);
        return b;
    }

    public byte[] encode() {
        return Bytes.concat(body(), issuerSignature);
    }

    public static LoadToken decode(byte[] b) {
        Bytes.requireLength("load token", b, BODY_LENGTH + 8, BODY_LENGTH + 72);
        if (b[0] != 0x01 || (b[1] & 0xFF) != TYPE) {
            throw new ProtocolException("not a version 1 load token");
        }
        return new LoadToken(WalletId.read(b, 2), Bytes.u32(b, 10), Bytes.u32(b, 14), Bytes.slice(b, BODY_LENGTH, b.length - BODY_LENGTH));
    }
}
