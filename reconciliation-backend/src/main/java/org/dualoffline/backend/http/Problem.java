package org.dualoffline.backend.http;

import org.dualoffline.backend.Failure;

/** The RFC 9457 problem body of every error response ({@code application/problem+json}). */
public record Problem(String type, String title, int status, String detail) {
    public static final String CONTENT_TYPE = "application/problem+json";

    public static Problem of(Failure failure, int status, String detail) {
        return new Problem(failure.type(), failure.title, status, detail);
    }
}
