package org.dualoffline.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Issuer-signed sync acknowledgement (spec 3.4): frees storage, carries the limits and the
 * blocklist entries the wallet has not seen yet. The body is 74 bytes plus 8 per blocklist
 * entry (at most {@link #MAX_BLOCKLIST_ENTRIES}, so the whole fits a short APDU).
 */
public record SyncAck(WalletId walletId, long ackCounter, byte[] ackHash, Limits limits, long blocklistSeq,
                      List<WalletId> blocklisted, byte[] issuerSignature) {
    public static final int FIXED_BODY_LENGTH = 74;
    public static final int MAX_BLOCKLIST_ENTRIES = 12;
    public static final int TYPE = 0x20;

    public SyncAck {
        blocklisted = List.copyOf(blocklisted);
        if (blocklisted.size() > MAX_BLOCKLIST_ENTRIES) {
            throw new ProtocolException("a sync acknowledgement carries at most " + MAX_BLOCKLIST_ENTRIES + " blocklist entries, got "
                    + blocklisted.size());
        }
    }

    /** An acknowledgement that brings no blocklist entries. */
    public SyncAck(WalletId walletId, long ackCounter, byte[] ackHash, Limits limits, byte[] issuerSignature) {
        this(walletId, ackCounter, ackHash, limits, 0, List.of(), issuerSignature);
    }

    public byte[] body() {
        byte[] b = new byte[FIXED_BODY_LENGTH + 8 * blocklisted.size()];
        b[0] = 0x01;
        b[1] = TYPE;
        walletId.write(b, 2);
        Bytes.putU32(b, 10, ackCounter);
        if (ackHash.length != 32) {
            throw new ProtocolException("ackHash must be 32 bytes");
        }
        System.arraycopy(ackHash, 0, b, 14, 32);
        Bytes.putU32(b, 46, blocklistSeq);
        limits.write(b, 50);
        b[73] = (byte) blocklisted.size();
        for (int i = 0; i < blocklisted.size(); i++) {
            blocklisted.get(i).write(b, 74 + 8 * i);
        }
        return b;
    }

    public byte[] encode() {
        return Bytes.concat(body(), issuerSignature);
    }

    public static SyncAck decode(byte[] b) {
        Bytes.requireLength("sync acknowledgement", b, FIXED_BODY_LENGTH + 8, FIXED_BODY_LENGTH + 8 * MAX_BLOCKLIST_ENTRIES + 72);
        if (b[0] != 0x01 || (b[1] & 0xFF) != TYPE) {
            throw new ProtocolException("not a version 1 sync acknowledgement");
        }
        int n = b[73] & 0xFF;
        if (n > MAX_BLOCKLIST_ENTRIES) {
            throw new ProtocolException("sync acknowledgement lists " + n + " blocklist entries, at most " + MAX_BLOCKLIST_ENTRIES);
        }
        int bodyLength = FIXED_BODY_LENGTH + 8 * n;
        Bytes.requireLength("sync acknowledgement", b, bodyLength + 8, bodyLength + 72);
        List<WalletId> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(WalletId.read(b, 74 + 8 * i));
        }
        return new SyncAck(WalletId.read(b, 2), Bytes.u32(b, 10), Bytes.slice(b, 14, 32), Limits.read(b, 50), Bytes.u32(b, 46), ids,
                Bytes.slice(b, bodyLength, b.length - bodyLength));
    }
}
