package org.dualoffline.backend.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Container mode keeps every byte on the host's loopback: the containers share the host's network
 * ({@code --network host}) and listen on 127.0.0.1 only, each on a port free when the run starts
 * (never a fixed one: 5432 is the machine's own PostgreSQL, and fixed ports in the ephemeral range
 * collide with sockets in TIME-WAIT on shared machines).
 */
public final class Loopback {
    public static final String ADDRESS = "127.0.0.1";
    /** Testcontainers' label of host networking. */
    public static final String NETWORK_MODE = "host";

    private Loopback() {}

    /** A TCP port nothing listens on at 127.0.0.1 right now, as the kernel picks it. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(ADDRESS))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + ADDRESS, e);
        }
    }
}
