package org.dualoffline.bench;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.dualoffline.fuzz.RawHttp;
import org.dualoffline.fuzz.RawResponse;

/**
 * A minimal HTTP/1.1 keep-alive client over one socket, for load generation on loopback: the
 * request bytes are prepared before the clock starts, so the client costs the machine little
 * besides the socket calls (java.net.http spends more CPU than the server on small requests,
 * and client and server share the same two cores here). The socket work is the fuzzer's
 * {@link RawHttp}; this adds the prepared requests and one reconnection where the server closed
 * an idle connection. One instance per thread; not thread-safe.
 */
final class LoopbackHttp implements AutoCloseable {
    private final String baseUrl;
    private final RawHttp http;

    LoopbackHttp(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = new RawHttp(URI.create(baseUrl), Duration.ofMinutes(2));
    }

    /** An HTTP response: status and body. */
    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The bytes of a POST with a JSON body (and an optional bearer token), ready to send many times. */
    static byte[] post(String path, String bearer, byte[] json) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
                + "Content-Length: " + json.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + json.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(json, 0, all, h.length, json.length);
        return all;
    }

    /** The bytes of a GET. */
    static byte[] get(String path, String bearer) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends a prepared request and reads the whole response; reconnects once if the server closed the idle connection. */
    Response exchange(byte[] request) {
        boolean fresh = !http.isOpen();
        try {
            return send(request);
        } catch (RawHttp.NoAnswer e) {
            if (fresh) {
                throw failed(e);
            }
            try {
                return send(request);
            } catch (RawHttp.NoAnswer again) {
                throw failed(again);
            }
        }
    }

    private Response send(byte[] request) throws RawHttp.NoAnswer {
        RawResponse r = http.exchange(request, false);
        return new Response(r.status(), r.body());
    }

    private UncheckedIOException failed(RawHttp.NoAnswer e) {
        return new UncheckedIOException("HTTP exchange with " + baseUrl + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        http.close();
    }
}
