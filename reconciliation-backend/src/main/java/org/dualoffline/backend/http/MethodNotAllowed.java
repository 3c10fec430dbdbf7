package org.dualoffline.backend.http;

import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;

/** A method the route does not serve: 405, with the methods it does serve in the {@code Allow} header. */
public final class MethodNotAllowed extends BackendException {
    private static final long serialVersionUID = 1L;
    private final String allow;

    public MethodNotAllowed(String path, String allow) {
        super(Failure.METHOD_NOT_ALLOWED, "this method is not allowed on " + path + "; allowed: " + allow);
        this.allow = allow;
    }

    /** The value of the {@code Allow} header, e.g. "GET, HEAD, POST". */
    public String allow() {
        return allow;
    }
}
