package org.dualoffline.se;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Drops the debug lines jcardsim 3.0.5 prints to stdout ("getInstance of assymetric algo: ..."); passes everything else. */
final class JcardsimNoiseFilter extends PrintStream {
    /** Puts the filter in front of {@code System.out} unless it is there already. */
    static synchronized void install() {
        if (!(System.out instanceof JcardsimNoiseFilter)) {
            System.setOut(new JcardsimNoiseFilter(System.out));
        }
    }

    private static final String NOISE = "getInstance of assymetric algo";

    JcardsimNoiseFilter(PrintStream target) {
        super(new LineFilter(target), true, StandardCharsets.UTF_8);
    }

    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                flushLine();
            }
        }

        @Override
        public synchronized void flush() {
            // Partial lines wait for their end, so a noise line is never split and let through.
            target.flush();
        }

        @Override
        public synchronized void close() {
            flushLine();
            target.flush();
        }

        private void flushLine() {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!s.startsWith(NOISE)) {
                target.print(s);
            }
        }
    }
}
