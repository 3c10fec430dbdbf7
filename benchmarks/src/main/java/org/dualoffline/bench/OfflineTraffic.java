package org.dualoffline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.CryptoSuite;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.Seeds;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.WalletId;

/**
 * Realistic traffic for the backend, made before the clock starts: wallets enrolled and funded
 * through the operator API (deposit, load token), each with a hash-chained log of exactly
 * {@code recordsPerWallet} signed entries - its LOAD entry, then payments to and from the other
 * wallets of its group: in each round every wallet pays the wallet {@code k} places further on
 * (a PAY entry) and receives from the one {@code k} places back (a RECEIVE entry with the payer's
 * PAY entry beside it), with {@code k}, amounts and payee nonces drawn from one seeded generator;
 * an odd remainder is one round of pairs. Groups (the warm-up wallets, the measured ones) never
 * pay each other. Keys come from {@link Seeds#secureRandom} (one per
 * wallet), signatures are deterministic (RFC 6979): the same seed gives byte-identical traffic,
 * whatever the number of cores that signed it.
 */
final class OfflineTraffic {
    static final long LOAD_AMOUNT = 1_000_000; // fen: 10,000 yuan on each SE
    private static final byte[] ZERO_16 = new byte[16];
    private static final byte[] ZERO_32 = new byte[32];
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One wallet's SE as far as the backend can tell, plus what the benchmark expects the backend to end with. */
    static final class BenchWallet {
        final int index;
        final CryptoSuite.KeyPair keys;
        WalletId id;
        LoadToken loadToken;
        long counter;
        byte[] lastHash;
        long settledOut;
        long settledIn;
        final List<SignedEntry[]> log = new ArrayList<>(); // {entry} or {RECEIVE entry, payer's PAY entry}

        BenchWallet(int index, CryptoSuite.KeyPair keys) {
            this.index = index;
            this.keys = keys;
        }

        SignedEntry write(Entry e, SignedEntry peerPay) {
            byte[] bytes = e.encode();
            SignedEntry signed = new SignedEntry(bytes, P256Sha256.INSTANCE.sign(keys.privateKey(), bytes));
            counter = e.counter();
            lastHash = signed.hash();
            log.add(peerPay == null ? new SignedEntry[] {signed} : new SignedEntry[] {signed, peerPay});
            return signed;
        }

        /** Offline balance the backend should report: loaded - settled out + settled in. */
        long expectedOfflineBalance() {
            return LOAD_AMOUNT - settledOut + settledIn;
        }
    }

    final List<BenchWallet> wallets;
    final int recordsPerWallet;
    long payments;
    long paymentTotal;

    private OfflineTraffic(List<BenchWallet> wallets, int recordsPerWallet) {
        this.wallets = wallets;
        this.recordsPerWallet = recordsPerWallet;
    }

    long records() {
        return (long) wallets.size() * recordsPerWallet;
    }

