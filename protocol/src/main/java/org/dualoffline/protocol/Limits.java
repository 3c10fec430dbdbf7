package org.dualoffline.protocol;

/** Issuer-set offline limits (spec 3.3), 23 bytes; amounts in fen. */
public record Limits(long limitsSeq, long maxSingle, long maxCumulative, int maxCount, long holdingCap,
                     long pinFreeThreshold, ReceivePolicy receivePolicy) {
    public static final int LENGTH = 23;

    /** The reference issuer's default: ¥500 a payment, ¥2,000 and 20 payments between syncs, ¥5,000 held. */
    public static Limits defaults() {
        return new Limits(1, 50_000, 200_000, 20, 500_000, 20_000, ReceivePolicy.SPENDABLE_AT_ONCE);
    }

    public Limits withSeq(long seq) {
        return new Limits(seq, maxSingle, maxCumulative, maxCount, holdingCap, pinFreeThreshold, receivePolicy);
    }

    public void write(byte[] b, int off) {
        Bytes.putU32(b, off, limitsSeq);
        Bytes.putU32(b, off + 4, maxSingle);
        Bytes.putU32(b, off + 8, maxCumulative);
        Bytes.putU16(b, off + 12, maxCount);
        Bytes.putU32(b, off + 14, holdingCap);
        Bytes.putU32(b, off + 18, pinFreeThreshold);
        b[off + 22] = (byte) receivePolicy.code;
    }

    public static Limits read(byte[] b, int off) {
        return new Limits(Bytes.u32(b, off), Bytes.u32(b, off + 4), Bytes.u32(b, off + 8), Bytes.u16(b, off + 12),
                Bytes.u32(b, off + 14), Bytes.u32(b, off + 18), ReceivePolicy.of(b[off + 22] & 0xFF));
    }
}
