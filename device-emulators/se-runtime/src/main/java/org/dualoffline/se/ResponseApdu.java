package org.dualoffline.se;

import java.util.Arrays;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Sw;

/** A response APDU split into data and status word. */
public record ResponseApdu(byte[] data, int sw) {
    public static ResponseApdu of(byte[] raw) {
        if (raw == null || raw.length < 2) {
            throw new SecureElementException("response of " + (raw == null ? 0 : raw.length) + " bytes has no status word", -1);
        }
        int sw = ((raw[raw.length - 2] & 0xFF) << 8) | (raw[raw.length - 1] & 0xFF);
        return new ResponseApdu(Arrays.copyOf(raw, raw.length - 2), sw);
    }

    public boolean isOk() {
        return sw == Sw.OK;
    }

    /** Returns the data if the SW is one of {@code allowed} (default 9000), else throws naming what failed. */
    public byte[] check(String whatFailed, int... allowed) {
        int[] ok = allowed.length == 0 ? new int[] {Sw.OK} : allowed;
        for (int a : ok) {
            if (a == sw) {
                return data;
            }
        }
        throw new SecureElementException(whatFailed + ": " + Sw.describe(sw), sw);
    }

    @Override
    public String toString() {
        return (data.length == 0 ? "" : Hex.of(data) + " ") + Sw.describe(sw);
    }
}
