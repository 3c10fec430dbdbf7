package org.dualoffline.fuzz;

import java.util.List;
import java.util.Random;

/** Pieces an attacker tries: in JSON (escaped where JSON must escape), in paths and headers (as Latin-1 bytes). */
final class Junk {
    /** JSON numbers an amount or a count must refuse or survive. */
    static final List<String> NUMBERS = List.of("-1", "0", "1", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "4294967295", "4294967296", "65536", "99999999999999999999999", "1e400", "-0", "1.5", "0.0", "1e2", "-1e-400", "1E3");
    /** JSON strings a text or hex field must refuse or survive: control characters, half surrogates, odd Unicode, long ones. */
    static final List<String> STRINGS = List.of("\"\\u0000\"", "\"a\\u0000b\"", "\"\\u001b[31m\"", "\"\\ud800\"", "\"\\udc00x\"",
            "\"\\ud83d\\ude00\"", "\"" + FuzzRequest.latin1("\u00e9\u4e2d\ud83d\ude00") + "\"", "\"\\n\"", "\"\\t\"", "\"\\u007f\"",
            "\"\\u0085\"", "\"\\u2028\"", "\"\\ufeff\"", "\"\\uffff\"", "\"%00\"", "\"../../etc\"", "\"<script>\"",
            "\"'; DROP TABLE wallets;--\"", "\"\"", "\" \"", "\"100\"", "\"0000000000000001\"", "\"ffffffffffffffff\"", "\"00000000DEADBEEF\"",
            "\"0x1\"", "\"card\"", "\"POS\"", "\"NONE\"", "\"HELD_UNTIL_SYNC\"", "\"00\"", "\"0g\"", "\"abc\"",
            "\"" + "a".repeat(201) + "\"", "\"" + "f".repeat(10_000) + "\"", "\"" + "\\u0000".repeat(50) + "\"");
    /** JSON strings with a control character or half a surrogate pair: what text columns choke on (NUL in PostgreSQL). */
    static final List<String> CONTROL = STRINGS.subList(0, 5);
    /** Other JSON, and words that are almost JSON. */
    static final List<String> OTHERS = List.of("true", "false", "null", "[]", "{}", "[1]", "{\"a\":1}", "NaN", "Infinity", "01", "+1", ".5",
            "1.", "'x'", "nul", "tru", "[" + "1,".repeat(300) + "1]");
    static final List<String> JSON_VALUES = java.util.stream.Stream.of(NUMBERS, STRINGS, OTHERS).flatMap(List::stream).toList();

    /** Text for paths, queries and header values, as Latin-1 chars (one per byte). */
    static final List<String> TEXT = List.of("%00", "\u0000", "..", ".", "%2e%2e", "%2F", "%2f..%2f", "\\", "%5c", "%zz", "%", "%0a",
            "%0d%0a", "\r", "\n", "\t", " ", "%20", "+", "?", "#", ";x=1", "&", "=", "*", "~", FuzzRequest.latin1("\u00e9"),
            FuzzRequest.latin1("\u4e2d\u6587"), FuzzRequest.latin1("\ud83d\ude00"), "%C3%A9", "%E4%B8%AD", "%F0%9F%98%80", "%ed%a0%80",
            "\u00ff", "\u00c0\u00af", "\u0001", "\u007f", "A".repeat(300), "0000000000000001", "00000000deadbeef", "-1", "0x10",
            "'", "\"", "<a>", "%25", "%u0041", "//", "/./", "/../");

    static final List<String> FIELDS = List.of("amount", "records", "entry", "signature", "peerEntry", "peerSignature", "blocklistSeq",
            "walletId", "detail", "holder", "publicKey", "formFactor", "limits", "maxSingle", "maxCumulative", "maxCount", "holdingCap",
            "pinFreeThreshold", "receivePolicy", "after", "x");

    private Junk() {}

    static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** A JSON document of random shape with the API's field names, up to {@code depth} levels. */
    static String randomJson(Random random, int depth) {
        int kind = depth <= 0 ? 3 : random.nextInt(5);
        StringBuilder sb = new StringBuilder();
        switch (kind) {
            case 0, 1 -> {
                sb.append('{');
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append('"').append(pick(random, FIELDS)).append("\":").append(randomJson(random, depth - 1));
                }
                sb.append('}');
            }
            case 2 -> {
                sb.append('[');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append(randomJson(random, depth - 1));
                }
                sb.append(']');
            }
            default -> sb.append(pick(random, JSON_VALUES));
        }
        return sb.toString();
    }
}
