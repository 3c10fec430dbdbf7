package org.dualoffline.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a request is printed so that it can be read and sent again: escaped for reading
 * ({@code \r\n}, {@code \xHH} for any other byte outside printable ASCII), and as Base64 for
 * {@code ./bench fuzz --replay}. The operator token is never printed: it stands as
 * {@value #TOKEN_PLACEHOLDER}, put back by {@link #decode} from the token given to the replay.
 */
public final class Replay {
    public static final String TOKEN_PLACEHOLDER = "<operator-token>";

    private Replay() {}

    /** {@code bytes} with the token masked, in Base64. */
    public static String encode(byte[] bytes, String token) {
        return Base64.getEncoder().encodeToString(mask(bytes, token));
    }

    /** The request bytes of {@link #encode}, with {@code token} put back. */
    public static byte[] decode(String base64, String token) {
        String latin = new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.ISO_8859_1);
        return latin.replace(TOKEN_PLACEHOLDER, token == null ? "" : token).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code bytes} with the token masked, escaped for reading. */
    public static String readable(byte[] bytes, String token) {
        return escape(new String(mask(bytes, token), StandardCharsets.ISO_8859_1));
    }

    /** Printable ASCII as it is; CR, LF, tab and backslash as {@code \r \n \t \\}; any other char as {@code \xHH} or {@code \\uHHHH}. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        sb.append(c);
                    } else if (c <= 0xff) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return sb.toString();
    }

    private static byte[] mask(byte[] bytes, String token) {
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        if (token != null && !token.isEmpty()) {
            latin = latin.replace(token, TOKEN_PLACEHOLDER);
        }
        return latin.getBytes(StandardCharsets.ISO_8859_1);
    }
}
