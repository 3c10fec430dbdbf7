package org.dualoffline.protocol;

/** Issuer-signed sync acknowledgement (spec 3.4): frees storage and carries the limits. */
public record SyncAck(WalletId walletId, long ackCounter, byte[] ackHash, Limits limits, byte[] issuerSignature) {
    public static final int BODY_LENGTH = 73;
    public static final int TYPE = 0x20;

    public byte[] body() {
        byte[] b = new byte[BODY_LENGTH];
        b[0] = 0x01;
        b[1] = TYPE;
        walletId.write(b, 2);
        Bytes.putU32(b, 10, ackCounter);
        if (ackHash.length != 32) {
            throw new ProtocolException("ackHash must be 32 bytes");
        }
        System.arraycopy(ackHash, 0, b, 14, 32);
        limits.write(b, 50);
        return b;
    }

    public byte[] encode() {
        return Bytes.concat(body(), issuerSignature);
    }

    public static SyncAck decode(byte[] b) {
        Bytes.requireLength("sync acknowledgement", b, BODY_LENGTH + 8, BODY_LENGTH + 72);
        if (b[0] != 0x01 || (b[1] & 0xFF) != TYPE) {
            throw new ProtocolException("not a version 1 sync acknowledgement");
        }
        return new SyncAck(WalletId.read(b, 2), Bytes.u32(b, 10), Bytes.slice(b, 14, 32), Limits.read(b, 50),
                Bytes.slice(b, BODY_LENGTH, b.length - BODY_LENGTH));
    }
}
