package org.dualoffline.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The harness's own log (SLF4J through slf4j-simple, configured in {@code simplelogger.properties}):
 * the libraries' warnings, Testcontainers' steps and the containers' output in container mode. It
 * never reaches the console of a run (which shows the harness's progress and verdicts only); it is
 * written to a file from the JVM's start and kept as {@value #FILE} in the report folder at the end
 * of the run, since that folder is emptied only once the run has started. A run that could not start
 * leaves the log where it was written and says where.
 */
final class HarnessLog {
    static final String FILE = "harness.log";
    static final String LOG_FILE_PROPERTY = "org.slf4j.simpleLogger.logFile";

    private static Path current;

    private HarnessLog() {}

    /**
     * Points slf4j-simple at a fresh file, before anything logs (it reads its configuration once); a
     * log file given on the command line is left as it is. Returns the file, or null.
     */
    static synchronized Path start() {
        if (System.getProperty(LOG_FILE_PROPERTY) != null) {
            return null;
        }
        try {
            return writeTo(Files.createTempFile("dualoffline-harness-", ".log"));
        } catch (IOException e) {
            System.setProperty(LOG_FILE_PROPERTY, "System.err");
            return null;
        }
    }

    /** Makes {@code file} the log (slf4j-simple takes it if it has not started yet). */
    static synchronized Path writeTo(Path file) {
        current = file;
        System.setProperty(LOG_FILE_PROPERTY, file.toString());
        return file;
    }

    /** Copies the log so far into {@code out}/{@value #FILE}; returns why it could not, or null. */
    static synchronized String keepIn(Path out) {
        if (current == null || !Files.isDirectory(out)) {
            return current == null ? null : "no report folder " + out;
        }
        try {
            Files.copy(current, out.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
            return null;
        } catch (IOException e) {
            return "cannot copy the harness log " + current + " into " + out + ": " + e.getMessage();
        }
    }

    /** Where the log is being written (null: not by this class). */
    static synchronized Path current() {
        return current;
    }

    /** Removes the temporary log of a run whose report folder now holds a copy; there is no log after this. */
    static synchronized void discard() {
        if (current != null) {
            try {
                Files.deleteIfExists(current);
            } catch (IOException e) {
                // a temporary file the system cleans up
            }
            current = null;
        }
    }
}
