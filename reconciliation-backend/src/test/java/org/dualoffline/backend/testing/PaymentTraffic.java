package org.dualoffline.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.LoadToken;

/**
 * Seeded traffic of a few honest wallets, for the tests that run the standalone backend as a
 * process (crash safety, replicas): wallets enrolled, given a deposit and a load token through
 * the operator API, each with a hash-chained log - its LOAD entry, then in each round a PAY entry
 * to the wallet {@code k} places on and a RECEIVE entry from the one {@code k} places back, and,
 * when asked, an UNLOAD entry at the end - cut into sync request bodies of {@code perUpload}
 * records. The keys and nonces come from the {@link BackendApi}'s seeded random source, the
 * schedule and amounts from the round and the wallet's place: the same seed gives the same traffic.
 */
public final class PaymentTraffic {
    /** One payment, and where its two sides are: the wallet and the place in its log (0 is the LOAD entry). */
    public record Sides(String payer, int payerEntry, String payee, int payeeEntry, long amount) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<TestWallet> wallets = new ArrayList<>();
    /** Each wallet's sync request bodies, in chain order, by wallet id. */
    public final Map<String, List<String>> requests = new LinkedHashMap<>();
    /** The load token each wallet was issued, by wallet id. */
    public final Map<String, LoadToken> tokens = new HashMap<>();
    public final List<Sides> payments = new ArrayList<>();
    private final long loaded;
    private final long unloadEach;
    private long records;

    private PaymentTraffic(long loaded, long unloadEach) {
        this.loaded = loaded;
        this.unloadEach = unloadEach;
    }

    /**
     * Enrols and funds {@code wallets} wallets with {@code loaded} fen each - the i-th through
     * {@code apis[i % n]}, its deposit through the next one, its load token through the one after
     * (one API: all through it) - and signs their logs: {@code rounds} payments out and in each,
     * then an UNLOAD entry of {@code unloadEach} fen when it is positive.
     */
    public static PaymentTraffic enrolFundAndPay(List<BackendApi> apis, int wallets, int rounds, long loaded, long unloadEach,
                                                 int perUpload) {
        PaymentTraffic t = new PaymentTraffic(loaded, unloadEach);
        Map<TestWallet, List<Upload>> logs = new LinkedHashMap<>();
        int n = apis.size();
        for (int i = 0; i < wallets; i++) {
            TestWallet w = apis.get(i % n).enrol("Holder " + i, FormFactor.CARD, null);
            apis.get((i + 1) % n).deposit(w, loaded).then().statusCode(201);
            LoadToken token = apis.get((i + 2) % n).loadToken(w, loaded);
            t.tokens.put(w.id().hex(), token);
            t.wallets.add(w);
            logs.put(w, new ArrayList<>(List.of(Upload.of(w.load(token)))));
        }
        for (int r = 0; r < rounds; r++) {
            int k = 1 + r % (wallets - 1);
            for (int i = 0; i < wallets; i++) {
                TestWallet payer = t.wallets.get(i);
                TestWallet payee = t.wallets.get((i + k) % wallets);
                OfflinePayment p = OfflinePayment.between(payer, payee, 100 + 7L * r + i);
                t.payments.add(new Sides(payer.id().hex(), logs.get(payer).size(), payee.id().hex(), logs.get(payee).size(), p.amount()));
                logs.get(payer).add(p.payerRecord());
                logs.get(payee).add(p.payeeRecord());
            }
        }
        if (unloadEach > 0) {
            for (TestWallet w : t.wallets) {
                logs.get(w).add(Upload.of(w.unload(unloadEach)));
            }
        }
        for (Map.Entry<TestWallet, List<Upload>> log : logs.entrySet()) {
            List<String> bodies = new ArrayList<>();
            List<Upload> all = log.getValue();
            for (int from = 0; from < all.size(); from += perUpload) {
                bodies.add(json(Upload.body(all.subList(from, Math.min(all.size(), from + perUpload)))));
            }
            t.requests.put(log.getKey().id().hex(), bodies);
            t.records += all.size();
        }
        return t;
    }

    /** Every wallet's entries, LOAD, payments and UNLOAD. */
    public long records() {
        return records;
    }

    public long loadedEach() {
        return loaded;
    }

    public long unloadedEach() {
        return unloadEach;
    }

    /** The sum of every payment's amount, in fen. */
    public long paid() {
        return payments.stream().mapToLong(Sides::amount).sum();
    }

    /** The same enrolments and funding, in the same order, at another backend with the same issuer: same ids, same certificates. */
    public void enrolAndFundAgain(BackendApi api) {
        for (TestWallet w : wallets) {
            String certificate = api.enrolRequest(w, FormFactor.CARD, null).then().statusCode(201).extract().jsonPath()
                    .getString("certificate");
            assertThat(certificate).as("certificate of %s at the reference backend", w).isEqualTo(Hex.of(w.certificate().encode()));
            api.deposit(w, loaded).then().statusCode(201);
            assertThat(api.loadToken(w, loaded)).usingRecursiveComparison().isEqualTo(tokens.get(w.id().hex()));
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sync body that Jackson cannot write: " + e.getMessage(), e);
        }
    }
}
