package org.dualoffline.harness;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
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
public final class ReconciliationClient implements IssuingBackend {
    private final BackendConnection backend;
    private final HttpTrace trace;
    private final AnswerDeadline deadline;

    public ReconciliationClient(BackendConnection backend, HttpTrace trace) {
        this(backend, trace, AnswerDeadline.DEFAULT);
    }

    /** {@code answerTimeout}: how long each request waits for the backend's answer (and for its connection). */
    public ReconciliationClient(BackendConnection backend, HttpTrace trace, Duration answerTimeout) {
        this.backend = backend;
        this.trace = trace;
        this.deadline = new AnswerDeadline(answerTimeout);
    }

    private RequestSpecification anyone() {
        return deadline.applyTo(given().baseUri(backend.baseUrl()).filter(trace)).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private RequestSpecification operator() {
        return anyone().header("Authorization", "Bearer " + backend.operatorToken());
    }

    public byte[] issuerPublicKey() {
        ApiAnswer j = ApiAnswer.expect(anyone().get("/v1/issuer"), 200, "read the issuer key");
        return Hex.parse(j.getString("publicKey"));
    }

    /** Enrolment result: the wallet's id, its certificate and the first acknowledgement (limits). */
    public record Enrolment(WalletId walletId, Certificate certificate, SyncAck initialAck) {}

    @Override
    public Enrolment enrol(byte[] publicKey, FormFactor formFactor, String holder, Limits limits) {
        ApiAnswer j = ApiAnswer.expect(operator().body(ApiRequests.enrolment(publicKey, formFactor, holder, limits)).post("/v1/wallets"), 201,
                "enrol " + holder + "'s wallet");
        return new Enrolment(WalletId.parse(j.getString("walletId")), Certificate.decode(Hex.parse(j.getString("certificate"))),
                SyncAck.decode(Hex.parse(j.getString("initialAck"))));
    }

    @Override
    public void deposit(WalletId wallet, long amount) {
        ApiAnswer.expect(operator().body(ApiRequests.amount(amount)).post("/v1/wallets/{id}/deposits", wallet.hex()), 200, 201,
                "deposit into " + wallet);
    }

    @Override
    public LoadToken loadToken(WalletId wallet, long amount) {
        ApiAnswer j = ApiAnswer.expect(operator().body(ApiRequests.amount(amount)).post("/v1/wallets/{id}/load-tokens", wallet.hex()), 200, 201,
                "issue a load token for " + wallet);
        return LoadToken.decode(Hex.parse(j.getString("token")));
    }

    /** Asks for a load token expecting a refusal: the problem, or a BackendException when the backend issued one. */
    public Refusal loadTokenRefused(WalletId wallet, long amount) {
        Response r = operator().body(ApiRequests.amount(amount)).post("/v1/wallets/{id}/load-tokens", wallet.hex());
        if (r.statusCode() == 200 || r.statusCode() == 201) {
            throw new BackendException("the backend issued a load token to wallet " + wallet + ": " + r.getBody().asString());
        }
        return refusal(r, "the refusal of a load token for wallet " + wallet);
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
        Upload u = upload(wallet, records, blocklistSeq);
        if (u.refused() == null) {
            throw new BackendException("the backend accepted the upload of wallet " + wallet + ": " + u.accepted());
        }
        return u.refused();
    }

    /** Uploads the records with the wallet's blocklist version (from its status; null: let the backend assume). */
    public SyncResult sync(WalletId wallet, List<StoredRecord> records, Long blocklistSeq) {
        ApiAnswer j = ApiAnswer.expect(anyone().body(ApiRequests.sync(records, blocklistSeq)).post("/v1/wallets/{id}/sync", wallet.hex()), 200,
                "sync " + wallet);
        return syncResult(j);
    }

    /** The backend's answer to an upload it may accept or refuse: exactly one of the two is set. */
    public record Upload(SyncResult accepted, Refusal refused) {}

    /** Uploads the records and takes whichever answer the backend gives. */
    public Upload upload(WalletId wallet, List<StoredRecord> records, Long blocklistSeq) {
        Response r = anyone().body(ApiRequests.sync(records, blocklistSeq)).post("/v1/wallets/{id}/sync", wallet.hex());
        if (r.statusCode() == 200) {
            return new Upload(syncResult(ApiAnswer.of(r, "sync " + wallet)), null);
        }
        return new Upload(null, refusal(r, "the refusal of wallet " + wallet + "'s upload"));
    }

    private static SyncResult syncResult(ApiAnswer j) {
        return new SyncResult(j.getInt("accepted"), j.getInt("duplicates"), j.getInt("pending"), j.getLong("ackCounter"),
                SyncAck.decode(Hex.parse(j.getString("ack"))), j.getLong("blocklistVersion"));
    }

    /** A refusal's problem details (application/problem+json). */
    private static Refusal refusal(Response r, String what) {
        ApiAnswer j = ApiAnswer.of(r, what);
        return new Refusal(r.statusCode(), j.getString("type"), j.getString("detail"));
    }

    /** The backend's view of a wallet. */
    public record WalletView(long onlineBalance, long offlineBalance, long settledIncoming, long settledOutgoing, long unloaded,
                             long lastCounter, int pendingRecords) {}

    public WalletView wallet(WalletId wallet) {
        ApiAnswer j = ApiAnswer.expect(operator().get("/v1/wallets/{id}", wallet.hex()), 200, "read wallet " + wallet);
        return new WalletView(j.getLong("onlineBalance"), j.getLong("offlineBalance"), j.getLong("settledIncoming"),
                j.getLong("settledOutgoing"), j.getLong("unloaded"), j.getLong("lastCounter"), j.getInt("pendingRecords"));
    }

    /** One payment as the backend sees it; {@code status} is {@link #SETTLED} once the payee is credited. */
    public record PaymentView(WalletId payer, long payerCounter, WalletId payee, long amount, String status, boolean reportedByPayer,
                              boolean reportedByPayee) {
        public static final String SETTLED = "SETTLED";

        public boolean settled() {
            return SETTLED.equals(status);
        }
    }

    /** The payments the backend knows to {@code payee}. */
    public List<PaymentView> paymentsTo(WalletId payee) {
        return payments(payee).stream().filter(p -> p.payee().equals(payee)).toList();
    }

    /** The payments the backend knows from {@code payer} to {@code payee}. */
    public List<PaymentView> paymentsBetween(WalletId payer, WalletId payee) {
        return payments(payee).stream().filter(p -> p.payer().equals(payer)).toList();
    }

    /** What the backend has settled from {@code payer}'s records, in fen: the sum of its settled payments as payer. */
    public long settledFrom(WalletId payer) {
        return payments(payer).stream().filter(p -> p.payer().equals(payer) && p.settled()).mapToLong(PaymentView::amount).sum();
    }

    public List<PaymentView> payments(WalletId wallet) {
        ApiAnswer j = ApiAnswer.expect(operator().queryParam("walletId", wallet.hex()).get("/v1/payments"), 200, "list payments of " + wallet);
        JsonNode rows = j.node().isArray() ? j.node() : j.node().path("payments");
        List<PaymentView> out = new ArrayList<>();
        for (JsonNode n : rows) {
            ApiAnswer r = new ApiAnswer(n, j.what());
            out.add(new PaymentView(WalletId.parse(r.getString("payerId")), r.getLong("payerCounter"), WalletId.parse(r.getString("payeeId")),
                    r.getLong("amount"), r.getString("status"), n.path("reportedByPayer").asBoolean(false),
                    n.path("reportedByPayee").asBoolean(false)));
        }
        return out;
    }

    /** A holder reports the device lost or stolen: the operator puts the wallet on the blocklist. */
    public void blocklist(WalletId wallet, String detail) {
        ApiAnswer.expect(operator().body(ApiRequests.blocklist(wallet.hex(), detail)).post("/v1/blocklist"), 201, 200, "blocklist " + wallet);
    }

    /** One entry of the backend's blocklist: the wallet and why (FORK, DOUBLE_SPEND, REPORTED, ...). */
    public record BlocklistEntry(long seq, WalletId wallet, String reason) {}

    /** The whole blocklist, oldest first, read page by page. */
    public List<BlocklistEntry> blocklistEntries() {
        List<BlocklistEntry> all = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            ApiAnswer j = ApiAnswer.expect(operator().queryParam("after", after).get("/v1/blocklist"), 200, "read the blocklist after " + after);
            JsonNode entries = j.node().path("entries");
            if (entries.isEmpty()) {
                return all;
            }
            for (JsonNode e : entries) {
                all.add(new BlocklistEntry(e.path("seq").asLong(), WalletId.parse(e.path("walletId").asText()), e.path("reason").asText()));
                after = Math.max(after, e.path("seq").asLong());
            }
        }
    }

