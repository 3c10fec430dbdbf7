package org.dualoffline.se.runtime;

/**
 * Thrown inside applet code at the instant power is cut (an armed tear point). It is an
 * {@link Error} so that applet code catching exceptions does not swallow it; jcardsim turns it
 * into a status word, which the runtime discards: a torn APDU has no response.
 */
public final class PowerLoss extends Error {
    PowerLoss(String where) {
        super("power lost at " + where, null, false, false);
    }
}
