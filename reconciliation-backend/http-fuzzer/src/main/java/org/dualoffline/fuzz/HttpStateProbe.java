package org.dualoffline.fuzz;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of a backend as its API shows it to the operator: the audit and, when
 * {@link #watching}, the blocklist and each of the fuzzer's wallets (balances, chain head, limits,
 * status). What "no row changed" becomes against a backend whose database the fuzzer cannot read.
 * Its requests go on a connection of their own.
 */
public final class HttpStateProbe implements StateProbe, AutoCloseable {
    private final RawHttp http;
    private final String token;
    private final List<String> paths = new ArrayList<>(List.of("/v1/audit"));
    private int exchanges;

    public HttpStateProbe(URI baseUrl, String token, Duration timeout) {
        this.http = new RawHttp(baseUrl, timeout);
        this.token = token;
    }

    /** Also shows the blocklist and these wallets ({@code GET /v1/wallets/{id}}); without, the audit alone. */
    public HttpStateProbe watching(List<String> walletIds) {
        paths.add("/v1/blocklist?after=0");
        walletIds.forEach(id -> paths.add("/v1/wallets/" + id));
        return this;
    }

    /** Requests the probe has sent. */
    public int exchanges() {
        return exchanges;
    }

    @Override
    public String snapshot() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String path : paths) {
            FuzzRequest r = FuzzRequest.of("GET", path, http.hostHeader()).withBearer(token);
            exchanges++;
            RawResponse answer = http.exchange(r.bytes(), false);
            sb.append(path).append(" -> ").append(answer.status()).append(' ').append(new String(answer.body(), StandardCharsets.UTF_8))
                    .append('\n');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        http.close();
    }
}