    /** Keys, enrolment and funding through the API ({@code threads} connections), then the signed logs. */
    static OfflineTraffic create(String baseUrl, int[] groups, int recordsPerWallet, long seed, int threads) {
        int n = 0;
        for (int m : groups) {
            if (m < 2 || recordsPerWallet < 1 || ((recordsPerWallet - 1) % 2 == 1 && m % 2 == 1)) {
                throw new IllegalArgumentException("need groups of at least 2 wallets and 1 record each, and an even number of "
                        + "wallets when the records after the LOAD entry are odd; got " + m + " wallets, " + recordsPerWallet + " records");
            }
            n += m;
        }
        long t0 = System.nanoTime();
        List<BenchWallet> wallets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            wallets.add(null);
        }
        parallel(n, i -> wallets.set(i, new BenchWallet(i, P256Sha256.INSTANCE.generateKeyPair(Seeds.secureRandom(seed * 1_000_003L + i)))));
        progress(t0, "%,d key pairs", n);
        enrolAndFund(baseUrl, wallets, threads);
        progress(t0, "%,d wallets enrolled, funded and loaded with %,d yuan each through the API", n, LOAD_AMOUNT / 100);
        OfflineTraffic t = new OfflineTraffic(wallets, recordsPerWallet);
        t.sign(seed, groups);
        progress(t0, "%,d signed entries in %,d hash chains, %,d payments", t.records(), n, t.payments);
        return t;
    }

    private static void enrolAndFund(String baseUrl, List<BenchWallet> wallets, int threads) {
        AtomicInteger next = new AtomicInteger();
        String token = BenchBackend.OPERATOR_TOKEN;
        runThreads(threads, () -> {
            try (LoopbackHttp http = new LoopbackHttp(baseUrl)) {
                for (int i = next.getAndIncrement(); i < wallets.size(); i = next.getAndIncrement()) {
                    BenchWallet w = wallets.get(i);
                    JsonNode enrolled = call(http, LoopbackHttp.post("/v1/wallets", token, json("{\"publicKey\":\"" + Hex.of(w.keys.publicKey())
                            + "\",\"formFactor\":\"" + (i % 3 == 0 ? "POS" : i % 3 == 1 ? "CARD" : "PHONE_ESE")
                            + "\",\"holder\":\"bench holder " + i + "\"}")), 201);
                    Certificate cert = Certificate.decode(Hex.parse(enrolled.get("certificate").asText()));
                    w.id = cert.walletId();
                    w.lastHash = cert.chainGenesis();
                    String path = "/v1/wallets/" + w.id.hex();
                    byte[] amount = json("{\"amount\":" + LOAD_AMOUNT + "}");
                    call(http, LoopbackHttp.post(path + "/deposits", token, amount), 201);
                    JsonNode loaded = call(http, LoopbackHttp.post(path + "/load-tokens", token, amount), 201);
                    w.loadToken = LoadToken.decode(Hex.parse(loaded.get("token").asText()));
                }
            }
        });
    }

    private static JsonNode call(LoopbackHttp http, byte[] request, int expected) {
        LoopbackHttp.Response r = http.exchange(request);
        if (r.status() != expected) {
            throw new IllegalStateException("set-up request answered " + r.status() + ": " + r.text());
        }
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + r.text(), e);
        }
    }

    /**
     * The logs: LOAD, rounds of payments, maybe one round of pairs - inside each group of wallets
     * (consecutive indices): the groups never pay each other, so a group's uploads hold every
     * report of its payments.
     */
    private void sign(long seed, int[] groups) {
        int n = wallets.size();
        parallel(n, i -> {
            BenchWallet w = wallets.get(i);
            LoadToken t = w.loadToken;
            w.write(new Entry(EntryType.LOAD, w.id, 1, WalletId.NONE, t.amount(), ZERO_16, t.loadSeq(),
                    P256Sha256.INSTANCE.hash(t.body()), w.lastHash), null);
        });
        SecureRandom schedule = Seeds.secureRandom(seed);
        int rounds = (recordsPerWallet - 1) / 2;
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            int[] payeeOf = new int[n];
            for (int g = 0, from = 0; g < groups.length; from += groups[g], g++) {
                int m = groups[g];
                int k = 1 + schedule.nextInt(m - 1);
                for (int i = 0; i < m; i++) {
                    payeeOf[from + i] = from + (i + k) % m;
                }
            }
            round(payeeOf, schedule);
            if (r % 10 == 9) {
                progress(t0, "signing: round %d of %d", r + 1, rounds);
            }
        }
        if ((recordsPerWallet - 1) % 2 == 1) {
            int[] payeeOf = new int[n];
            java.util.Arrays.fill(payeeOf, -1);
            for (int g = 0, from = 0; g < groups.length; from += groups[g], g++) {
                int m = groups[g];
                int[] perm = IntStream.range(from, from + m).toArray();
                for (int i = m - 1; i > 0; i--) {
                    int j = schedule.nextInt(i + 1);
                    int x = perm[i];
                    perm[i] = perm[j];
                    perm[j] = x;
                }
                for (int p = 0; p + 1 < m; p += 2) {
                    payeeOf[perm[p]] = perm[p + 1];
                }
            }
            round(payeeOf, schedule);
        }
    }

    /** One round: wallet i pays payeeOf[i] (none when -1); amounts and nonces drawn in wallet order. */
    private void round(int[] payeeOf, SecureRandom schedule) {
        int n = wallets.size();
        long[] amount = new long[n];
        byte[][] nonce = new byte[n][];
        int[] payerOf = new int[n];
        java.util.Arrays.fill(payerOf, -1);
        for (int i = 0; i < n; i++) {
            if (payeeOf[i] >= 0) {
                amount[i] = 1 + schedule.nextInt(5_000);
                nonce[i] = new byte[16];
                schedule.nextBytes(nonce[i]);
                payerOf[payeeOf[i]] = i;
                payments++;
                paymentTotal += amount[i];
            }
        }
        SignedEntry[] pays = new SignedEntry[n];
        parallel(n, i -> {
            if (payeeOf[i] >= 0) {
                BenchWallet w = wallets.get(i);
                BenchWallet payee = wallets.get(payeeOf[i]);
                pays[i] = w.write(new Entry(EntryType.PAY, w.id, w.counter + 1, payee.id, amount[i], nonce[i], 0, ZERO_32, w.lastHash), null);
                w.settledOut += amount[i];
            }
        });
        parallel(n, j -> {
            int i = payerOf[j];
            if (i >= 0) {
                BenchWallet w = wallets.get(j);
                SignedEntry pay = pays[i];
                Entry p = pay.entry();
                w.write(new Entry(EntryType.RECEIVE, w.id, w.counter + 1, p.walletId(), p.amount(), p.nonce(), p.counter(),
                        pay.hash(), w.lastHash), pay);
                w.settledIn += amount[i];
            }
        });
    }

    /**
     * The sync request bodies of one wallet, {@code perUpload} records each, in log order:
     * {@code {"records":[{"entry":..,"signature":..[,"peerEntry":..,"peerSignature":..]},..]}}.
     */
    static List<byte[]> uploads(BenchWallet w, int perUpload) {
        List<byte[]> out = new ArrayList<>();
        String path = "/v1/wallets/" + w.id.hex() + "/sync";
        for (int from = 0; from < w.log.size(); from += perUpload) {
            StringBuilder sb = new StringBuilder(900 * perUpload).append("{\"records\":[");
            for (int i = from; i < Math.min(w.log.size(), from + perUpload); i++) {
                SignedEntry[] r = w.log.get(i);
                sb.append(i == from ? "" : ",").append("{\"entry\":\"").append(Hex.of(r[0].entryBytes()))
                        .append("\",\"signature\":\"").append(Hex.of(r[0].signature())).append('"');
                if (r.length > 1) {
                    sb.append(",\"peerEntry\":\"").append(Hex.of(r[1].entryBytes()))
                            .append("\",\"peerSignature\":\"").append(Hex.of(r[1].signature())).append('"');
                }
                sb.append('}');
            }
            out.add(LoopbackHttp.post(path, null, json(sb.append("]}").toString())));
        }
        return out;
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs body(i) for i in [0, n) on all cores. */
    static void parallel(int n, IntConsumer body) {
        IntStream.range(0, n).parallel().forEach(body);
    }

    static void runThreads(int threads, Runnable body) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(body));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("set-up failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A progress line on stderr, with the seconds since {@code since} (a System.nanoTime). */
    static void progress(long since, String format, Object... args) {
        System.err.printf("bench: %s (%.1f s)%n", String.format(format, args), (System.nanoTime() - since) / 1e9);
    }
}
