package org.dualoffline.backend.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.parsing.Parser;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.SyncAck;

/** The backend's API as tests use it: RestAssured requests plus a few steps that tests repeat. */
public final class BackendApi {
    static {
        RestAssured.registerParser("application/problem+json", Parser.JSON);
    }

    private final String baseUrl;
    private final String operatorToken;
    private final SecureRandom random;

    public BackendApi(String baseUrl, String operatorToken, SecureRandom random) {
        this.baseUrl = baseUrl;
        this.operatorToken = operatorToken;
        this.random = random;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String operatorToken() {
        return operatorToken;
    }

    /** A request without credentials. */
    public RequestSpecification anyone() {
        return given().baseUri(baseUrl);
    }

    /** A request with the operator's bearer token. */
    public RequestSpecification operator() {
        return anyone().header("Authorization", "Bearer " + operatorToken);
    }

    /** A new wallet key pair (seeded), not enrolled yet. */
    public TestWallet newWallet(String holder) {
        return new TestWallet(holder, random);
    }

    public TestWallet enrol(String holder) {
        return enrol(holder, FormFactor.CARD, null);
    }

    /** Enrols a fresh key pair and personalizes the test wallet with the certificate. */
    public TestWallet enrol(String holder, FormFactor formFactor, Map<String, Object> limits) {
        TestWallet w = newWallet(holder);
        JsonPath body = enrolRequest(w, formFactor, limits).then().statusCode(201).extract().jsonPath();
        w.personalize(Certificate.decode(Hex.parse(body.getString("certificate"))));
        return w;
    }

    public Response enrolRequest(TestWallet w, FormFactor formFactor, Map<String, Object> limits) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("publicKey", Hex.of(w.publicKey()));
        body.put("formFactor", formFactor.name());
        body.put("holder", w.holder());
        if (limits != null) {
            body.put("limits", limits);
        }
        return operator().contentType(ContentType.JSON).body(body).post("/v1/wallets");
    }

    public Response deposit(TestWallet w, long amount) {
        return operator().contentType(ContentType.JSON).body(Map.of("amount", amount))
                .post("/v1/wallets/{id}/deposits", w.id().hex());
    }

    public Response loadTokenRequest(TestWallet w, long amount) {
        return operator().contentType(ContentType.JSON).body(Map.of("amount", amount))
                .post("/v1/wallets/{id}/load-tokens", w.id().hex());
    }

    public LoadToken loadToken(TestWallet w, long amount) {
        String hex = loadTokenRequest(w, amount).then().statusCode(201).extract().jsonPath().getString("token");
        return LoadToken.decode(Hex.parse(hex));
    }

    /** Deposit, load token, the wallet's LOAD entry, and its upload: the wallet now holds {@code amount} offline. */
    public SignedEntry fund(TestWallet w, long amount) {
        deposit(w, amount).then().statusCode(201);
        SignedEntry load = w.load(loadToken(w, amount));
        syncOk(w, Upload.of(load));
        return load;
    }

    public Response sync(TestWallet w, Upload... records) {
        return sync(w, List.of(records));
    }

    public Response sync(TestWallet w, List<Upload> records) {
        return anyone().contentType(ContentType.JSON).body(Upload.body(records)).post("/v1/wallets/{id}/sync", w.id().hex());
    }

    /** Uploads and expects 200; returns the reply with its acknowledgement decoded. */
    public SyncReply syncOk(TestWallet w, Upload... records) {
        Response r = sync(w, records);
        assertThat(r.statusCode()).as("sync of %s answered %s", w, r.asString()).isEqualTo(200);
        JsonPath j = r.jsonPath();
        return new SyncReply(j.getInt("accepted"), j.getInt("duplicates"), j.getInt("pending"), j.getLong("ackCounter"),
                SyncAck.decode(Hex.parse(j.getString("ack"))));
    }

    public JsonPath wallet(TestWallet w) {
        return operator().get("/v1/wallets/{id}", w.id().hex()).then().statusCode(200).extract().jsonPath();
    }

    public List<Map<String, Object>> payments(TestWallet w) {
        return operator().queryParam("walletId", w.id().hex()).get("/v1/payments").then().statusCode(200).extract().jsonPath().getList("$");
    }

    public byte[] issuerPublicKey() {
        return Hex.parse(anyone().get("/v1/issuer").then().statusCode(200).extract().jsonPath().getString("publicKey"));
    }

    /** A decoded sync response. */
    public record SyncReply(int accepted, int duplicates, int pending, long ackCounter, SyncAck ack) {}
}
