package org.dualoffline.applet;

import java.util.Arrays;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Sw;

/** A response APDU split into data and status word. */
record Response(byte[] data, int sw) {

    static Response of(byte[] raw) {
        int n = raw.length;
        return new Response(Arrays.copyOf(raw, n - 2), ((raw[n - 2] & 0xFF) << 8) | (raw[n - 1] & 0xFF));
    }

    boolean isOk() {
        return sw == Sw.OK;
    }

    @Override
    public String toString() {
        return Sw.describe(sw) + (data.length == 0 ? "" : " " + Hex.of(data));
    }
}
