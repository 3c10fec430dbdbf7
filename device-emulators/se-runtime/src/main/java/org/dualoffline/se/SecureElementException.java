package org.dualoffline.se;

import org.dualoffline.protocol.Sw;

/** A secure element answered with a status word the caller did not allow; carries the SW. */
public class SecureElementException extends RuntimeException {
    private final int sw;

    public SecureElementException(String message, int sw) {
        super(message);
        this.sw = sw;
    }

    public int sw() {
        return sw;
    }

    public String swName() {
        return sw < 0 ? "NO_RESPONSE" : Sw.name(sw);
    }
}
