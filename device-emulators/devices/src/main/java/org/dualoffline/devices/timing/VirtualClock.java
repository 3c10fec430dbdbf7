package org.dualoffline.devices.timing;

import java.util.Locale;

/**
 * Modeled time, in microseconds, for the timing and power models: it moves only when the
 * harness advances it by a modeled duration, never by reading the wall clock, so a scenario's
 * tap times are the same on every machine and every run. One clock per scenario; touches that
 * follow each other advance the same clock.
 */
public final class VirtualClock {
    private long micros;

    /** A clock at modeled time zero. */
    public VirtualClock() {
        this(0);
    }

    public VirtualClock(long startMicros) {
        if (startMicros < 0) {
            throw new IllegalArgumentException("modeled time starts at 0 or later, got " + startMicros + " µs");
        }
        this.micros = startMicros;
    }

    /** Modeled time now, in microseconds since the clock started. */
    public long nowMicros() {
        return micros;
    }

    /** Moves modeled time forward by {@code durationMicros} (zero is allowed, going back is not). */
    public void advance(long durationMicros) {
        if (durationMicros < 0) {
            throw new IllegalArgumentException("modeled time cannot go back (" + durationMicros + " µs)");
        }
        micros = Math.addExact(micros, durationMicros);
    }

    @Override
    public String toString() {
        return "t=" + millis(micros) + " ms";
    }

    /** Microseconds as milliseconds with one decimal, the unit tap times are reported in. */
    public static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }
}
