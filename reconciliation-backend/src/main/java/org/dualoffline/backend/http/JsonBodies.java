package org.dualoffline.backend.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;

/** Reads JSON request bodies: content type (415), size (413), syntax and field types (400), with precise details. */
public final class JsonBodies {
    private final ObjectMapper mapper;
    private final int maxBytes;

    public JsonBodies(ObjectMapper mapper, int maxBytes) {
        this.mapper = mapper;
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
        try {
            value = mapper.readValue(body, type);
        } catch (JsonParseException e) {
            throw new BackendException(Failure.MALFORMED_JSON, "malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (MismatchedInputException e) {
            String path = path(e);
            throw new BackendException(Failure.INVALID_REQUEST, path.isEmpty()
                    ? "the request body must be a JSON object"
                    : "field \"" + path + "\" has the wrong type (" + e.getOriginalMessage().split("\n")[0] + ")");
        } catch (JsonProcessingException e) {
            throw new BackendException(Failure.MALFORMED_JSON, "unreadable JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BackendException(Failure.INVALID_REQUEST, "the request body could not be read: " + e.getMessage());
        }
        if (value == null) {
            throw new BackendException(Failure.INVALID_REQUEST, "the request body must be a JSON object, not null");
        }
        return value;
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
            throw new BackendException(Failure.INVALID_REQUEST, "the request body could not be read: " + e.getMessage());
        }
    }

    private BackendException tooLarge(long declared) {
        return new BackendException(Failure.PAYLOAD_TOO_LARGE, "the request body "
                + (declared >= 0 ? "of " + declared + " bytes " : "") + "is larger than the limit of " + maxBytes + " bytes");
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
