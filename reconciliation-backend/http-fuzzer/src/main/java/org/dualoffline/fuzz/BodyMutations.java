package org.dualoffline.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the fuzzer does to a request body: JSON that is almost right, JSON of the wrong shape, bytes that are not JSON. */
final class BodyMutations {
    private static final Pattern VALUE = Pattern.compile(":\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d[\\d.eE+-]*|true|false|null)");
    private static final Pattern KEY = Pattern.compile("\"([A-Za-z]+)\"\\s*:");
    private static final Pattern HEX = Pattern.compile("\"([0-9a-f]{16,})\"");
    private static final Pattern TEXT_FIELD = Pattern.compile("\"(holder|detail|formFactor|receivePolicy)\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\")");

    /** Each takes the body's text and the random source, and gives the new body's text (Latin-1 chars stand for raw bytes). */
    static final List<BiFunction<String, Random, String>> ALL = List.of(
            BodyMutations::trailing,
            BodyMutations::duplicateKey,
            BodyMutations::replaceValue,
            BodyMutations::replaceValue,
            BodyMutations::replaceValue,
            BodyMutations::dropField,
            BodyMutations::poisonText,
            BodyMutations::poisonText,
            BodyMutations::flipHexDigit,
            BodyMutations::flipHexDigit,
            BodyMutations::bytes,
            BodyMutations::bytes,
            (body, random) -> Junk.randomJson(random, 4),
            (body, random) -> deep(random),
            (body, random) -> Junk.pick(random, List.of("", " ", "null", "[]", "\"x\"", "1", "true", "{", "}", "{}", "[{}]")),
            (body, random) -> invalidUtf8(body, random));

    private BodyMutations() {}

    static String trailing(String body, Random random) {
        return body + Junk.pick(random, List.of(" xyz", "{}", body, "]", "}", "\u0000", ",", " 7", "\"x\"", "\n\n", "  "));
    }

    static String duplicateKey(String body, Random random) {
        Matcher m = KEY.matcher(body);
        if (!m.find()) {
            return "{\"amount\":1,\"amount\":2}";
        }
        return body.substring(0, m.start()) + "\"" + m.group(1) + "\":" + Junk.pick(random, Junk.JSON_VALUES) + "," + body.substring(m.start());
    }

    static String replaceValue(String body, Random random) {
        Matcher m = VALUE.matcher(body);
        int count = 0;
        while (m.find()) {
            count++;
        }
        if (count == 0) {
            return Junk.randomJson(random, 3);
        }
        m.reset();
        int target = random.nextInt(count);
        for (int i = 0; i <= target; i++) {
            m.find();
        }
        String old = m.group(1);
        List<String> sameKind = old.startsWith("\"") ? Junk.STRINGS : Character.isDigit(old.charAt(old.length() - 1)) ? Junk.NUMBERS : Junk.OTHERS;
        String value = switch (random.nextInt(5)) {
            case 0 -> Junk.randomJson(random, 2);
            case 1 -> Junk.pick(random, Junk.JSON_VALUES);
            default -> Junk.pick(random, sameKind);
        };
        return body.substring(0, m.start(1)) + value + body.substring(m.end(1));
    }

    /** A text field (a holder's name, a detail, an enum's name) given a control character, half a surrogate, odd Unicode or a long text. */
    static String poisonText(String body, Random random) {
        Matcher m = TEXT_FIELD.matcher(body);
        List<int[]> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(new int[] {m.start(2), m.end(2)});
        }
        if (found.isEmpty()) {
            return replaceValue(body, random);
        }
        int[] at = Junk.pick(random, found);
        String poison = Junk.pick(random, random.nextBoolean() ? Junk.CONTROL : Junk.STRINGS);
        String value = random.nextBoolean() ? poison : "\"" + body.substring(at[0] + 1, at[1] - 1) + poison.substring(1);
        return body.substring(0, at[0]) + value + body.substring(at[1]);
    }

    static String dropField(String body, Random random) {
        Matcher m = Pattern.compile("\"[A-Za-z]+\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d[\\d.eE+-]*|true|false|null),?").matcher(body);
        return m.find() ? body.substring(0, m.start()) + body.substring(m.end()) : body;
    }

    /** A wallet's signed entry with one hex digit changed, shortened, lengthened or in upper case: well-formed, wrongly signed. */
    static String flipHexDigit(String body, Random random) {
        Matcher m = HEX.matcher(body);
        if (!m.find()) {
            return replaceValue(body, random);
        }
        String hex = m.group(1);
        int at = random.nextInt(hex.length());
        String changed = switch (random.nextInt(4)) {
            case 0 -> hex.substring(0, at) + Character.forDigit((Character.digit(hex.charAt(at), 16) + 1 + random.nextInt(15)) % 16, 16)
                    + hex.substring(at + 1);
            case 1 -> hex.substring(0, hex.length() - 2);
            case 2 -> hex + "00";
            default -> hex.toUpperCase();
        };
        return body.substring(0, m.start(1)) + changed + body.substring(m.end(1));
    }

    static String bytes(String body, Random random) {
        if (body.isEmpty()) {
            return "\u00ff";
        }
        StringBuilder sb = new StringBuilder(body);
        int at = random.nextInt(sb.length());
        switch (random.nextInt(5)) {
            case 0 -> sb.setCharAt(at, (char) random.nextInt(256));
            case 1 -> sb.insert(at, Junk.pick(random, List.of("\u0000", "\"", "{", "[", ",", ":", "\\", "\u00ff", "\u0080", "'")));
            case 2 -> sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(8)));
            case 3 -> sb.setLength(at);
            default -> sb.insert(at, sb.substring(at, Math.min(sb.length(), at + 1 + random.nextInt(20))));
        }
        return sb.toString();
    }

    static String deep(Random random) {
        int n = Junk.pick(random, List.of(100, 999, 1001, 3000));
        return random.nextBoolean() ? "[".repeat(n) + "]".repeat(n) : "{\"records\":" + "[".repeat(n) + "]".repeat(n) + "}";
    }

    /** Bytes that are not UTF-8 inside the body (lone continuation byte, overlong form, encoded surrogate, 0xff). */
    static String invalidUtf8(String body, Random random) {
        String bad = Junk.pick(random, List.of("\u0080", "\u00c0\u00af", "\u00ed\u00a0\u0080", "\u00ff", "\u00c3(", "\u00f4\u0090\u0080\u0080"));
        int at = body.indexOf("\":\"");
        return at < 0 ? bad + body : body.substring(0, at + 3) + bad + body.substring(at + 3);
    }

    /** The Latin-1 text of a body (one char per byte), and back. */
    static String text(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
