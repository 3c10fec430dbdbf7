package org.dualoffline.protocol;

/** The type byte of a ledger entry (spec 3.2). */
public enum EntryType {
    PAY(0x01), RECEIVE(0x02), LOAD(0x03);

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
