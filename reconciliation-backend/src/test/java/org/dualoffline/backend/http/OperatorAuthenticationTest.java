package org.dualoffline.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.fuzz.FuzzRequest;
import org.dualoffline.fuzz.RawHttp;
import org.dualoffline.fuzz.RawResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every method of every operator route needs the operator token: not only the methods the route
 * serves (HEAD on a GET route answered 200 without a token), but OPTIONS, TRACE and methods the
 * server has never heard of. With the token, a method a route does not serve is 405 with an
 * {@code Allow} header. The operator routes are those {@code openapi.json} marks with security.
 */
class OperatorAuthenticationTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(1212);

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO",
            "get");

    private BackendApi api;
    private RawHttp connection;

    @BeforeEach
    void connect() {
        api = backend.api();
        connection = new RawHttp(URI.create(api.baseUrl()), Duration.ofSeconds(10));
    }

    @AfterEach
    void disconnect() {
        connection.close();
    }

    @Test
    void everyMethodOfEveryOperatorRouteWithoutTheTokenIsUnauthorized() throws Exception {
        List<String> answered = new ArrayList<>();
        for (String path : operatorRoutes().keySet()) {
            for (String method : METHODS) {
                RawResponse r = connection.send(FuzzRequest.of(method, path, connection.hostHeader()));
                answered.add(method + " " + path + " -> " + r.status() + " " + r.mediaType());
            }
        }

        assertThat(answered).allMatch(a -> a.endsWith("-> 401 application/problem+json"));
    }

    @Test
    void everyMethodOfEveryOperatorRouteWithAWrongTokenIsUnauthorized() throws Exception {
        List<String> answered = new ArrayList<>();
        for (String path : operatorRoutes().keySet()) {
            for (String method : METHODS) {
                RawResponse r = connection.send(FuzzRequest.of(method, path, connection.hostHeader()).withBearer("not-the-token"));
                answered.add(method + " " + path + " -> " + r.status());
            }
        }

        assertThat(answered).allMatch(a -> a.endsWith("-> 401"));
    }

    @Test
    void aMethodThatAnOperatorRouteDoesNotServeIsNotAllowedWithTheMethodsItServes() throws Exception {
        for (Map.Entry<String, TreeSet<String>> route : operatorRoutes().entrySet()) {
            for (String method : List.of("DELETE", "PATCH", "OPTIONS", "TRACE", "FOO")) {
                RawResponse r = connection.send(FuzzRequest.of(method, route.getKey(), connection.hostHeader()).withBearer(api.operatorToken()));

                assertThat(r.status()).as("%s %s", method, route.getKey()).isEqualTo(405);
                assertThat(r.mediaType()).isEqualTo("application/problem+json");
                assertThat(r.header("Allow")).as("Allow of %s", route.getKey()).isEqualTo(String.join(", ", route.getValue()));
                assertThat(new ObjectMapper().readTree(r.body()).path("type").asText()).isEqualTo(Failure.METHOD_NOT_ALLOWED.type());
            }
        }
    }

    @Test
    void headOnAnOperatorRouteWithTheTokenAnswersAsGetWithoutABody() throws Exception {
        RawResponse get = connection.send(FuzzRequest.of("GET", "/v1/audit", connection.hostHeader()).withBearer(api.operatorToken()));
        RawResponse head = connection.send(FuzzRequest.of("HEAD", "/v1/audit", connection.hostHeader()).withBearer(api.operatorToken()));
        RawResponse missing = connection.send(FuzzRequest.of("HEAD", "/v1/wallets/00000000deadbeef", connection.hostHeader())
                .withBearer(api.operatorToken()));

        assertThat(head.status()).isEqualTo(get.status()).isEqualTo(200);
        assertThat(head.mediaType()).isEqualTo(get.mediaType());
        assertThat(head.body()).isEmpty();
        assertThat(missing.status()).as("HEAD of an unknown wallet").isEqualTo(404);
    }

    @Test
    void twoAuthorizationHeadersAreUnauthorizedWhicheverComesFirst() throws Exception {
        FuzzRequest audit = FuzzRequest.of("GET", "/v1/audit", connection.hostHeader());
        String right = "Bearer " + api.operatorToken();

        assertThat(connection.send(audit.withHeader("Authorization", right).withHeader("Authorization", "Bearer x")).status()).isEqualTo(401);
        assertThat(connection.send(audit.withHeader("Authorization", "Bearer x").withHeader("Authorization", right)).status()).isEqualTo(401);
        assertThat(connection.send(audit.withHeader("Authorization", right).withHeader("Authorization", right)).status()).isEqualTo(401);
    }

    /** Path (with a wallet id in place of {walletId}) -> the methods openapi.json gives it, with HEAD beside GET. */
    private static Map<String, TreeSet<String>> operatorRoutes() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(OpenApiController.load()).path("paths");
        Map<String, TreeSet<String>> routes = new TreeMap<>();
        paths.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            if (op.getValue().has("security")) {
                TreeSet<String> methods = routes.computeIfAbsent(p.getKey().replace("{walletId}", "0000000000000001"), k -> new TreeSet<>());
                methods.add(op.getKey().toUpperCase(Locale.ROOT));
                if (op.getKey().equals("get")) {
                    methods.add("HEAD");
                }
            }
        }));
        assertThat(routes).as("operator routes in openapi.json").hasSizeGreaterThanOrEqualTo(9);
        return routes;
    }
}
