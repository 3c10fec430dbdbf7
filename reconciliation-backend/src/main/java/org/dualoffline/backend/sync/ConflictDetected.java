package org.dualoffline.backend.sync;

import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;

/** Thrown inside an upload transaction: the upload is rolled back, then the conflict is recorded on its own. */
public final class ConflictDetected extends BackendException {
    private final transient Conflict conflict;

    public ConflictDetected(Conflict conflict) {
        super(Failure.FORK_OR_DOUBLE_SPEND, conflict.detail());
        this.conflict = conflict;
    }

    public Conflict conflict() {
        return conflict;
    }
}
