package org.dualoffline.protocol;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Amounts: fen on the wire, yuan in business language ("¥25.00", "25 yuan"). */
public final class Money {
    private static final Pattern YUAN = Pattern.compile("^\\s*(?:¥|CNY\\s*)?\\s*(\\d{1,8}(?:\\.\\d{1,2})?)\\s*(?:yuan|CNY)?\\s*$");
    public static final long MAX_FEN = 0xFFFF_FFFFL;

    private Money() {}

    /** Parses a yuan amount such as "¥25.00", "25.5" or "25 yuan" into fen. */
    public static long parseYuan(String text) {
        Matcher m = YUAN.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an amount in yuan: \"" + text + "\" (write it like ¥25.00)");
        }
        long fen = new BigDecimal(m.group(1)).movePointRight(2).longValueExact();
        if (fen > MAX_FEN) {
            throw new IllegalArgumentException("amount too large for the protocol: " + text);
        }
        return fen;
    }

    public static String yuan(long fen) {
        return String.format("¥%d.%02d", fen / 100, Math.abs(fen % 100));
    }
}
