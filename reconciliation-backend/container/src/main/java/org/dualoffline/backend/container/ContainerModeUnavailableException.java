package org.dualoffline.backend.container;

/**
 * Container mode cannot start here: no engine, an image missing, Testcontainers set up to pull
 * what it cannot. The message says what is missing and the command that provides it; nothing
 * was pulled and no container was left running.
 */
public final class ContainerModeUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ContainerModeUnavailableException(String message) {
        super(message);
    }
}
