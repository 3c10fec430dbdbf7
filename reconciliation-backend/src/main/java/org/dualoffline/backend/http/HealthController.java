package org.dualoffline.backend.http;

import io.javalin.http.Context;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.db.Database;

/** {@code GET /v1/health}: up when the database answers, 503 problem otherwise. */
public final class HealthController {
    private final Database db;

    public HealthController(Database db) {
        this.db = db;
    }

    public void get(Context ctx) {
        if (!db.isReachable()) {
            throw new BackendException(Failure.SERVICE_UNAVAILABLE, "the database does not answer");
        }
        ctx.json(new Health("UP", "UP"));
    }

    public record Health(String status, String database) {}
}
