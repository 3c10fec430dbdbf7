package org.dualoffline.backend.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.backend.testing.Problems.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.protocol.Hex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Health, issuer, the OpenAPI document, and what the API answers for routes it does not have. */
class ServiceEndpointsTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(6006);

    /** Every route of the API: each must be served, and described in openapi.json. */
    static final List<String[]> ROUTES = List.of(
            new String[] {"get", "/v1/health"},
            new String[] {"get", "/v1/issuer"},
            new String[] {"get", "/v1/openapi.json"},
            new String[] {"post", "/v1/wallets"},
            new String[] {"get", "/v1/wallets/{walletId}"},
            new String[] {"post", "/v1/wallets/{walletId}/deposits"},
            new String[] {"post", "/v1/wallets/{walletId}/load-tokens"},
            new String[] {"post", "/v1/wallets/{walletId}/sync"},
            new String[] {"get", "/v1/payments"},
            new String[] {"put", "/v1/wallets/{walletId}/limits"},
            new String[] {"get", "/v1/wallets/{walletId}/exposure"},
            new String[] {"post", "/v1/blocklist"},
            new String[] {"get", "/v1/blocklist"},
            new String[] {"get", "/v1/audit"});

    private BackendApi api;

    @BeforeEach
    void api() {
        api = backend.api();
    }

    @Test
    void healthSaysTheServiceAndItsDatabaseAreUp() {
        Response r = api.anyone().get("/v1/health");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.jsonPath().getMap("$")).isEqualTo(Map.of("status", "UP", "database", "UP"));
    }

    @Test
    void theIssuerIsServedToAnyoneWithItsSuiteAndPublicKey() {
        Response r = api.anyone().get("/v1/issuer");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.jsonPath().getInt("suite")).isEqualTo(1);
        assertThat(r.jsonPath().getString("algorithm")).isEqualTo("ECDSA-P256-SHA256");
        assertThat(Hex.parse(r.jsonPath().getString("publicKey"))).hasSize(65).isEqualTo(backend.backend().issuerPublicKey());
    }

    @Test
    void theOpenApiDocumentIsServedAsTheResourceInTheJar() {
        Response r = api.anyone().get("/v1/openapi.json");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.asByteArray()).isEqualTo(OpenApiController.load());
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteWithItsErrors() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(OpenApiController.load());

        assertThat(doc.path("openapi").asText()).startsWith("3.");
        List<String> described = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> described.add(m + " " + p.getKey())));
        assertThat(described).containsExactlyInAnyOrderElementsOf(ROUTES.stream().map(r -> r[0] + " " + r[1]).toList());
        List<String> operationIds = new ArrayList<>();
        for (String[] route : ROUTES) {
            JsonNode op = doc.path("paths").path(route[1]).path(route[0]);
            assertThat(op.path("operationId").asText()).as(route[1]).isNotBlank();
            operationIds.add(op.path("operationId").asText());
            assertThat(op.path("responses").fieldNames()).as(route[1]).toIterable().isNotEmpty();
            boolean operator = op.has("security");
            if (operator) {
                assertThat(op.path("responses").has("401")).as("401 of %s", route[1]).isTrue();
            }
            if (route[0].equals("post") || route[0].equals("put")) {
                assertThat(op.path("responses").has("400")).as("400 of %s", route[1]).isTrue();
                assertThat(op.path("responses").has("415")).as("415 of %s", route[1]).isTrue();
                assertThat(op.path("responses").has("413")).as("413 of %s", route[1]).isTrue();
            }
            if (route[1].contains("{walletId}")) {
                assertThat(op.path("responses").has("404")).as("404 of %s", route[1]).isTrue();
            }
        }
        assertThat(operationIds).doesNotHaveDuplicates();
        List<String> problemTypes = new ArrayList<>();
        doc.path("components").path("schemas").path("Problem").path("properties").path("type").path("enum")
                .forEach(t -> problemTypes.add(t.asText()));
        assertThat(problemTypes).as("problem types").containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(Failure.values()).map(Failure::type).toList());
        for (Iterator<String> it = doc.path("components").path("schemas").fieldNames(); it.hasNext(); ) {
            String schema = it.next();
            assertThat(new String(OpenApiController.load())).as("schema %s is used", schema).contains("#/components/schemas/" + schema);
        }
    }

    @Test
    void everyDescribedRouteIsServed() {
        for (String[] route : ROUTES) {
            String path = route[1].replace("{walletId}", "0000000000000fff");
            Response r = switch (route[0]) {
                case "get" -> api.operator().get(path);
                case "put" -> api.operator().contentType(ContentType.JSON).body("{}").put(path);
                default -> api.operator().contentType(ContentType.JSON).body("{}").post(path);
            };
            assertThat(r.asString()).as("%s %s", route[0], path).doesNotContain("no route for");
        }
    }

    @Test
    void anUnknownRouteIsNotFoundAsAProblem() {
        String detail = assertProblem(api.anyone().get("/v1/nothing-here"), 404, Failure.NOT_FOUND);

        assertThat(detail).isEqualTo("Endpoint GET /v1/nothing-here not found");
    }

    @Test
    void aKnownPathWithAnotherMethodIsNotAllowedAsAProblemNamingTheMethodsItServes() {
        Response r = api.anyone().delete("/v1/health");

        assertThat(assertProblem(r, 405, Failure.METHOD_NOT_ALLOWED)).isEqualTo("this method is not allowed on /v1/health; allowed: GET, HEAD");
        assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
    }
}
