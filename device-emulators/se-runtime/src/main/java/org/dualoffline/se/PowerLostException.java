package org.dualoffline.se;

/** Power was cut while the SE processed a command: there is no response, and the SE has been reset as a real card is. */
public class PowerLostException extends RuntimeException {
    public PowerLostException(String message) {
        super(message);
    }
}
