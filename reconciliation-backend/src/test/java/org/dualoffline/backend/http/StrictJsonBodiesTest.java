package org.dualoffline.backend.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.backend.testing.Problems.assertProblem;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.protocol.WalletId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request body is one JSON object and nothing else: no content after it, no key twice, no
 * control character in a string; and every refusal is told in the API's own words (its field
 * names, "a whole number of fen"), never in the names of the classes or the JSON library behind it.
 */
class StrictJsonBodiesTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(1313);

    /** What no problem detail may contain: package, class and library names. */
    static final List<String> INTERNAL_NAMES = List.of("org.", "java.", "javax.", "jakarta.", "com.", "$", "Exception", "jackson", "Jackson",
            "FAIL_ON", "Feature", "`", "Long", "Integer", "String", "Request", "Controller", "Input", "JsonToken");

    private BackendApi api;
    private TestWallet alice;

    @BeforeEach
    void wallet() {
        api = backend.api();
        alice = api.enrol("Alice");
    }

    @Test
    void contentAfterTheJsonObjectIsRefusedAndMovesNoMoney() {
        for (String body : List.of("{\"amount\":1} xyz", "{\"amount\":1}{\"amount\":2}", "{\"amount\":1}]", "{\"amount\":1} 7")) {
            String detail = assertProblem(deposit(body), 400, Failure.MALFORMED_JSON);

            assertThat(detail).as(body).isEqualTo("the request body has content after its JSON object");
        }
        assertThat(api.wallet(alice).getLong("onlineBalance")).isZero();
    }

    @Test
    void aKeyGivenTwiceIsRefusedAndMovesNoMoney() {
        String detail = assertProblem(deposit("{\"amount\": 1, \"amount\": 1000000}"), 400, Failure.MALFORMED_JSON);

        assertThat(detail).isEqualTo("field \"amount\" appears more than once");
        assertThat(api.wallet(alice).getLong("onlineBalance")).isZero();
    }

    @Test
    void aNulInAHolderNameIsRefusedBeforeAnyDatabaseWorkAndUsesUpNoWalletId() {
        TestWallet bob = api.newWallet("Bo\u0000b");

        Response refused = api.enrolRequest(bob, org.dualoffline.protocol.FormFactor.CARD, null);
        TestWallet carol = api.enrol("Carol");

        assertThat(assertProblem(refused, 400, Failure.INVALID_REQUEST))
                .isEqualTo("field \"holder\" must not contain control characters (U+0000 at character 3)");
        assertThat(carol.id()).as("the wallet id after Alice's").isEqualTo(new WalletId(alice.id().value() + 1));
    }

    @Test
    void controlCharactersInAnyTextAreRefused() {
        // JSON escapes, as a client must send control characters in a JSON string
        for (String text : List.of("stolen\\u0000", "\\u001b[31mred", "tab\\there", "line\\nbreak", "del\u007f", "c1\u0085",
                "lone \\ud800 half", "lone \\udc00 half")) {
            Response r = api.operator().contentType(ContentType.JSON).body("{\"walletId\": \"" + alice.id().hex() + "\", \"detail\": \"" + text
                    + "\"}").post("/v1/blocklist");

            assertThat(assertProblem(r, 400, Failure.INVALID_REQUEST)).as(text).startsWith("field \"detail\" must not contain ");
        }
        assertThat(api.wallet(alice).getString("status")).isEqualTo("ACTIVE");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedInTheApisWords() {
        assertThat(assertProblem(deposit("{\"amount\": \"100\"}"), 400, Failure.INVALID_REQUEST))
                .isEqualTo("field \"amount\" has the wrong type (expected a whole number of fen, got a string)");
        assertThat(assertProblem(deposit("{\"amount\": 1.5}"), 400, Failure.INVALID_REQUEST))
                .isEqualTo("field \"amount\" has the wrong type (expected a whole number of fen, got a fraction)");
        assertThat(assertProblem(deposit("{\"amount\": 99999999999999999999}"), 400, Failure.INVALID_REQUEST))
                .isEqualTo("field \"amount\" is out of range (expected a whole number of fen)");
        assertThat(assertProblem(deposit("{\"amount\": [1]}"), 400, Failure.INVALID_REQUEST))
                .isEqualTo("field \"amount\" has the wrong type (expected a whole number of fen, got an array)");
        assertThat(assertProblem(sync("{\"records\": {\"entry\": \"00\"}}"), 400, Failure.INVALID_REQUEST))
                .isEqualTo("field \"records\" has the wrong type (expected an array, got an object)");
        assertThat(assertProblem(sync("{\"records\": [], \"blocklistSeq\": true}"), 400, Failure.INVALID_REQUEST))
                .isEqualTo("field \"blocklistSeq\" has the wrong type (expected a whole number, got true or false)");
        assertThat(assertProblem(sync("{\"records\": [[\"00\"]]}"), 400, Failure.INVALID_REQUEST))
                .isEqualTo("field \"records[0]\" has the wrong type (expected an object, got an array)");
        assertThat(assertProblem(sync("[]"), 400, Failure.INVALID_REQUEST)).isEqualTo("the request body must be a JSON object");
    }

    @Test
    void noProblemDetailNamesAClassAPackageOrALibraryFeature() {
        List<String> bodies = List.of("{\"amount\": \"x\"}", "{\"amount\": 1.5}", "{\"amount\": 1e400}", "{\"amount\": -99999999999999999999}",
                "{\"records\": 5}", "{\"records\": [5]}", "{\"records\": [{\"entry\": {}}]}", "{\"limits\": 5}", "{\"limits\": {\"maxCount\": \"a\"}}",
                "{\"holder\": []}", "{\"publicKey\": {}}", "{\"detail\": 1.5e3, \"walletId\": []}", "{\"maxSingle\": {\"a\": 1}}",
                "{\"amount\": 1} x", "{\"amount\": 1, \"amount\": 2}", "{\"a\": \"\\u0000\"}", "{\"amount\": nul}", "{\"amount\": 01}",
                "{\"amount\": 1", "\"text\"", "null", "[1]", "{\"records\": [null, {\"entry\": null}]}", "{\"amount\": NaN}",
                "[".repeat(2000) + "]".repeat(2000), "{\"a\":" + "[".repeat(1200) + "]".repeat(1200) + "}", "\u00ff\u00fe{}");
        List<String> details = new ArrayList<>();
        String id = alice.id().hex();
        for (String body : bodies) {
            for (String[] route : List.of(new String[] {"post", "/v1/wallets"}, new String[] {"post", "/v1/wallets/" + id + "/deposits"},
                    new String[] {"post", "/v1/wallets/" + id + "/load-tokens"}, new String[] {"post", "/v1/wallets/" + id + "/sync"},
                    new String[] {"put", "/v1/wallets/" + id + "/limits"}, new String[] {"post", "/v1/blocklist"})) {
                var request = api.operator().contentType("application/json").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Response r = route[0].equals("put") ? request.put(route[1]) : request.post(route[1]);
                assertThat(r.statusCode()).as("%s %s with %s", route[0], route[1], body).isBetween(400, 499);
                details.add(route[1] + " " + body.substring(0, Math.min(40, body.length())) + " -> " + r.jsonPath().getString("detail"));
            }
        }

        for (String name : INTERNAL_NAMES) {
            assertThat(details).as("details naming %s", name).noneMatch(d -> d.substring(d.indexOf(" -> ")).contains(name));
        }
    }

    private Response deposit(String body) {
        return api.operator().contentType(ContentType.JSON).body(body).post("/v1/wallets/{id}/deposits", alice.id().hex());
    }

    private Response sync(String body) {
        return api.anyone().contentType(ContentType.JSON).body(body).post("/v1/wallets/{id}/sync", alice.id().hex());
    }
}
