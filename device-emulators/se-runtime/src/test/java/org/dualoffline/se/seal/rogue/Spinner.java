package org.dualoffline.se.seal.rogue;

/** The {@link ThreadStartingApplet}'s thread: a class of the applet's own jar, checked because the applet uses it. */
class Spinner implements Runnable {
    @Override
    public void run() {
        for (;;) {
            // spins for ever
        }
    }
}
