package org.dualoffline.protocol;

/** The 100-byte answer to GET STATUS (spec 3.6). */
public record WalletStatus(WalletState state, WalletId walletId, long balance, long held, long counter, int records,
                           int capacity, int offlineCount, long offlineAmount, Limits limits, long loadSeq,
                           long ackCounter, int pinTriesRemaining, byte[] lastHash, long blocklistSeq) {
    public static final int LENGTH = 100;

    public static WalletStatus decode(byte[] b) {
        Bytes.requireLength("wallet status", b, LENGTH, LENGTH);
        if (b[0] != 0x01) {
            throw new ProtocolException("wallet status version " + (b[0] & 0xFF) + " is not 1");
        }
        Limits limits = b[54] == 0 ? null : Limits.read(b, 32);
        return new WalletStatus(WalletState.of(b[1] & 0xFF), WalletId.read(b, 2), Bytes.u32(b, 10), Bytes.u32(b, 14),
                Bytes.u32(b, 18), Bytes.u16(b, 22), Bytes.u16(b, 24), Bytes.u16(b, 26), Bytes.u32(b, 28), limits,
                Bytes.u32(b, 55), Bytes.u32(b, 59), b[63] & 0xFF, Bytes.slice(b, 64, 32), Bytes.u32(b, 96));
    }
}
