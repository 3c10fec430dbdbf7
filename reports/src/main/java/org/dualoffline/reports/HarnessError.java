package org.dualoffline.reports;

/** The harness cannot run: bad arguments, unusable profile, unreachable backend. Exit code 2 with this message. */
final class HarnessError extends RuntimeException {
    HarnessError(String message) {
        super(message);
    }
}
