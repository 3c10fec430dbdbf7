package org.dualoffline.protocol;

/** A byte layout or value that does not follow protocol spec v1; the message says what and where. */
public class ProtocolException extends RuntimeException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
