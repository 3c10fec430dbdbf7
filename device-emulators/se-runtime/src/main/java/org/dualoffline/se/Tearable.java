package org.dualoffline.se;

/**
 * A secure element whose power can be cut, as when a card leaves the field or the reader's
 * battery dies ("card tearing"). After {@link #tear()} the SE comes back as a real card does:
 * RAM cleared, an open transaction rolled back, no applet selected.
 */
public interface Tearable extends CardTransport {
    /** Power is cut between two APDUs and comes back at the next command. */
    void tear();
}
