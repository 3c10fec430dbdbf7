package org.dualoffline.backend.http;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;

/**
 * Checks {@code Authorization: Bearer <operator token>}: exactly one Authorization header, the
 * Bearer scheme (any case, RFC 9110), and the token compared in constant time
 * ({@link OperatorToken}). No detail ever repeats what was presented.
 */
public final class OperatorAuth {
    private static final String BEARER = "Bearer ";
    private final OperatorToken token;

    public OperatorAuth(String operatorToken) {
        this.token = new OperatorToken(operatorToken);
    }

    /** Throws 401 unless the request carries the operator token. */
    public void authenticate(Context ctx) {
        List<String> headers = Collections.list(ctx.req().getHeaders("Authorization"));
        if (headers.isEmpty() || headers.get(0).isBlank()) {
            throw new BackendException(Failure.UNAUTHORIZED,
                    "this endpoint needs the header \"Authorization: Bearer <operator token>\"");
        }
        if (headers.size() > 1) {
            throw new BackendException(Failure.UNAUTHORIZED, "the request has " + headers.size()
                    + " Authorization headers; give exactly one");
        }
        String header = headers.get(0);
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new BackendException(Failure.UNAUTHORIZED, "the Authorization header must use the Bearer scheme");
        }
        if (!token.matches(header.substring(BEARER.length()).strip())) {
            throw new BackendException(Failure.UNAUTHORIZED, "the operator token is not valid");
        }
    }
}
