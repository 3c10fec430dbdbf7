package org.dualoffline.backend.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;

/** Checks {@code Authorization: Bearer <operator token>} before every route that needs {@link Access#OPERATOR}. */
public final class OperatorAuth {
    private static final String BEARER = "Bearer ";
    private final byte[] token;

    public OperatorAuth(String operatorToken) {
        this.token = operatorToken.getBytes(StandardCharsets.UTF_8);
    }

    public void check(Context ctx) {
        if (!ctx.routeRoles().contains(Access.OPERATOR)) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new BackendException(Failure.UNAUTHORIZED,
                    "this endpoint needs the header \"Authorization: Bearer <operator token>\"");
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new BackendException(Failure.UNAUTHORIZED, "the Authorization header must use the Bearer scheme");
        }
        byte[] given = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw new BackendException(Failure.UNAUTHORIZED, "the operator token is not valid");
        }
    }
}
