package org.dualoffline.protocol;

import java.util.HexFormat;

/** Lowercase hex, the encoding of binary objects in traces and in the backend's JSON. */
public final class Hex {
    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {}

    public static String of(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    public static String of(byte[] bytes, int offset, int length) {
        return FORMAT.formatHex(bytes, offset, offset + length);
    }

    /** Parses hex, ignoring spaces; throws {@link ProtocolException} with the reason on bad input. */
    public static byte[] parse(String hex) {
        if (hex == null) {
            throw new ProtocolException("hex string is missing");
        }
        String s = hex.replace(" ", "");
        if ((s.length() & 1) != 0) {
            throw new ProtocolException("hex string has an odd number of digits: " + s.length());
        }
        try {
            return FORMAT.parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("not a hex string: " + e.getMessage());
        }
    }
}
