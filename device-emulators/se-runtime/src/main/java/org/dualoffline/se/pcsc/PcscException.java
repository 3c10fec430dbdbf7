package org.dualoffline.se.pcsc;

/**
 * The PC/SC stack could not do what the harness asked; {@link #problem()} says which part failed,
 * so that a caller can tell "this machine has no PC/SC" (skip, or a set-up error) from "the
 * reader or card misbehaved" (a verdict).
 */
public class PcscException extends RuntimeException {
    /** Which part of the PC/SC stack failed. */
    public enum Problem {
        /** No libpcsclite, or no pcscd answering it. */
        UNAVAILABLE,
        /** No reader by that name (or the name matches several). */
        NO_SUCH_READER,
        /** The reader is there but holds no card. */
        NO_CARD,
        /** Connecting to the card or exchanging an APDU failed. */
        LINK
    }

    private final Problem problem;

    public PcscException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public PcscException(Problem problem, String message) {
        this(problem, message, null);
    }

    public Problem problem() {
        return problem;
    }
}
