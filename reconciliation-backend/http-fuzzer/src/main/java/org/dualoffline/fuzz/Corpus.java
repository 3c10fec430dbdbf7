package org.dualoffline.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.Seeds;
import org.dualoffline.protocol.SignedEntry;

/**
 * The valid requests the fuzzer starts from, one or more for every route of the API, made against
 * the backend under test through its API alone: three wallets enrolled (software keys), funded,
 * loaded, one paying another, both uploads accepted; a fourth key kept for an enrolment; the third
 * wallet is the one the blocklist request names.
 *
 * @param requests    valid requests, operator ones with the token
 * @param enrolments  enrolments of keys not enrolled yet, each valid once: so that mutated ones reach the database too
 * @param walletIds   the wallets the setup enrolled, for {@link HttpStateProbe}
 * @param exchanges   requests the setup sent
 */
public record Corpus(List<FuzzRequest> requests, List<FuzzRequest> enrolments, List<String> walletIds, int exchanges) {
    private static final int FRESH_KEYS = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Enrols, funds and syncs the fuzzer's wallets on the backend behind {@code http}, with keys
     * from {@code seed}; when a run with the same seed enrolled them before, with the keys of the
     * next attempt. Fails with the answer that went wrong.
     */
    public static Corpus prepare(RawHttp http, String token, long seed) throws IOException {
        Setup s = new Setup(http, token);
        for (int attempt = 0; ; attempt++) {
            SecureRandom random = Seeds.secureRandom(seed + 1_000_003L * attempt);
            SoftWallet first = new SoftWallet(random);
            RawResponse enrolled = s.send(s.enrolment(first, "Fuzz Alice"));
            if (enrolled.status() == 409 && attempt < 50) {
                continue; // this seed's keys are enrolled already: a run before this one
            }
            return prepare(s, s.enrolled(first, s.expect(enrolled, 201, "enrol a wallet")), random);
        }
    }

    private static Corpus prepare(Setup s, SoftWallet a, SecureRandom random) throws IOException {
        String token = s.token;
        RawHttp http = s.http;
        SoftWallet b = s.enrol(new SoftWallet(random), "Fuzz Bob");
        SoftWallet c = s.enrol(new SoftWallet(random), "Fuzz Carol");
        SoftWallet d = new SoftWallet(random);
        String ida = a.id().hex();
        String idb = b.id().hex();
        SignedEntry loadA = a.load(s.fund(ida));
        SignedEntry loadB = b.load(s.fund(idb));
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        SignedEntry pay = a.pay(b.id(), 300, nonce);
        SignedEntry receive = b.receive(pay);
        String syncA = "{\"records\":[" + record(loadA) + "," + record(pay) + "],\"blocklistSeq\":0}";
        String syncB = "{\"records\":[" + record(loadB) + ",{\"entry\":\"" + Hex.of(receive.entryBytes()) + "\",\"signature\":\""
                + Hex.of(receive.signature()) + "\",\"peerEntry\":\"" + Hex.of(pay.entryBytes()) + "\",\"peerSignature\":\""
                + Hex.of(pay.signature()) + "\"}]}";
        s.expect(s.send(s.post("/v1/wallets/" + ida + "/sync", syncA, null)), 200, "upload wallet A's entries");
        s.expect(s.send(s.post("/v1/wallets/" + idb + "/sync", syncB, null)), 200, "upload wallet B's entries");

        String host = http.hostHeader();
        List<FuzzRequest> seeds = new ArrayList<>(List.of(
                FuzzRequest.of("GET", "/v1/health", host),
                FuzzRequest.of("GET", "/v1/issuer", host),
                FuzzRequest.of("GET", "/v1/openapi.json", host),
                s.post("/v1/wallets", "{\"publicKey\":\"" + d.publicKeyHex() + "\",\"formFactor\":\"PHONE_ESE\",\"holder\":\"Fuzz Dan\","
                        + "\"limits\":{\"maxSingle\":5000,\"receivePolicy\":\"HELD_UNTIL_SYNC\"}}", token),
                FuzzRequest.of("GET", "/v1/wallets/" + ida, host).withBearer(token),
                s.post("/v1/wallets/" + ida + "/deposits", "{\"amount\":100}", token),
                s.post("/v1/wallets/" + ida + "/load-tokens", "{\"amount\":100}", token),
                s.post("/v1/wallets/" + ida + "/sync", syncA, null),
                s.post("/v1/wallets/" + idb + "/sync", syncB, null),
                s.post("/v1/wallets/" + ida + "/limits", "{\"maxSingle\":5000,\"maxCumulative\":20000,\"maxCount\":10,\"holdingCap\":50000,"
                        + "\"pinFreeThreshold\":1000,\"receivePolicy\":\"SPENDABLE_AT_ONCE\"}", token).withMethod("PUT"),
                FuzzRequest.of("GET", "/v1/wallets/" + ida + "/exposure", host).withBearer(token),
                FuzzRequest.of("GET", "/v1/payments?walletId=" + ida, host).withBearer(token),
                s.post("/v1/blocklist", "{\"walletId\":\"" + c.id().hex() + "\",\"detail\":\"reported lost\"}", token),
                s.post("/v1/blocklist", "{\"walletId\":\"" + idb + "\",\"detail\":\"reported stolen\"}", token),
                FuzzRequest.of("GET", "/v1/blocklist?after=0", host).withBearer(token),
                FuzzRequest.of("GET", "/v1/audit", host).withBearer(token)));
        List<FuzzRequest> enrolments = new ArrayList<>();
        for (int i = 0; i < FRESH_KEYS; i++) {
            enrolments.add(s.post("/v1/wallets", "{\"publicKey\":\"" + new SoftWallet(random).publicKeyHex() + "\",\"formFactor\":\"WEARABLE\","
                    + "\"holder\":\"Fuzz holder " + i + "\"}", token));
        }
        return new Corpus(List.copyOf(seeds), List.copyOf(enrolments), List.of(ida, idb, c.id().hex()), s.exchanges);
    }

