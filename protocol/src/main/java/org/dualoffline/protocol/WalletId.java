package org.dualoffline.protocol;

/** The 8-byte wallet identifier, shown as 16 hex digits. */
public record WalletId(long value) {
    public static final WalletId NONE = new WalletId(0);

    public static WalletId parse(String hex) {
        byte[] b = Hex.parse(hex);
        if (b.length != 8) {
            throw new ProtocolException("a wallet id is 16 hex digits, got \"" + hex + "\"");
        }
        return new WalletId(Bytes.u64(b, 0));
    }

    public static WalletId read(byte[] b, int off) {
        return new WalletId(Bytes.u64(b, off));
    }

    public void write(byte[] b, int off) {
        Bytes.putU64(b, off, value);
    }

    public byte[] bytes() {
        byte[] b = new byte[8];
        write(b, 0);
        return b;
    }

    public String hex() {
        return Hex.of(bytes());
    }

    @Override
    public String toString() {
        return hex();
    }
}
