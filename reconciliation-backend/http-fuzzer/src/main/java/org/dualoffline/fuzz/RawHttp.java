package org.dualoffline.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 over one socket, byte for byte as the caller wrote the request: what a fuzzer and an
 * attacker need, and what HTTP client libraries refuse to send (NUL in a header, two Authorization
 * headers, a path with {@code %00}, a body after a GET). The connection is kept alive between
 * exchanges until the server closes it or {@link #close()}; the next exchange then opens a new
 * one. Reads Content-Length, chunked and read-to-close bodies; skips 1xx interim answers; reads
 * no body after HEAD, 204 and 304. Not thread-safe: one instance per connection.
 */
public final class RawHttp implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final String host;
    private final int port;
    private final boolean tls;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int connections;

    public RawHttp(URI baseUrl, Duration timeout) {
        this.host = baseUrl.getHost();
        this.tls = "https".equalsIgnoreCase(baseUrl.getScheme());
        this.port = baseUrl.getPort() >= 0 ? baseUrl.getPort() : tls ? 443 : 80;
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /** The value of a {@code Host} header for this server. */
    public String hostHeader() {
        return host + ":" + port;
    }

    /** Connections opened so far (a keep-alive exchange on the open one opens none). */
    public int connections() {
        return connections;
    }

    public boolean isOpen() {
        return socket != null;
    }

    /** Sends {@code request} as {@link #exchange} does, reading no body after HEAD. */
    public RawResponse send(FuzzRequest request) throws NoAnswer {
        return exchange(request.bytes(), request.isHead());
    }

    /**
     * Sends {@code request} on the open connection (or a new one) and reads one answer.
     *
     * @param head true when the request's method is HEAD: the answer has no body whatever its headers say
     * @throws NoAnswer when the server closed the connection, or did not answer in time, without a whole answer
     */
    public RawResponse exchange(byte[] request, boolean head) throws NoAnswer {
        try {
            if (socket == null) {
                connect();
            }
            out.write(request);
            out.flush();
            RawResponse response = read(head);
            if (response.closesConnection()) {
                close();
            }
            return response;
        } catch (NoAnswer e) {
            close();
            throw e;
        } catch (SocketTimeoutException e) {
            close();
            throw new NoAnswer("no answer within " + timeoutMillis + " ms");
        } catch (IOException e) {
            close();
            throw new NoAnswer("the connection failed: " + e.getMessage());
        }
    }

    private void connect() throws IOException {
        Socket s = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = s.getOutputStream();
        connections++;
    }

    private RawResponse read(boolean head) throws IOException {
        while (true) {
            String statusLine = line();
            if (statusLine == null) {
                throw new NoAnswer("the server closed the connection without an answer");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[0-9]{3}")) {
                throw new NoAnswer("not an HTTP status line: " + Replay.escape(statusLine));
            }
            int status = Integer.parseInt(parts[1]);
            RawResponse.Builder response = RawResponse.builder(status);
            int headBytes = statusLine.length();
            for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                headBytes += h.length();
                if (headBytes > MAX_HEAD_BYTES) {
                    throw new NoAnswer("the answer's headers are longer than " + MAX_HEAD_BYTES + " bytes");
                }
                int colon = h.indexOf(':');
                response.header(colon < 0 ? h : h.substring(0, colon), colon < 0 ? "" : h.substring(colon + 1).strip());
            }
            if (status >= 100 && status < 200 && status != 101) {
                continue; // an interim answer (100 Continue): the real one follows
            }
            return response.body(body(response, head || status == 204 || status == 304)).build();
        }
    }

    private byte[] body(RawResponse.Builder response, boolean none) throws IOException {
        if (none) {
            return new byte[0];
        }
        String encoding = response.header("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return chunked();
        }
        String length = response.header("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new NoAnswer("the answer's Content-Length is not a number: " + Replay.escape(length));
            }
            if (n < 0 || n > MAX_BODY_BYTES) {
                throw new NoAnswer("the answer's Content-Length is out of range: " + n);
            }
            byte[] body = in.readNBytes((int) n);
            if (body.length != n) {
                throw new NoAnswer("the connection closed inside the answer's body");
            }
            return body;
        }
        response.closing();
        return limited(in.readNBytes(MAX_BODY_BYTES + 1));
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            if (sizeLine == null) {
                throw new NoAnswer("the connection closed inside a chunked body");
            }
            int size;
            try {
                size = Integer.parseInt(sizeLine.split(";", 2)[0].strip(), 16);
            } catch (NumberFormatException e) {
                throw new NoAnswer("a chunk size is not hexadecimal: " + Replay.escape(sizeLine));
            }
            if (size == 0) {
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers carry nothing the fuzzer checks
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            limited(body.size());
            line();
        }
    }

    private static byte[] limited(byte[] body) throws NoAnswer {
        limited(body.length);
        return body;
    }

    private static void limited(int size) throws NoAnswer {
        if (size > MAX_BODY_BYTES) {
            throw new NoAnswer("the answer's body is longer than " + MAX_BODY_BYTES + " bytes");
        }
    }

    /** One line of the answer's head, ISO-8859-1, without its CRLF; null at the end of the stream. */
    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if (sb.length() > MAX_HEAD_BYTES) {
                throw new NoAnswer("a line of the answer's head is longer than " + MAX_HEAD_BYTES + " bytes");
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }

    /** The server gave no whole answer: it closed the connection, timed out, or wrote something that is not HTTP. */
    public static final class NoAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        public NoAnswer(String message) {
            super(message);
        }
    }
}
