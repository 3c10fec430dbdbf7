package org.dualoffline.se.runtime;

/**
 * Thrown inside applet code once a command has run longer than the reader waits for an answer:
 * at every loop turn, method call and persistent write from then on, so that applet code that
 * catches it gets nowhere. The card is mute for that touch; the runtime discards whatever
 * jcardsim makes of it.
 */
public final class CardMute extends Error {
    CardMute(String what) {
        super(what, null, false, false);
    }
}
