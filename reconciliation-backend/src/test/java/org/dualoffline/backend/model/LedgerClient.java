package org.dualoffline.backend.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dualoffline.backend.testing.Upload;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.WalletId;

/**
 * The few requests a history makes, on keep-alive connections (thousands of tries: the property
 * tests cannot afford a RestAssured request each). Every answer is returned as it came,
 * status and body, for the caller to hold against the model.
 */
final class LedgerClient {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        return send("GET", "/v1/wallets/" + walletHex + "/exposure", null, true);
    }

    Answer audit() {
        return send("GET", "/v1/audit", null, true);
    }

    private Answer post(String path, Object body, boolean operator) {
        try {
            return send("POST", path, JSON.writeValueAsBytes(body), operator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One request on the JDK's keep-alive connections (HttpURLConnection: the cheapest client per request on this JDK). */
    private Answer send(String method, String path, byte[] body, boolean operator) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout(5_000);
            c.setReadTimeout(60_000);
            if (operator) {
                c.setRequestProperty("Authorization", "Bearer " + operatorToken);
            }
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                c.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(status, c.getContentType() == null ? "" : c.getContentType(), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        }
    }
}
