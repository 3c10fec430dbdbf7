package org.dualoffline.backend.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;

/**
 * Says what is wrong with a request body in the API's own words: the field as the API spells it
 * ({@code records[0].entry}), what it expects ("a whole number of fen") and what it got ("a
 * string"). Never the JSON library's message, which names Java classes and library features.
 */
final class JsonProblems {
    /** Fields that are amounts in fen. */
    private static final Set<String> FEN = Set.of("amount", "maxSingle", "maxCumulative", "holdingCap", "pinFreeThreshold");
    /** Pieces of the JSON parser's messages, and what they mean in plain words. */
    private static final Map<String, String> SYNTAX = Map.of(
            "end-of-input", "the JSON ends too early",
            "Unexpected character", "an unexpected character",
            "token '", "a word JSON does not know (it knows true, false and null)",
            "Illegal unquoted character", "a control character that a JSON string must escape",
            "Invalid UTF", "bytes that are not UTF-8",
            "Invalid numeric value", "a malformed number",
            "Leading zeroes", "a number with leading zeros",
            "close marker", "a closing bracket that closes nothing",
            "Unrecognized character escape", "an unknown escape in a string");

    private JsonProblems() {}

    static BackendException trailingContent() {
        return new BackendException(Failure.MALFORMED_JSON, "the request body has content after its JSON object");
    }

    static BackendException describe(JsonProcessingException e) {
        String field = field(e);
        if (e instanceof PlainText.Refused) {
            return BackendException.invalid("field \"" + field + "\" " + e.getOriginalMessage());
        }
        if (cause(e, StreamConstraintsException.class) != null) {
            return new BackendException(Failure.MALFORMED_JSON, "the JSON is nested too deeply, or holds a number or a string that is too long");
        }
        JsonParseException syntax = cause(e, JsonParseException.class);
        if (syntax != null && syntax.getOriginalMessage().startsWith("Duplicate field '")) {
            String name = syntax.getOriginalMessage().substring("Duplicate field '".length()).replaceFirst("'.*$", "");
            return new BackendException(Failure.MALFORMED_JSON, "field \"" + name + "\" appears more than once");
        }
        if (syntax != null) {
            String at = syntax.getLocation() == null ? ""
                    : " at line " + syntax.getLocation().getLineNr() + ", column " + syntax.getLocation().getColumnNr();
            return new BackendException(Failure.MALFORMED_JSON, "malformed JSON" + at + ": " + syntax(syntax.getOriginalMessage()));
        }
        if (cause(e, InputCoercionException.class) != null) {
            return BackendException.invalid("field \"" + field + "\" is out of range (expected " + expected(field, Long.class) + ")");
        }
        if (e instanceof MismatchedInputException && field.isEmpty()) {
            return BackendException.invalid("the request body must be a JSON object");
        }
        if (e instanceof MismatchedInputException m) {
            return BackendException.invalid("field \"" + field + "\" has the wrong type (expected " + expected(field, m.getTargetType())
                    + ", got " + found(m) + ")");
        }
        return field.isEmpty() ? new BackendException(Failure.MALFORMED_JSON, "the request body is not valid JSON")
                : BackendException.invalid("field \"" + field + "\" could not be read");
    }

    /** {@code e} or the first of its causes that is a {@code kind}, or null. */
    private static <T extends Throwable> T cause(Throwable e, Class<T> kind) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return kind.cast(t);
            }
        }
        return null;
    }

    private static String syntax(String message) {
        return SYNTAX.entrySet().stream().filter(s -> message != null && message.contains(s.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("not valid JSON");
    }

    private static String expected(String field, Class<?> type) {
        String leaf = field.substring(field.lastIndexOf('.') + 1);
        if (type == null) {
            return "another type";
        } else if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
            return FEN.contains(leaf) ? "a whole number of fen" : "a whole number";
        } else if (type == String.class) {
            return "a string";
        } else if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String found(MismatchedInputException e) {
        JsonToken token = e.getProcessor() instanceof JsonParser p ? p.currentToken() : null;
        if (token == null) {
            return "something else";
        }
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a fraction";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            case START_ARRAY, END_ARRAY -> "an array";
            default -> "an object";
        };
    }

    /** The field as the API spells it: records[0].entry; empty for the body itself. */
    private static String field(JsonProcessingException e) {
        if (e instanceof JsonMappingException m) {
            StringBuilder sb = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    sb.append(sb.length() > 0 ? "." : "").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    sb.append('[').append(r.getIndex()).append(']');
                }
            }
            return sb.toString();
        }
        return e.getProcessor() instanceof JsonParser p ? contextPath(p.getParsingContext()) : "";
    }

    private static String contextPath(JsonStreamContext context) {
        String path = "";
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                path = c.getCurrentName() + (path.isEmpty() || path.startsWith("[") ? "" : ".") + path;
            } else if (c.inArray()) {
                path = "[" + Math.max(0, c.getCurrentIndex()) + "]" + path;
            }
        }
        return path;
    }
}
