package org.dualoffline.protocol;

/** Applet life-cycle states (spec 4). */
public enum WalletState {
    NEW(0x01), INITIALIZED(0x02), PERSONALIZED(0x03), ACTIVE(0x04);

    public final int code;

    WalletState(int code) {
        this.code = code;
    }

    public static WalletState of(int code) {
        for (WalletState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new ProtocolException("unknown wallet state " + code);
    }
}
