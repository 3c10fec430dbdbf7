package org.dualoffline.backend;

import java.util.Objects;

/**
 * Where the backend listens and what its HTTP layer accepts: the interface to bind (127.0.0.1
 * for in-process use, 0.0.0.0 in a container), the port (0 = a random free port), the largest
 * request body, and the bearer token of the operator endpoints.
 */
public record HttpSettings(String host, int port, int maxBodyBytes, String operatorToken) {
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public HttpSettings {
        Objects.requireNonNull(host, "host");
        if (operatorToken == null || operatorToken.isBlank() || !operatorToken.strip().equals(operatorToken)) {
            throw new IllegalArgumentException("the operator token must be non-blank, without surrounding spaces");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 (0 = a random free port), got " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("pool size, body limit and records per upload must be positive");
        }
    }

    /** A random free port on the loopback interface, bodies up to {@link #DEFAULT_MAX_BODY_BYTES}. */
    public static HttpSettings loopback(String operatorToken) {
        return new HttpSettings("127.0.0.1", 0, DEFAULT_MAX_BODY_BYTES, operatorToken);
    }

    public HttpSettings withHost(String host) {
        return new HttpSettings(host, port, maxBodyBytes, operatorToken);
    }

    public HttpSettings withPort(int port) {
        return new HttpSettings(host, port, maxBodyBytes, operatorToken);
    }

    public HttpSettings withMaxBodyBytes(int maxBodyBytes) {
        return new HttpSettings(host, port, maxBodyBytes, operatorToken);
    }

    public HttpSettings withOperatorToken(String operatorToken) {
        return new HttpSettings(host, port, maxBodyBytes, operatorToken);
    }

    /** Without the operator token. */
    @Override
    public String toString() {
        return "HttpSettings[" + host + ":" + port + ", bodies up to " + maxBodyBytes + " bytes]";
    }
}