    /** A wallet's standing and what its double spends have cost the issuer; amounts in fen. */
    public record ExposureView(String status, String reason, long covered, int claims, long boundPerClone) {}

    public ExposureView exposure(WalletId wallet) {
        ApiAnswer j = ApiAnswer.expect(operator().get("/v1/wallets/{id}/exposure", wallet.hex()), 200, "read the exposure of " + wallet);
        JsonNode reason = j.node().path("blocklisted").path("reason");
        return new ExposureView(j.getString("status"), reason.isTextual() ? reason.asText() : null, j.getLong("covered"),
                j.node().path("claims").size(), j.getLong("boundPerClone"));
    }

    /** The backend's audit of value conservation; amounts in fen. */
    public record AuditView(boolean conserved, long difference, long totalIssued, long onlineAccounts, long offlineAsReported,
                            long inFlight, long issuerCover, Map<String, Object> all) {}

    public AuditView audit() {
        ApiAnswer j = ApiAnswer.expect(operator().get("/v1/audit"), 200, "read the audit");
        return new AuditView(j.getBoolean("conserved"), j.getLong("difference"), j.getLong("totalIssued"), j.getLong("onlineAccounts"),
                j.getLong("offlineAsReported"), j.getLong("inFlight"), j.getLong("issuerCover"), j.asMap());
    }

    /** New offline limits for the wallet's next acknowledgement; returns the new limitsSeq. */
    public long renewLimits(WalletId wallet, LimitsRenewal renewal) {
        return ApiAnswer.expect(operator().body(ApiRequests.limitsRenewal(renewal)).put("/v1/wallets/{id}/limits", wallet.hex()), 200,
                "renew the limits of " + wallet).getLong("limitsSeq");
    }

    /** The backend answered something the harness did not expect. */
    public static class BackendException extends RuntimeException {
        public BackendException(String message) {
            super(message);
        }
    }
}
