package org.dualoffline.protocol;

/** The type byte of a ledger entry (spec 3.2). */
public enum EntryType {
    /** The payer's payment record. */
    PAY(0x01),
    /** The payee's receipt, kept with the payer's PAY entry. */
    RECEIVE(0x02),
    /** Value loaded from an issuer-signed load token: online to offline. */
    LOAD(0x03),
    /** Value unloaded by the wallet (defunding): offline to online, credited once when the backend accepts it. */
    UNLOAD(0x04);

    public final int code;

    EntryType(int code) {
        this.code = code;
    }

    public static EntryType of(int code) {
        for (EntryType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new ProtocolException("unknown entry type " + code);
    }
}