    private static String record(SignedEntry e) {
        return "{\"entry\":\"" + Hex.of(e.entryBytes()) + "\",\"signature\":\"" + Hex.of(e.signature()) + "\"}";
    }

    /** The setup's requests, on the fuzzer's connection, each expected to succeed. */
    private static final class Setup {
        private final RawHttp http;
        private final String token;
        private int exchanges;

        Setup(RawHttp http, String token) {
            this.http = http;
            this.token = token;
        }

        SoftWallet enrol(SoftWallet w, String holder) throws IOException {
            return enrolled(w, expect(send(enrolment(w, holder)), 201, "enrol a wallet"));
        }

        FuzzRequest enrolment(SoftWallet w, String holder) {
            return post("/v1/wallets", "{\"publicKey\":\"" + w.publicKeyHex() + "\",\"formFactor\":\"CARD\",\"holder\":\"" + holder + "\"}", token);
        }

        SoftWallet enrolled(SoftWallet w, JsonNode answer) {
            w.personalize(Certificate.decode(Hex.parse(answer.path("certificate").asText())));
            return w;
        }

        LoadToken fund(String walletId) throws IOException {
            expect(send(post("/v1/wallets/" + walletId + "/deposits", "{\"amount\":10000}", token)), 201, "deposit");
            JsonNode t = expect(send(post("/v1/wallets/" + walletId + "/load-tokens", "{\"amount\":1000}", token)), 201, "issue a load token");
            return LoadToken.decode(Hex.parse(t.path("token").asText()));
        }

        FuzzRequest post(String path, String json, String bearer) {
            FuzzRequest r = FuzzRequest.of("POST", path, http.hostHeader()).withJson(json);
            return bearer == null ? r : r.withBearer(bearer);
        }

        RawResponse send(FuzzRequest r) throws IOException {
            exchanges++;
            return http.exchange(r.bytes(), false);
        }

        JsonNode expect(RawResponse r, int status, String what) throws IOException {
            if (r.status() != status) {
                throw new IOException("the fuzzer's setup could not " + what + ": the backend answered " + r.status() + " "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            return JSON.readTree(r.body());
        }
    }
}
