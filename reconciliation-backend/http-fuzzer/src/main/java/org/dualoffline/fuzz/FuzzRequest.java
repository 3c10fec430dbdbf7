package org.dualoffline.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * One HTTP/1.1 request exactly as it goes on the wire. Method, target and headers are Latin-1
 * strings, one char per byte, so that any byte (NUL, CR, 0xff, a piece of UTF-8) can stand in
 * them; {@link #latin1(String)} turns text into its UTF-8 bytes that way. A Content-Length is
 * added for a body unless the request has its own Content-Length or Transfer-Encoding header.
 *
 * @param label what was done to the request, for the report (e.g. "body: trailing content")
 */
public record FuzzRequest(String method, String target, String version, List<Header> headers, byte[] body, String label) {
    public static final String HTTP_1_1 = "HTTP/1.1";

    /** A header line: {@code name: value}, or {@code name} alone (no colon) when the value is null. */
    public record Header(String name, String value) {}

    public FuzzRequest {
        headers = List.copyOf(headers);
    }

    /** {@code method target} with a Host header and nothing else. */
    public static FuzzRequest of(String method, String target, String host) {
        return new FuzzRequest(method, target, HTTP_1_1, List.of(new Header("Host", host)), null, "valid");
    }

    /** {@code text} as UTF-8 bytes, one char per byte. */
    public static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    public boolean isHead() {
        return method.equalsIgnoreCase("HEAD");
    }

    /** The request target without its query or fragment. */
    public String path() {
        int end = target.length();
        for (char c : new char[] {'?', '#'}) {
            int at = target.indexOf(c);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        return target.substring(0, end);
    }

    /** Every value of header {@code name} (any case), in order. */
    public List<String> headerValues(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    public FuzzRequest withMethod(String newMethod) {
        return new FuzzRequest(newMethod, target, version, headers, body, label);
    }

    public FuzzRequest withTarget(String newTarget) {
        return new FuzzRequest(method, newTarget, version, headers, body, label);
    }

    /** The request line's protocol version, e.g. "HTTP/1.0", "HTTP/7.0", or "" for none. */
    public FuzzRequest withVersion(String newVersion) {
        return new FuzzRequest(method, target, newVersion, headers, body, label);
    }

    public FuzzRequest withBody(byte[] newBody) {
        return new FuzzRequest(method, target, version, headers, newBody, label);
    }

    public FuzzRequest withJson(String json) {
        return withoutHeader("Content-Type").withHeader("Content-Type", "application/json")
                .withBody(json.getBytes(StandardCharsets.UTF_8));
    }

    public FuzzRequest withLabel(String newLabel) {
        return new FuzzRequest(method, target, version, headers, body, newLabel);
    }

    /** Adds a header line after the others (a second one if the request has one of that name already). */
    public FuzzRequest withHeader(String name, String value) {
        List<Header> h = new ArrayList<>(headers);
        h.add(new Header(name, value));
        return new FuzzRequest(method, target, version, h, body, label);
    }

    /** Without any header of that name (any case). */
    public FuzzRequest withoutHeader(String name) {
        return new FuzzRequest(method, target, version, headers.stream().filter(h -> !h.name().equalsIgnoreCase(name)).toList(), body, label);
    }

    /** Every header of that name replaced by one with {@code value}. */
    public FuzzRequest replacingHeader(String name, String value) {
        return withoutHeader(name).withHeader(name, value);
    }

    /** The operator's {@code Authorization: Bearer <token>} instead of any Authorization header. */
    public FuzzRequest withBearer(String token) {
        return replacingHeader("Authorization", "Bearer " + token);
    }

    public FuzzRequest mapHeaders(UnaryOperator<List<Header>> change) {
        return new FuzzRequest(method, target, version, change.apply(new ArrayList<>(headers)), body, label);
    }

    /** The bytes on the wire. */
    public byte[] bytes() {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target)
                .append(version.isEmpty() ? "" : " " + version).append("\r\n");
        boolean framed = false;
        for (Header h : headers) {
            head.append(h.name()).append(h.value() == null ? "" : ": " + h.value()).append("\r\n");
            String name = h.name().toLowerCase(Locale.ROOT);
            framed |= name.equals("content-length") || name.equals("transfer-encoding");
        }
        if (body != null && !framed) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + (body == null ? 0 : body.length));
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return label + ": " + Replay.escape(method + " " + target);
    }
}
