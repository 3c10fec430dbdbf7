package org.dualoffline.protocol;

/** What a wallet does with value it receives offline (spec 3.3). */
public enum ReceivePolicy {
    SPENDABLE_AT_ONCE(0x01), HELD_UNTIL_SYNC(0x02);

    public final int code;

    ReceivePolicy(int code) {
        this.code = code;
    }

    public static ReceivePolicy of(int code) {
        for (ReceivePolicy p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new ProtocolException("unknown receive policy " + code);
    }
}
