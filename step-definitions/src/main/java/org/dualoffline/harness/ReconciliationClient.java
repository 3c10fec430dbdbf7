package org.dualoffline.harness;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.devices.WalletClient.StoredRecord;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletId;

/**
 * The harness's client of the reconciliation backend's API (spec section 7), over RestAssured;
 * every exchange is recorded in the scenario's {@link HttpTrace}. Works the same against the
 * embedded backend, the container and a vendor's backend. Answers are read with Jackson, not
 * RestAssured's JsonPath, which compiles a Groovy script per path it evaluates: that was half of
 * the certification's CPU time.
 */
public final class ReconciliationClient {
    private final BackendConnection backend;
    private final HttpTrace trace;

    public ReconciliationClient(BackendConnection backend, HttpTrace trace) {
        this.backend = backend;
        this.trace = trace;
    }

    private RequestSpecification anyone() {
        return given().baseUri(backend.baseUrl()).filter(trace).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private RequestSpecification operator() {
        return anyone().header("Authorization", "Bearer " + backend.operatorToken());
    }

    public byte[] issuerPublicKey() {
        Body j = expect(anyone().get("/v1/issuer"), 200, "read the issuer key");
        return Hex.parse(j.getString("publicKey"));
    }

    /** Enrolment result: the wallet's id, its certificate and the first acknowledgement (limits). */
    public record Enrolment(WalletId walletId, Certificate certificate, SyncAck initialAck) {}

    public Enrolment enrol(byte[] publicKey, FormFactor formFactor, String holder, Limits limits) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("publicKey", Hex.of(publicKey));
        body.put("formFactor", formFactor.name());
        body.put("holder", holder);
        if (limits != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("maxSingle", limits.maxSingle());
            l.put("maxCumulative", limits.maxCumulative());
            l.put("maxCount", limits.maxCount());
            l.put("holdingCap", limits.holdingCap());
            l.put("pinFreeThreshold", limits.pinFreeThreshold());
            l.put("receivePolicy", limits.receivePolicy().name());
            body.put("limits", l);
        }
        Body j = expect(operator().body(body).post("/v1/wallets"), 201, "enrol " + holder + "'s wallet");
        return new Enrolment(WalletId.parse(j.getString("walletId")), Certificate.decode(Hex.parse(j.getString("certificate"))),
                SyncAck.decode(Hex.parse(j.getString("initialAck"))));
    }

    public void deposit(WalletId wallet, long amount) {
        expect(operator().body(Map.of("amount", amount)).post("/v1/wallets/{id}/deposits", wallet.hex()), 200, 201, "deposit into " + wallet);
    }

    public LoadToken loadToken(WalletId wallet, long amount) {
        Body j = expect(operator().body(Map.of("amount", amount)).post("/v1/wallets/{id}/load-tokens", wallet.hex()), 200, 201,
                "issue a load token for " + wallet);
        return LoadToken.decode(Hex.parse(j.getString("token")));
    }

    /**
     * The backend's answer to an upload; {@code blocklistVersion} above the acknowledgement's
     * blocklistSeq means more blocklist entries wait for the next acknowledgement.
     */
    public record SyncResult(int accepted, int duplicates, int pending, long ackCounter, SyncAck ack, long blocklistVersion) {
        public boolean blocklistComplete() {
            return ack.blocklistSeq() >= blocklistVersion;
        }
    }

    public SyncResult sync(WalletId wallet, List<StoredRecord> records) {
        return sync(wallet, records, null);
    }

    /** An upload that the backend refused (HTTP 409, a fork or double spend), with its problem detail. */
    public record Refusal(int status, String type, String detail) {}

    /** Uploads expecting a refusal: the problem, or a BackendException when the backend accepted the upload. */
    public Refusal syncRefused(WalletId wallet, List<StoredRecord> records, Long blocklistSeq) {
        Response r = anyone().body(syncBody(records, blocklistSeq)).post("/v1/wallets/{id}/sync", wallet.hex());
        if (r.statusCode() == 200) {
            throw new BackendException("the backend accepted the upload of wallet " + wallet + ": " + r.getBody().asString());
        }
        Body j = Body.of(r, "the refusal of wallet " + wallet + "'s upload"); // application/problem+json
        return new Refusal(r.statusCode(), j.getString("type"), j.getString("detail"));
    }

    /** Uploads the records with the wallet's blocklist version (from its status; null: let the backend assume). */
    public SyncResult sync(WalletId wallet, List<StoredRecord> records, Long blocklistSeq) {
        Body j = expect(anyone().body(syncBody(records, blocklistSeq)).post("/v1/wallets/{id}/sync", wallet.hex()), 200, "sync " + wallet);
        return new SyncResult(j.getInt("accepted"), j.getInt("duplicates"), j.getInt("pending"), j.getLong("ackCounter"),
                SyncAck.decode(Hex.parse(j.getString("ack"))), j.getLong("blocklistVersion"));
    }

    private static Map<String, Object> syncBody(List<StoredRecord> records, Long blocklistSeq) {
        List<Map<String, String>> list = new ArrayList<>();
        for (StoredRecord r : records) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("entry", Hex.of(r.own().entryBytes()));
            m.put("signature", Hex.of(r.own().signature()));
            if (r.payerRecord() != null) {
                m.put("peerEntry", Hex.of(r.payerRecord().entryBytes()));
                m.put("peerSignature", Hex.of(r.payerRecord().signature()));
            }
            list.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", list);
        if (blocklistSeq != null) {
            body.put("blocklistSeq", blocklistSeq);
        }
        return body;
    }

