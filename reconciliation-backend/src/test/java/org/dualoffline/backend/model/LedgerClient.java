package org.dualoffline.backend.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dualoffline.backend.testing.Upload;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.WalletId;

/**
 * The few requests a history makes, over one keep-alive HTTP client (thousands of tries: the
 * property tests cannot afford a RestAssured request each). Every answer is returned as it came,
 * status and body, for the caller to hold against the model.
 */
final class LedgerClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String operatorToken;

    LedgerClient(String baseUrl, String operatorToken) {
        this.baseUrl = baseUrl;
        this.operatorToken = operatorToken;
    }

    /** An answer: status, content type and body. */
    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Answer enrol(byte[] publicKey, String holder) {
        return post("/v1/wallets", Map.of("publicKey", Hex.of(publicKey), "formFactor", "CARD", "holder", holder), true);
    }

    Answer deposit(WalletId id, long amount) {
        return post("/v1/wallets/" + id.hex() + "/deposits", Map.of("amount", amount), true);
    }

    Answer loadToken(WalletId id, long amount) {
        return post("/v1/wallets/" + id.hex() + "/load-tokens", Map.of("amount", amount), true);
    }

    Answer sync(WalletId id, List<Upload> records) {
        return post("/v1/wallets/" + id.hex() + "/sync", Upload.body(records), false);
    }

    Answer exposure(String walletHex) {
        return send(request("/v1/wallets/" + walletHex + "/exposure", true).GET().build());
    }

    Answer audit() {
        return send(request("/v1/audit", true).GET().build());
    }

    private Answer post(String path, Object body, boolean operator) {
        try {
            return send(request(path, operator).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path, boolean operator) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        return operator ? b.header("Authorization", "Bearer " + operatorToken) : b;
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
