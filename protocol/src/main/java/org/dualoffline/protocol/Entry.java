package org.dualoffline.protocol;

/** A 110-byte ledger entry (spec 3.2), the unit of a wallet's hash chain. */
public record Entry(EntryType type, WalletId walletId, long counter, WalletId peerId, long amount,
                    byte[] nonce, long peerCounter, byte[] refHash, byte[] prevHash) {
    public static final int LENGTH = 110;
    public static final int VERSION = 0x01;

    public byte[] encode() {
        byte[] b = new byte[LENGTH];
        b[0] = VERSION;
        b[1] = (byte) type.code;
        walletId.write(b, 2);
        Bytes.putU32(b, 10, counter);
        peerId.write(b, 14);
        Bytes.putU32(b, 22, amount);
        copy("nonce", nonce, 16, b, 26);
        Bytes.putU32(b, 42, peerCounter);
        copy("refHash", refHash, 32, b, 46);
        copy("prevHash", prevHash, 32, b, 78);
        return b;
    }

    public byte[] hash() {
        return P256Sha256.INSTANCE.hash(encode());
    }

    public static Entry decode(byte[] b) {
        Bytes.requireLength("entry", b, LENGTH, LENGTH);
        if (b[0] != VERSION) {
            throw new ProtocolException("entry version " + (b[0] & 0xFF) + " is not 1");
        }
        return new Entry(EntryType.of(b[1] & 0xFF), WalletId.read(b, 2), Bytes.u32(b, 10), WalletId.read(b, 14),
                Bytes.u32(b, 22), Bytes.slice(b, 26, 16), Bytes.u32(b, 42), Bytes.slice(b, 46, 32), Bytes.slice(b, 78, 32));
    }

    private static void copy(String what, byte[] src, int len, byte[] dst, int off) {
        if (src == null || src.length != len) {
            throw new ProtocolException(what + " must be " + len + " bytes");
        }
        System.arraycopy(src, 0, dst, off, len);
    }

    @Override
    public String toString() {
        return type + " #" + counter + " " + walletId + "->" + peerId + " " + Money.yuan(amount);
    }
}