    /** The backend's view of a wallet. */
    public record WalletView(long onlineBalance, long offlineBalance, long settledIncoming, long settledOutgoing, long unloaded,
                             long lastCounter, int pendingRecords) {}

    public WalletView wallet(WalletId wallet) {
        Body j = expect(operator().get("/v1/wallets/{id}", wallet.hex()), 200, "read wallet " + wallet);
        return new WalletView(j.getLong("onlineBalance"), j.getLong("offlineBalance"), j.getLong("settledIncoming"),
                j.getLong("settledOutgoing"), j.getLong("unloaded"), j.getLong("lastCounter"), j.getInt("pendingRecords"));
    }

    /** One payment as the backend sees it. */
    public record PaymentView(WalletId payer, long payerCounter, WalletId payee, long amount, String status, boolean reportedByPayer, boolean reportedByPayee) {}

    public List<PaymentView> payments(WalletId wallet) {
        Body j = expect(operator().queryParam("walletId", wallet.hex()).get("/v1/payments"), 200, "list payments of " + wallet);
        JsonNode rows = j.node().isArray() ? j.node() : j.node().path("payments");
        List<PaymentView> out = new ArrayList<>();
        for (JsonNode n : rows) {
            Body r = new Body(n, j.what());
            out.add(new PaymentView(WalletId.parse(r.getString("payerId")), r.getLong("payerCounter"), WalletId.parse(r.getString("payeeId")),
                    r.getLong("amount"), r.getString("status"), n.path("reportedByPayer").asBoolean(false),
                    n.path("reportedByPayee").asBoolean(false)));
        }
        return out;
    }

    /** A holder reports the device lost or stolen: the operator puts the wallet on the blocklist. */
    public void blocklist(WalletId wallet, String detail) {
        expect(operator().body(Map.of("walletId", wallet.hex(), "detail", detail)).post("/v1/blocklist"), 201, 200, "blocklist " + wallet);
    }

    /** A wallet's standing and what its double spends have cost the issuer; amounts in fen. */
    public record ExposureView(String status, String reason, long covered, int claims, long boundPerClone) {}

    public ExposureView exposure(WalletId wallet) {
        Body j = expect(operator().get("/v1/wallets/{id}/exposure", wallet.hex()), 200, "read the exposure of " + wallet);
        JsonNode reason = j.node().path("blocklisted").path("reason");
        return new ExposureView(j.getString("status"), reason.isTextual() ? reason.asText() : null, j.getLong("covered"),
                j.node().path("claims").size(), j.getLong("boundPerClone"));
    }

    /** The backend's audit of value conservation; amounts in fen. */
    public record AuditView(boolean conserved, long difference, long totalIssued, long onlineAccounts, long offlineAsReported,
                            long inFlight, long issuerCover, Map<String, Object> all) {}

    public AuditView audit() {
        Body j = expect(operator().get("/v1/audit"), 200, "read the audit");
        return new AuditView(j.getBoolean("conserved"), j.getLong("difference"), j.getLong("totalIssued"), j.getLong("onlineAccounts"),
                j.getLong("offlineAsReported"), j.getLong("inFlight"), j.getLong("issuerCover"), JSON.convertValue(j.node(), MAP));
    }

    /** New offline limits for the wallet's next acknowledgement (fields not given stay); returns the new limitsSeq. */
    public long renewLimits(WalletId wallet, Map<String, Object> limits) {
        return expect(operator().body(limits).put("/v1/wallets/{id}/limits", wallet.hex()), 200, "renew the limits of " + wallet)
                .getLong("limitsSeq");
    }

    private static Body expect(Response r, int status, String what) {
        return expect(r, status, status, what);
    }

    private static Body expect(Response r, int status, int alsoOk, String what) {
        if (r.statusCode() != status && r.statusCode() != alsoOk) {
            throw new BackendException("backend refused to " + what + ": HTTP " + r.statusCode() + " " + r.getBody().asString());
        }
        return Body.of(r, what);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP = new com.fasterxml.jackson.core.type.TypeReference<>() {};

    /** A JSON answer; a field the harness needs and the backend left out is a BackendException naming it. */
    private record Body(JsonNode node, String what) {
        static Body of(Response r, String what) {
            String text = r.getBody().asString();
            try {
                return new Body(JSON.readTree(text), what);
            } catch (JsonProcessingException e) {
                throw new BackendException("the answer to \"" + what + "\" is not JSON (HTTP " + r.statusCode() + "): " + text);
            }
        }

        private JsonNode field(String name, boolean numeric) {
            JsonNode n = node.get(name);
            if (n == null || n.isNull() || (numeric ? !n.canConvertToLong() || !n.isIntegralNumber() : !n.isValueNode())) {
                throw new BackendException("the answer to \"" + what + "\" has no " + (numeric ? "whole number" : "value") + " \"" + name
                        + "\": " + node);
            }
            return n;
        }

        String getString(String name) {
            return field(name, false).asText();
        }

        long getLong(String name) {
            return field(name, true).asLong();
        }

        int getInt(String name) {
            return Math.toIntExact(getLong(name));
        }

        boolean getBoolean(String name) {
            JsonNode n = field(name, false);
            if (!n.isBoolean()) {
                throw new BackendException("the answer to \"" + what + "\" has no boolean \"" + name + "\": " + node);
            }
            return n.asBoolean();
        }
    }

    /** The backend answered something the harness did not expect. */
    public static class BackendException extends RuntimeException {
        public BackendException(String message) {
            super(message);
        }
    }
}
