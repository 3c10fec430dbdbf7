package org.dualoffline.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.harness.ApiRequests;
import org.dualoffline.harness.BackendConnection;
import org.dualoffline.harness.IssuingBackend;
import org.dualoffline.harness.ReconciliationClient;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletId;

/**
 * The requests a town makes by the ten thousand - enrolments, deposits, load tokens, uploads and
 * the payments read back for the checks - on the JDK's HTTP client, with the same bodies and the
 * same answers as {@link ReconciliationClient}. RestAssured, which the scenarios use for its
 * evidence filter, costs about 6 ms of client time a request here (measured: 8.4 against 2.5 ms a
 * deposit on the embedded backend); a town of 10,000 wallets makes some 40,000 requests.
 * Thread-safe: the storm's connections share one. With several backend processes (replicas
 * over one database) the uploads go round-robin, the n-th upload sent, by whichever thread, to
 * replica n mod N; everything else goes to the first.
 */
final class TownClient implements IssuingBackend {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> bases;
    private final String base;
    private final String operatorToken;
    private final java.util.concurrent.atomic.AtomicLong uploadsSent = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLongArray uploadsPerBase;

    TownClient(BackendConnection backend) {
        this.bases = backend.baseUrls();
        this.base = bases.get(0);
        this.operatorToken = backend.operatorToken();
        this.uploadsPerBase = new java.util.concurrent.atomic.AtomicLongArray(bases.size());
    }

    /** Uploads sent to each backend process so far, in the order of {@link BackendConnection#baseUrls()}. */
    long[] uploadsPerBackend() {
        long[] out = new long[uploadsPerBase.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = uploadsPerBase.get(i);
        }
        return out;
    }

    private record Answer(int status, JsonNode body, String text) {}

    private Answer send(String method, String path, Object body, boolean operator) {
        return send(base, method, path, body, operator);
    }

    private Answer send(String base, String method, String path, Object body, boolean operator) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(ANSWER).header("Accept", "application/json");
            if (operator) {
                b.header("Authorization", "Bearer " + operatorToken);
            }
            if (body != null) {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Answer(r.statusCode(), node, r.body());
        } catch (IOException e) {
            throw new ReconciliationClient.BackendException("the backend at " + base + " did not answer " + method + " " + path + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReconciliationClient.BackendException("interrupted during " + method + " " + path);
        }
    }

    private Answer expect(Answer a, String what, int... ok) {
        for (int s : ok) {
            if (a.status() == s) {
                return a;
            }
        }
        throw new ReconciliationClient.BackendException(what + ": HTTP " + a.status() + " " + a.text());
    }

    private static String text(JsonNode n, String field, String what) {
        JsonNode v = n.path(field);
        if (!v.isTextual()) {
            throw new ReconciliationClient.BackendException(what + ": the answer has no text field " + field + ": " + n);
        }
        return v.asText();
    }

    @Override
    public ReconciliationClient.Enrolment enrol(byte[] publicKey, FormFactor formFactor, String holder, Limits limits) {
        String what = "enrol " + holder + "'s wallet";
        JsonNode j = expect(send("POST", "/v1/wallets", ApiRequests.enrolment(publicKey, formFactor, holder, limits), true), what, 201).body();
        return new ReconciliationClient.Enrolment(WalletId.parse(text(j, "walletId", what)), Certificate.decode(Hex.parse(text(j, "certificate", what))),
                SyncAck.decode(Hex.parse(text(j, "initialAck", what))));
    }

    @Override
    public void deposit(WalletId wallet, long amount) {
        expect(send("POST", "/v1/wallets/" + wallet.hex() + "/deposits", ApiRequests.amount(amount), true), "deposit into " + wallet, 200, 201);
    }

    @Override
    public LoadToken loadToken(WalletId wallet, long amount) {
        String what = "issue a load token for " + wallet;
        JsonNode j = expect(send("POST", "/v1/wallets/" + wallet.hex() + "/load-tokens", ApiRequests.amount(amount), true), what, 200, 201).body();
        return LoadToken.decode(Hex.parse(text(j, "token", what)));
    }

    /** Uploads a wallet's records; the backend's acknowledgement, or its refusal (a fork, a double spend). */
    ReconciliationClient.Upload upload(WalletId wallet, List<WalletClient.StoredRecord> records, Long blocklistSeq) {
        int replica = (int) (uploadsSent.getAndIncrement() % bases.size());
        uploadsPerBase.incrementAndGet(replica);
        Answer a = send(bases.get(replica), "POST", "/v1/wallets/" + wallet.hex() + "/sync", ApiRequests.sync(records, blocklistSeq), false);
        if (a.status() == 200) {
            String what = "sync " + wallet;
            JsonNode j = a.body();
            return new ReconciliationClient.Upload(new ReconciliationClient.SyncResult(j.path("accepted").asInt(), j.path("duplicates").asInt(),
                    j.path("pending").asInt(), j.path("ackCounter").asLong(), SyncAck.decode(Hex.parse(text(j, "ack", what))),
                    j.path("blocklistVersion").asLong()), null);
        }
        if (a.status() >= 500 || !a.body().isObject()) {
            throw new ReconciliationClient.BackendException("sync " + wallet + ": HTTP " + a.status() + " " + a.text());
        }
        return new ReconciliationClient.Upload(null, new ReconciliationClient.Refusal(a.status(), a.body().path("type").asText(),
                a.body().path("detail").asText()));
    }

    /** Every payment the backend holds in which {@code wallet} is payer or payee. */
    List<ReconciliationClient.PaymentView> payments(WalletId wallet) {
        String what = "list payments of " + wallet;
        JsonNode j = expect(send("GET", "/v1/payments?walletId=" + wallet.hex(), null, true), what, 200).body();
        JsonNode rows = j.isArray() ? j : j.path("payments");
        List<ReconciliationClient.PaymentView> out = new ArrayList<>();
        for (JsonNode n : rows) {
            out.add(new ReconciliationClient.PaymentView(WalletId.parse(text(n, "payerId", what)), n.path("payerCounter").asLong(),
                    WalletId.parse(text(n, "payeeId", what)), n.path("amount").asLong(), text(n, "status", what),
                    n.path("reportedByPayer").asBoolean(false), n.path("reportedByPayee").asBoolean(false)));
        }
        return out;
    }
}
