package org.dualoffline.backend.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;

/**
 * Every string of a request body, read as Jackson reads strings, then refused when it holds a
 * control character (U+0000-U+001F, U+007F-U+009F: a NUL is an error in PostgreSQL text, the
 * others have no place in a holder's name or a detail) or half of a surrogate pair (not Unicode
 * text). The refusal happens while the body is read, before any database work.
 */
final class PlainText extends StdScalarDeserializer<String> {
    private static final long serialVersionUID = 1L;

    PlainText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = StringDeserializer.instance.deserialize(p, ctxt);
        String problem = problem(text);
        if (problem != null) {
            throw new Refused(p, problem);
        }
        return text;
    }

    /** Why {@code text} is not plain text, or null when it is. */
    static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return String.format("must not contain control characters (U+%04X at character %d)", (int) c, i + 1);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("must not contain half of a surrogate pair (U+%04X at character %d)", (int) c, i + 1);
            }
        }
        return null;
    }

    /** A string that is not plain text; its message is the API's own words, after the field's name. */
    static final class Refused extends MismatchedInputException {
        private static final long serialVersionUID = 1L;

        Refused(JsonParser p, String problem) {
            super(p, problem, String.class);
        }
    }
}
