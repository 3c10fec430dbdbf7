package org.dualoffline.backend.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonBodies} reads a body of printable ASCII without a backslash with a mapper that does
 * not check every string for control characters and half surrogate pairs: these tests show that
 * such a body can hold neither, so both mappers read it alike - same value, or both refuse.
 */
class PrintableAsciiBodiesTest {
    record Text(String detail, String holder) {}

    private static final ObjectMapper STRICT = WebApp.objectMapper();
    private static final ObjectMapper FOR_PRINTABLE_ASCII = WebApp.objectMapperForPrintableAscii();

    @Property(tries = 2000, seed = "20261130")
    void wherePrintableAsciiWithoutEscapesBothMappersReadTheBodyAlike(@ForAll("bodies") String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThat(JsonBodies.printableAsciiWithoutEscapes(bytes)).as(body).isTrue();
        assertThat(read(FOR_PRINTABLE_ASCII, bytes)).as(body).isEqualTo(read(STRICT, bytes));
    }

    @Test
    void anythingThatCouldCarryAControlCharacterOrASurrogateTakesTheCheckingMapper() {
        for (String body : new String[] {"{\"detail\":\"a\\u0000\"}", "{\"detail\":\"\\n\"}", "{\"detail\":\"del\u007f\"}",
                "{\"detail\":\"c1\u0085\"}", "{\"detail\":\"\ud83d\ude00\"}", "{\"detail\":\"nul\u0000\"}"}) {
            assertThat(JsonBodies.printableAsciiWithoutEscapes(body.getBytes(StandardCharsets.UTF_8))).as(body).isFalse();
        }
        assertThat(JsonBodies.printableAsciiWithoutEscapes("{\"records\":[{\"entry\":\"0a1b\"}],\r\n\t\"blocklistSeq\":0}"
                .getBytes(StandardCharsets.US_ASCII))).isTrue();
    }

    @Test
    void aRawTabOrLineBreakInsideAStringIsRefusedByTheParserOnTheFastPathToo() {
        for (String body : new String[] {"{\"detail\":\"tab\there\"}", "{\"detail\":\"line\nbreak\"}", "{\"detail\":\"cr\rhere\"}"}) {
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            assertThat(JsonBodies.printableAsciiWithoutEscapes(bytes)).isTrue();
            assertThatThrownBy(() -> FOR_PRINTABLE_ASCII.readValue(bytes, Text.class)).as(body).isInstanceOf(JsonProcessingException.class);
        }
    }

    /** The value read, or the class of the refusal (the message names where, which both agree on). */
    private static Object read(ObjectMapper mapper, byte[] body) {
        try {
            return Objects.requireNonNullElse(mapper.readValue(body, Text.class), "null");
        } catch (JsonProcessingException e) {
            return e.getClass().getSimpleName();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        // printable ASCII but the backslash, and the whitespace a parser takes between tokens
        Arbitrary<String> text = Arbitraries.strings().withChars("\t\n\r \"/{}[]:,aZ09ud").withCharRange(' ', '[').withCharRange(']', '~')
                .ofMaxLength(24);
        Arbitrary<String> object = Arbitraries.of("{\"detail\":\"%s\"}", "{\"detail\":\"%s\",\"holder\":\"x\"}", "{\"holder\":%s}",
                "{\"detail\":\"%s\",\"detail\":\"y\"}", "%s", "{\"detail\" : \"%s\" }");
        return Arbitraries.oneOf(
                net.jqwik.api.Combinators.combine(object, text).as((f, t) -> String.format(f, t)),
                text);
    }
}
