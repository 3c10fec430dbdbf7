package org.dualoffline.protocol;

/** The form factor byte of a wallet certificate (spec 3.1). */
public enum FormFactor {
    CARD(0x01), WEARABLE(0x02), PHONE_ESE(0x03), NFC_SIM(0x04), POS(0x05);

    public final int code;

    FormFactor(int code) {
        this.code = code;
    }

    public static FormFactor of(int code) {
        for (FormFactor f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new ProtocolException("unknown form factor code " + code);
    }
}
