package org.dualoffline.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dualoffline.protocol.Sw;
import org.junit.jupiter.api.Test;

/**
 * The status words are written three times: the applet's {@code Constants.SW_*} (Java Card code,
 * which cannot use the off-card {@code protocol} module), {@code protocol}'s {@link Sw} (what the
 * harness names and asserts) and the table of spec section 6. They agree: the same value under
 * the same name, and nothing in one that the others lack, except the few named here.
 */
class StatusWordsAgreeTest {
    private static final Path SPEC = Path.of("../../docs/protocol-spec.md").toAbsolutePath().normalize();
    /** 63Cx: wrong PIN, x tries left; one family, written as its base in the applet. */
    private static final String PIN_WRONG = "PIN_WRONG";
    private static final int PIN_WRONG_BASE = 0x63C0;
    /** The applet's answer when the card cannot make a key: not a protocol answer, in neither Sw nor the spec. */
    private static final String APPLET_ONLY = "UNKNOWN";
    /** Answered by the Java Card runtime, never thrown by the applet: 9000 after process(), 6A82 to a SELECT of an absent applet. */
    private static final List<String> RUNTIME_ONLY = List.of("OK", "FILE_NOT_FOUND");
    /** In Sw for the harness (a SELECT of an absent applet) but not in the spec's table. */
    private static final List<String> HARNESS_ONLY = List.of("FILE_NOT_FOUND");

    @Test
    void everyStatusWordOfTheAppletHasTheSameValueUnderTheSameNameInSw() throws IllegalAccessException {
        Map<String, Integer> applet = appletStatusWords();
        Map<String, Integer> sw = protocolStatusWords();

        applet.forEach((name, value) -> {
            switch (name) {
                case PIN_WRONG -> assertThat(Sw.describe(value | 2)).isEqualTo("63C2 PIN_WRONG (2 tries left)");
                case APPLET_ONLY -> assertThat(Sw.name(value)).as("6F00 is no status word of the protocol").isEqualTo(APPLET_ONLY);
                default -> {
                    assertThat(sw.get(name)).as("Sw." + name).isEqualTo(value);
                    assertThat(Sw.name(value)).isEqualTo(name);
                }
            }
        });
    }

    @Test
    void everyStatusWordOfSwIsTheAppletsOrAnsweredByTheRuntime() throws IllegalAccessException {
        Map<String, Integer> applet = appletStatusWords();
        List<String> notInApplet = protocolStatusWords().keySet().stream().filter(name -> !applet.containsKey(name)).toList();

        assertThat(notInApplet).containsExactlyInAnyOrderElementsOf(RUNTIME_ONLY);
    }

    @Test
    void theSpecsTableListsExactlyTheStatusWordsOfSwUnderTheSameValues() throws IOException, IllegalAccessException {
        Map<String, Integer> spec = specStatusWords();
        Map<String, Integer> sw = protocolStatusWords();
        HARNESS_ONLY.forEach(sw::remove);
        sw.put(PIN_WRONG, PIN_WRONG_BASE);

        assertThat(spec).isEqualTo(sw);
    }

    @Test
    void theSpecsTableListsExactlyTheStatusWordsTheAppletThrows() throws IOException, IllegalAccessException {
        Map<String, Integer> spec = specStatusWords();
        Map<String, Integer> applet = appletStatusWords();
        applet.remove(APPLET_ONLY);
        spec.keySet().removeAll(RUNTIME_ONLY);

        assertThat(applet).isEqualTo(spec);
    }

    /** Constants.SW_X as X (SW_PIN_WRONG_BASE as PIN_WRONG), each value as an unsigned 16-bit status word. */
    private static Map<String, Integer> appletStatusWords() throws IllegalAccessException {
        Map<String, Integer> out = new TreeMap<>();
        for (Field f : Constants.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("SW_")) {
                f.setAccessible(true);
                String name = f.getName().substring("SW_".length());
                out.put(name.equals("PIN_WRONG_BASE") ? PIN_WRONG : name, f.getShort(null) & 0xFFFF);
            }
        }
        return out;
    }

    private static Map<String, Integer> protocolStatusWords() throws IllegalAccessException {
        Map<String, Integer> out = new TreeMap<>();
        for (Field f : Sw.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                out.put(f.getName(), f.getInt(null));
            }
        }
        return out;
    }

    /** The rows of spec section 6: | `6A84` | STORAGE_FULL | ... |, with 63Cx read as its base 63C0. */
    private static Map<String, Integer> specStatusWords() throws IOException {
        String text = Files.readString(SPEC);
        int from = text.indexOf("## 6. Status words");
        String section = text.substring(from, text.indexOf("\n## ", from + 1));
        Matcher row = Pattern.compile("(?m)^\\| `([0-9A-Fa-fx]{4})` \\| ([A-Z0-9_]+) \\|").matcher(section);
        Map<String, Integer> out = new TreeMap<>();
        while (row.find()) {
            out.put(row.group(2), Integer.parseInt(row.group(1).replace('x', '0'), 16));
        }
        return out;
    }
}
