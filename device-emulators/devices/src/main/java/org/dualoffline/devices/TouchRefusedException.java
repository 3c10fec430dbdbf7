package org.dualoffline.devices;

/** Two devices that cannot make a touch: nobody powers the field, or one side cannot answer. */
public class TouchRefusedException extends RuntimeException {
    public TouchRefusedException(String reason) {
        super(reason);
    }
}
