package org.dualoffline.simulation;

import java.io.PrintStream;

/**
 * A progress bar on the console for one stage of a run ("issuing the town", "72 simulated
 * hours", "the reconnect storm"): redrawn in place on a terminal, a line per tenth otherwise (a CI
 * log), so that a long run always shows where it is.
 */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private String stage = "";
    private long total = 1;
    private long startNanos;
    private int lastTenth = -1;
    private long lastDrawNanos;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** On stderr; in place when the JVM has a console. */
    static Progress console() {
        return new Progress(System.err, System.console() != null);
    }

    /** A progress that shows nothing (tests). */
    static Progress silent() {
        return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), false);
    }

    void start(String stage, long total) {
        this.stage = stage;
        this.total = Math.max(1, total);
        this.startNanos = System.nanoTime();
        this.lastTenth = -1;
        step(0);
    }

    void step(long done) {
        double share = Math.min(1.0, (double) done / total);
        if (terminal) {
            long now = System.nanoTime();
            if (done < total && now - lastDrawNanos < 100_000_000L) {
                return;
            }
            lastDrawNanos = now;
            int filled = (int) Math.round(share * WIDTH);
            out.printf("\r%-28s [%s%s] %3d%% %s", stage, "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(share * 100),
                    elapsed());
            out.flush();
        } else {
            int tenth = (int) Math.floor(share * 10);
            if (tenth != lastTenth) {
                lastTenth = tenth;
                out.printf("simulate: %s %d%% (%d of %d, %s)%n", stage, tenth * 10, done, total, elapsed());
            }
        }
    }

    void finish(String summary) {
        step(total);
        if (terminal) {
            out.println();
        }
        out.println("simulate: " + stage + ": " + summary + " (" + elapsed() + ")");
    }

    private String elapsed() {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
