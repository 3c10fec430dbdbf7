package org.dualoffline.backend.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /v1/openapi.json}: the hand-written OpenAPI 3 description in {@code src/main/resources/openapi.json}. */
public final class OpenApiController {
    public static final String RESOURCE = "/openapi.json";
    private final byte[] document;

    public OpenApiController() {
        this.document = load();
    }

    public void get(Context ctx) {
        ctx.contentType("application/json").result(document);
    }

    public static byte[] load() {
        try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the backend's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
