package org.dualoffline.backend.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become HTTP statuses and {@code application/problem+json} bodies. */
public final class ProblemMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    private static final String WRITTEN = "dualoffline.problem";
    private final ObjectMapper mapper;

    public ProblemMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static int status(Failure failure) {
        return switch (failure) {
            case INVALID_REQUEST, MALFORMED_JSON -> 400;
            case UNAUTHORIZED -> 401;
            case NOT_FOUND, WALLET_NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case ALREADY_ENROLLED, INSUFFICIENT_FUNDS, FORK_OR_DOUBLE_SPEND -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case BAD_SIGNATURE, UNACCEPTABLE_ENTRY -> 422;
            case INTERNAL_ERROR -> 500;
            case SERVICE_UNAVAILABLE -> 503;
        };
    }

    public void register(Javalin app) {
        app.exception(BackendException.class, (e, ctx) -> {
            if (e instanceof MethodNotAllowed m) {
                ctx.header("Allow", m.allow());
            }
            write(ctx, e.failure(), e.detail());
        });
        app.exception(Database.DatabaseException.class, (e, ctx) -> {
            if (e.unavailable()) {
                LOG.warn("database unreachable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            } else {
                LOG.error("database failure on {} {}", ctx.method(), ctx.path(), e);
            }
            write(ctx, e.unavailable() ? Failure.SERVICE_UNAVAILABLE : Failure.INTERNAL_ERROR,
                    e.unavailable() ? "the database is not reachable" : "database error; see the backend log");
        });
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromStatus(e.getStatus()), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, Failure.INTERNAL_ERROR, "unexpected failure; see the backend log");
        });
        // Requests no route matched (Javalin answers those itself) still get a problem body.
        app.error(404, ctx -> {
            if (ctx.attribute(WRITTEN) == null) {
                write(ctx, Failure.NOT_FOUND, "no route for " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> {
            if (ctx.attribute(WRITTEN) == null) {
                write(ctx, Failure.METHOD_NOT_ALLOWED, "this method is not allowed on " + ctx.path());
            }
        });
    }

    private void write(Context ctx, Failure failure, String detail) {
        int status = status(failure);
        Problem problem = Problem.of(failure, status, detail);
        ctx.attribute(WRITTEN, Boolean.TRUE);
        if (failure == Failure.UNAUTHORIZED) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"dualoffline-operator\"");
        }
        try {
            ctx.status(status).contentType(Problem.CONTENT_TYPE).result(mapper.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            ctx.status(500).contentType(Problem.CONTENT_TYPE).result("{\"type\":\"" + Failure.INTERNAL_ERROR.type()
                    + "\",\"title\":\"Internal server error\",\"status\":500,\"detail\":\"problem body could not be written\"}");
        }
    }

    /** The failure of an HTTP status that no failure of the backend set (the HTTP server's own, Javalin's). */
    static Failure fromStatus(int status) {
        return switch (status) {
            case 400 -> Failure.INVALID_REQUEST;
            case 401 -> Failure.UNAUTHORIZED;
            case 404 -> Failure.NOT_FOUND;
            case 405 -> Failure.METHOD_NOT_ALLOWED;
            case 413 -> Failure.PAYLOAD_TOO_LARGE;
            case 415 -> Failure.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> Failure.SERVICE_UNAVAILABLE;
            default -> status < 500 ? Failure.INVALID_REQUEST : Failure.INTERNAL_ERROR;
        };
    }
}
