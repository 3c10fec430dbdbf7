package org.dualoffline.se;

/**
 * An applet whose classes were shared between SEs ({@link AppletSource#sharingClasses()}) wrote
 * one of its static arrays: on cards each SE has its own, here they are one, so every SE of the
 * run may have seen the change. The run cannot be trusted and stops; run it with classes per SE.
 */
public final class SharedStaticsWrittenException extends IllegalStateException {
    public SharedStaticsWrittenException(String message) {
        super(message);
    }
}
