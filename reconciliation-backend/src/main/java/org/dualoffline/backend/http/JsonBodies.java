package org.dualoffline.backend.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;

/**
 * Reads JSON request bodies: content type (415), size (413), then one JSON object and nothing after
 * it, no key twice, plain text in every string, fields of the right types (400), each refusal in
 * the API's words ({@link JsonProblems}).
 *
 * <p>A body of printable ASCII without a backslash - every sync upload, whose strings are hex -
 * is read without looking at each of its strings again: none of them can hold what
 * {@link PlainText} refuses.
 */
public final class JsonBodies {
    private final ObjectMapper mapper;
    private final ObjectMapper forPrintableAscii;
    private final int maxBytes;

    /** Bodies read as {@link WebApp#objectMapper()} reads them, up to {@code maxBytes}. */
    public JsonBodies(int maxBytes) {
        this.mapper = WebApp.objectMapper();
        this.forPrintableAscii = WebApp.objectMapperForPrintableAscii();
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    public <T> T read(Context ctx, Class<T> type) {
        requireJson(ctx.header("Content-Type"));
        byte[] body = readLimited(ctx);
        if (body.length == 0) {
            throw new BackendException(Failure.INVALID_REQUEST, "the request body is empty; expected a JSON object");
        }
        T value;
        ObjectMapper reader = printableAsciiWithoutEscapes(body) ? forPrintableAscii : mapper;
        try (JsonParser parser = reader.createParser(body)) {
            value = reader.readValue(parser, type);
            if (nextToken(parser) != null) {
                throw JsonProblems.trailingContent();
            }
        } catch (JsonProcessingException e) {
            throw JsonProblems.describe(e);
        } catch (IOException e) {
            throw new BackendException(Failure.INVALID_REQUEST, "the request body could not be read");
        }
        if (value == null) {
            throw new BackendException(Failure.INVALID_REQUEST, "the request body must be a JSON object, not null");
        }
        return value;
    }

    /**
     * True when every byte is printable ASCII (U+0020..U+007E) or JSON whitespace between tokens
     * (tab, line feed, carriage return: refused by the parser inside a string) and none is a
     * backslash.
     */
    static boolean printableAsciiWithoutEscapes(byte[] body) {
        for (byte b : body) {
            if ((b < 0x20 || b > 0x7e || b == '\\') && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** The token after the body's JSON value, or null at the end; anything unreadable there is content too. */
    private static JsonToken nextToken(JsonParser parser) {
        try {
            return parser.nextToken();
        } catch (IOException e) {
            return JsonToken.NOT_AVAILABLE;
        }
    }

    private static void requireJson(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new BackendException(Failure.UNSUPPORTED_MEDIA_TYPE, contentType == null
                    ? "the request needs \"Content-Type: application/json\""
                    : "content type \"" + contentType + "\" is not supported; send application/json");
        }
    }

    private byte[] readLimited(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(256, Math.min(declared, maxBytes)));
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) != -1) {
                out.write(buf, 0, n);
                if (out.size() > maxBytes) {
                    throw tooLarge(-1);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new BackendException(Failure.INVALID_REQUEST, "the request body could not be read to its end");
        }
    }

    private BackendException tooLarge(long declared) {
        return new BackendException(Failure.PAYLOAD_TOO_LARGE, "the request body "
                + (declared >= 0 ? "of " + declared + " bytes " : "") + "is larger than the limit of " + maxBytes + " bytes");
    }
}
