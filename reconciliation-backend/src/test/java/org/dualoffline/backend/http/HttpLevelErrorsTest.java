package org.dualoffline.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.fuzz.FuzzRequest;
import org.dualoffline.fuzz.RawHttp;
import org.dualoffline.fuzz.RawResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests that the HTTP server itself refuses, before any route (a NUL in the path or in a
 * header, broken percent-encoding, a URI or headers too long, broken framing), are answered like
 * every other error: a 4xx with an {@code application/problem+json} body in the API's words,
 * never the HTTP server's HTML page, never a 5xx; and the server answers the next request.
 */
class HttpLevelErrorsTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(1414);

    private BackendApi api;
    private String host;

    @BeforeEach
    void api() {
        api = backend.api();
        host = URI.create(api.baseUrl()).getHost() + ":" + URI.create(api.baseUrl()).getPort();
    }

    @Test
    void requestsTheHttpServerRefusesAreProblemsInTheApisWords() throws Exception {
        FuzzRequest health = FuzzRequest.of("GET", "/v1/health", host);
        Map<String, FuzzRequest> refused = new LinkedHashMap<>();
        refused.put("%00 in the path", health.withTarget("/v1/wallets/%00"));
        refused.put("%00 in an operator path", health.withTarget("/v1/wallets/%00/deposits").withMethod("POST").withJson("{\"amount\":1}"));
        refused.put("NUL in a header", health.withHeader("X-Note", "a\u0000b"));
        refused.put("NUL in the Authorization header", health.withTarget("/v1/audit").withBearer("t\u0000"));
        refused.put("broken percent-encoding", health.withTarget("/v1/wallets/%zz"));
        refused.put("encoded slash and dots", health.withTarget("/v1/wallets/..%2F..%2Faudit"));
        refused.put("a 100 KB URI", health.withTarget("/v1/" + "a".repeat(100_000)));
        refused.put("100 KB of headers", health.withHeader("X-Big", "b".repeat(100_000)));
        refused.put("a header line without a colon", health.withHeader("NoColonHere", null));
        refused.put("a space in a header name", health.withHeader("Bad Header", "x"));
        refused.put("a folded header line", health.withHeader("X-Folded", "a\r\n b"));
        refused.put("no Host header", health.withoutHeader("Host"));
        refused.put("Content-Length that is not a number", health.withMethod("POST").withTarget("/v1/blocklist")
                .withHeader("Content-Type", "application/json").withHeader("Content-Length", "abc").withBody("{}".getBytes(StandardCharsets.UTF_8)));
        refused.put("two different Content-Lengths", health.withMethod("POST").withTarget("/v1/blocklist")
                .withHeader("Content-Length", "2").withHeader("Content-Length", "3").withBody("{}".getBytes(StandardCharsets.UTF_8)));
        refused.put("an unknown HTTP version", health.withVersion("HTTP/7.0"));
        refused.put("no HTTP version", health.withVersion("HTTP/"));
        refused.put("a request line of garbage", health.withMethod("\u0001\u0002").withTarget("\u00ff").withVersion(""));

        List<String> answers = new ArrayList<>();
        for (Map.Entry<String, FuzzRequest> request : refused.entrySet()) {
            try (RawHttp connection = new RawHttp(URI.create(api.baseUrl()), Duration.ofSeconds(10))) {
                RawResponse r = connection.send(request.getValue());
                answers.add(request.getKey() + " -> " + r.status() + " " + r.mediaType() + " " + problemShape(r));
            }
        }

        assertThat(answers).allMatch(a -> a.matches(".* -> 4\\d\\d application/problem\\+json problem of the same status, in the API's words"));
        assertThat(api.anyone().get("/v1/health").statusCode()).as("the server answers afterwards").isEqualTo(200);
    }

    @Test
    void aRequestLineTheServerCannotParseAfterAHeadOnTheSameConnectionIsStillAnsweredWithItsProblem() throws Exception {
        try (RawHttp connection = new RawHttp(URI.create(api.baseUrl()), Duration.ofSeconds(10))) {
            FuzzRequest head = FuzzRequest.of("HEAD", "/v1/health", host);
            assertThat(connection.send(head).status()).isEqualTo(200);

            RawResponse r = connection.send(FuzzRequest.of("G ET", "/v1/health", host));

            assertThat(r.status()).isEqualTo(400);
            assertThat(problemShape(r)).isEqualTo("problem of the same status, in the API's words");
            assertThat(connection.connections()).as("the same connection").isEqualTo(1);
        }
    }

    /** Found by the fuzzer (seed 1, request #773): Jetty lets "%u0041" through, and Javalin's decoding of the path parameter threw. */
    @Test
    void aPercentEscapeThatDoesNotDecodeInAWalletIdIsABadRequestNotAFailure() throws Exception {
        try (RawHttp connection = new RawHttp(URI.create(api.baseUrl()), Duration.ofSeconds(10))) {
            for (String path : List.of("/v1/wallets/000000000000%u00410001", "/v1/wallets/%u0041/sync", "/v1/wallets/00000000000000%4/exposure")) {
                FuzzRequest get = FuzzRequest.of(path.endsWith("sync") ? "POST" : "GET", path, host).withBearer(api.operatorToken());
                RawResponse r = connection.send(path.endsWith("sync") ? get.withJson("{\"records\":[]}") : get);

                assertThat(r.status()).as(path).isEqualTo(400);
                assertThat(problemShape(r)).as(path).isEqualTo("problem of the same status, in the API's words");
            }
        }
    }

    private static String problemShape(RawResponse r) {
        try {
            JsonNode p = new ObjectMapper().readTree(r.body());
            boolean words = StrictJsonBodiesTest.INTERNAL_NAMES.stream().noneMatch(n -> r.text().contains(n))
                    && !r.text().toLowerCase().contains("jetty") && !r.text().contains("<h") && !r.text().contains("<pre");
            return p.path("status").asInt() == r.status() && p.path("type").asText().startsWith("urn:dualoffline:problem:")
                    && !p.path("title").asText().isBlank() && !p.path("detail").asText().isBlank() && words
                    ? "problem of the same status, in the API's words" : "not a problem of the API: " + r.text();
        } catch (Exception e) {
            return "not JSON: " + r.text();
        }
    }
}
