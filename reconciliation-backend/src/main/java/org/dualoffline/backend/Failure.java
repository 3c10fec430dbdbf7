package org.dualoffline.backend;

/**
 * Every way a request to the backend can fail, with the stable problem type and title that
 * clients see. The HTTP status of each is decided in one place, {@code http.ProblemMapper}.
 */
public enum Failure {
    INVALID_REQUEST("invalid-request", "Invalid request"),
    MALFORMED_JSON("malformed-json", "Malformed JSON"),
    UNAUTHORIZED("unauthorized", "Operator authentication required"),
    NOT_FOUND("not-found", "No such resource"),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed"),
    WALLET_NOT_FOUND("wallet-not-found", "Unknown wallet"),
    ALREADY_ENROLLED("already-enrolled", "Public key already enrolled"),
    INSUFFICIENT_FUNDS("insufficient-funds", "Insufficient online balance"),
    FORK_OR_DOUBLE_SPEND("fork-or-double-spend", "Fork or double spend"),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),
    BAD_SIGNATURE("bad-signature", "Bad signature"),
    UNACCEPTABLE_ENTRY("unacceptable-entry", "Entry cannot be accepted"),
    SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable"),
    INTERNAL_ERROR("internal-error", "Internal server error");

    /** Prefix of every problem type URI. */
    public static final String TYPE_PREFIX = "urn:dualoffline:problem:";

    public final String slug;
    public final String title;

    Failure(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }

    public String type() {
        return TYPE_PREFIX + slug;
    }
}
