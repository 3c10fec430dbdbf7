package org.dualoffline.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The raw client against a server that answers with canned bytes, one answer per request head it reads, on one connection. */
class RawHttpTest {
    private final ServerSocket server;
    private CompletableFuture<Void> serving;

    RawHttpTest() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        if (serving != null) {
            serving.get();
        }
    }

    @Test
    void chunkedAnswersInterimAnswersAndHeadAnswersAreReadOnOneConnection() throws Exception {
        answer(List.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nT: v\r\n\r\n",
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n",
                "HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"));
        try (RawHttp http = new RawHttp(URI.create("http://127.0.0.1:" + server.getLocalPort()), Duration.ofSeconds(5))) {
            assertThat(http.exchange(get("GET"), false).text()).isEqualTo("abcde");
            assertThat(http.exchange(get("POST"), false)).satisfies(r -> assertThat(r.status()).isEqualTo(201))
                    .satisfies(r -> assertThat(r.text()).isEqualTo("ok"));
            assertThat(http.exchange(get("HEAD"), true).body()).isEmpty();
            RawResponse last = http.exchange(get("GET"), false);

            assertThat(last.mediaType()).isEqualTo("application/problem+json");
            assertThat(last.closesConnection()).isTrue();
            assertThat(http.isOpen()).isFalse();
            assertThat(http.connections()).isEqualTo(1);
        }
    }

    @Test
    void aServerThatClosesWithoutAnAnswerIsNoAnswer() throws Exception {
        answer(List.of());
        try (RawHttp http = new RawHttp(URI.create("http://127.0.0.1:" + server.getLocalPort()), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> http.exchange(get("GET"), false)).isInstanceOf(RawHttp.NoAnswer.class)
                    .hasMessageContaining("without an answer");
        }
    }

    private static byte[] get(String method) {
        return (method + " / HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Accepts one connection and writes each answer after reading one request head. */
    private void answer(List<String> answers) {
        serving = CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                for (String a : answers) {
                    readHead(in);
                    s.getOutputStream().write(a.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                }
                readHead(in);
            } catch (IOException e) {
                // the client went away
            }
        });
    }

    private static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1; c = in.read()) {
            head.write(c);
            if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                return;
            }
        }
    }
}
