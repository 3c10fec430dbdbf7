package org.dualoffline.se.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A reader's patience: how long one command (or the install) may run, in real time, before the
 * card counts as mute for that touch. Applet code checks it at every method entry and loop turn
 * ({@link Jcre#tick}); once past it, every check and every persistent write throws
 * {@link CardMute}, so that applet code catching everything gets nowhere.
 */
final class CommandClock {
    private static final int TICKS_PER_CLOCK_READ = 256;

    private long limitNanos = TimeUnit.SECONDS.toNanos(5);
    private String muteMessage = message(limitNanos);
    private long deadline = Long.MAX_VALUE;
    private int ticksToClockRead;
    private String mute;

    void limit(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the command time limit must be positive, got " + limit);
        }
        limitNanos = limit.toNanos();
        muteMessage = message(limitNanos);
    }

    Duration limit() {
        return Duration.ofNanos(limitNanos);
    }

    /** A command starts: its time runs from now. */
    void start() {
        mute = null;
        ticksToClockRead = 0;
        deadline = System.nanoTime() + limitNanos;
    }

    /** Why the card went mute during the command, or null. */
    String mute() {
        return mute;
    }

    /** Throws while the card is mute. */
    void checkNotMute() {
        if (mute != null) {
            throw new CardMute(mute);
        }
    }

    /** A method entry or loop turn of applet code. */
    void tick() {
        checkNotMute();
        if (--ticksToClockRead > 0) {
            return;
        }
        // Nothing here may need much stack: an applet recursing until the stack overflows calls
        // this at the very top of it. The message is ready, the flag set before anything else,
        // and the countdown restarts only once the clock was read.
        if (System.nanoTime() > deadline) {
            mute = muteMessage;
            throw new CardMute(muteMessage);
        }
        ticksToClockRead = TICKS_PER_CLOCK_READ;
    }

    private static String message(long nanos) {
        return "the command ran longer than " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
    }
}
