package org.dualoffline.backend.audit;

import io.javalin.http.Context;

/** HTTP I/O of {@code GET /v1/audit}. */
public final class AuditController {
    private final AuditService audit;

    public AuditController(AuditService audit) {
        this.audit = audit;
    }

    public void get(Context ctx) {
        ctx.json(audit.audit());
    }
}
