package org.dualoffline.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One HTTP answer as it came off the wire: status, headers in their order, body. */
public record RawResponse(int status, List<Header> headers, byte[] body, boolean closesConnection) {

    /** A header line of the answer. */
    public record Header(String name, String value) {}

    public RawResponse {
        headers = List.copyOf(headers);
    }

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst().orElse(null);
    }

    /** The media type of the answer, lower case, without parameters; empty without a Content-Type. */
    public String mediaType() {
        String type = header("Content-Type");
        return type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Status line and headers, as the answer's head read. */
    public String head() {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status);
        headers.forEach(h -> sb.append('\n').append(h.name()).append(": ").append(h.value()));
        return sb.toString();
    }

    static Builder builder(int status) {
        return new Builder(status);
    }

    /** Collects an answer while its head is read. */
    static final class Builder {
        private final int status;
        private final List<Header> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private boolean closing;

        private Builder(int status) {
            this.status = status;
        }

        Builder header(String name, String value) {
            headers.add(new Header(name, value));
            if (name.equalsIgnoreCase("Connection") && value.toLowerCase(Locale.ROOT).contains("close")) {
                closing = true;
            }
            return this;
        }

        String header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst().orElse(null);
        }

        /** The body runs to the end of the connection. */
        void closing() {
            closing = true;
        }

        Builder body(byte[] body) {
            this.body = body;
            return this;
        }

        RawResponse build() {
            return new RawResponse(status, headers, body, closing);
        }
    }
}
