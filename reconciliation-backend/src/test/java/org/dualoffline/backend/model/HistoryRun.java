package org.dualoffline.backend.model;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.backend.testing.Upload;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.CryptoSuite;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.WalletId;

/**
 * Plays one {@link History} against the backend and the {@link Ledger} side by side: the devices
 * are {@link TestWallet}s that sign real entries (hash chains, counters, nonces), every request
 * goes to the backend over HTTP, and every answer must be the one the model gives - a 2xx with
 * the same counts, or the same refusal (409 conflict, 422 unacceptable); a 500, or any answer the
 * model does not give, fails at that step. Two uploads sent at the same moment may be served in
 * either order: the order whose answers the backend gave is the one the model goes on with.
 */
final class HistoryRun {
    private final LedgerClient client;
    private final BackendRows rows;
    private final SecureRandom random;
    private final List<CryptoSuite.KeyPair> keys;
    private final ExecutorService threads;
    private final History history;
    private Ledger ledger = new Ledger();
    private final List<TestWallet> devices = new ArrayList<>();
    private final List<List<Ledger.Sent>> logs = new ArrayList<>();
    private final Map<Integer, LoadToken> lastToken = new HashMap<>();
    private final List<String> answers = new ArrayList<>();
    private final Set<String> refused = new HashSet<>();
    private int step;

    /** @param keys a key pair for each wallet a history can have, by index */
    HistoryRun(LedgerClient client, BackendRows rows, SecureRandom random, List<CryptoSuite.KeyPair> keys, ExecutorService threads,
               History history) {
        this.client = client;
        this.rows = rows;
        this.random = random;
        this.keys = keys;
        this.threads = threads;
        this.history = history;
    }

    /** Plays every step; returns the model, which the backend agreed with at every answer. */
    Ledger play() {
        for (int w = 0; w < history.wallets(); w++) {
            devices.add(history.uses(w) ? enrol(history.names().get(w), keys.get(w)) : null);
            logs.add(new ArrayList<>());
        }
        for (Step s : history.steps()) {
            step++;
            play(s);
        }
        return ledger;
    }

    /** Every upload's answer in short: "accepted", "accepted with duplicates", "accepted, entries pending", "409", "422". */
    List<String> answers() {
        return List.copyOf(answers);
    }

    /** The wallets (hex) whose uploads were refused. */
    Set<String> refused() {
        return Set.copyOf(refused);
    }

    /** The wallet id of every enrolled wallet by index, null for a wallet that takes part in no step (not enrolled). */
    List<WalletId> walletIds() {
        return devices.subList(0, history.wallets()).stream().map(w -> w == null ? null : w.id()).toList();
    }

    private TestWallet enrol(String holder, CryptoSuite.KeyPair key) {
        TestWallet w = new TestWallet(holder, key, random);
        LedgerClient.Answer a = expectStatus(client.enrol(w.publicKey(), holder), 201, "enrolment of " + holder);
        Certificate certificate = Certificate.decode(Hex.parse(a.json().path("certificate").asText()));
        w.personalize(certificate);
        ledger.enrol(w.id(), certificate.chainGenesis());
        return w;
    }

    private void play(Step s) {
        if (s instanceof Step.Fund f) {
            fund(f);
        } else if (s instanceof Step.Pay p) {
            TestWallet payer = devices.get(p.payer());
            TestWallet payee = devices.get(p.payee());
            SignedEntry pay = payer.pay(payee, p.amount(), payee.challenge());
            write(p.payer(), pay, null);
            write(p.payee(), payee.receive(pay), pay);
        } else if (s instanceof Step.Unload u) {
            write(u.device(), devices.get(u.device()).unload(u.amount()), null);
        } else if (s instanceof Step.CloneSe c) {
            devices.add(devices.get(c.device()).cloneSe());
            logs.add(new ArrayList<>(logs.get(c.device())));
        } else if (s instanceof Step.ReceiveAgain r) {
            SignedEntry pay = logs.get(r.payer()).get((int) r.payCounter() - 1).signed();
            write(r.payee(), devices.get(r.payee()).receive(pay), pay);
        } else if (s instanceof Step.ReuseLoadToken r) {
            write(r.device(), devices.get(r.device()).load(lastToken.get(history.walletOf().get(r.device()))), null);
        } else if (s instanceof Step.Upload u) {
            List<Ledger.Sent> sent = sent(u);
            LedgerClient.Answer a = client.sync(walletOf(u), uploads(sent));
            expect(a, ledger.upload(walletOf(u), sent), u);
        } else if (s instanceof Step.Concurrently c) {
            concurrently(c);
        }
    }

    /** Deposit, load token, the SE's LOAD entry: each answer as the model says. */
    private void fund(Step.Fund f) {
        TestWallet w = devices.get(f.device());
        expectStatus(client.deposit(w.id(), f.amount()), 201, "deposit");
        ledger.deposit(w.id(), f.amount());
        LedgerClient.Answer a = expectStatus(client.loadToken(w.id(), f.amount()), 201, "load token");
        LoadToken token = LoadToken.decode(Hex.parse(a.json().path("token").asText()));
        long loadSeq = ledger.issueLoadToken(w.id(), f.amount(), P256Sha256.INSTANCE.hash(token.body()));
        check(token.loadSeq() == loadSeq, "the load token has sequence " + token.loadSeq() + ", the model says " + loadSeq);
        lastToken.put(history.walletOf().get(f.device()), token);
        write(f.device(), w.load(token), null);
    }

    private void concurrently(Step.Concurrently c) {
        List<Ledger.Sent> first = sent(c.first());
        List<Ledger.Sent> second = sent(c.second());
        CountDownLatch go = new CountDownLatch(1);
        Future<LedgerClient.Answer> a1 = threads.submit(() -> {
            go.await();
            return client.sync(walletOf(c.first()), uploads(first));
        });
        Future<LedgerClient.Answer> a2 = threads.submit(() -> {
            go.await();
            return client.sync(walletOf(c.second()), uploads(second));
        });
        go.countDown();
        LedgerClient.Answer one = await(a1);
        LedgerClient.Answer two = await(a2);
        Ledger firstThenSecond = ledger.copy();
        Ledger.Outcome o1 = firstThenSecond.upload(walletOf(c.first()), first);
        Ledger.Outcome o2 = firstThenSecond.upload(walletOf(c.second()), second);
        Ledger secondThenFirst = ledger.copy();
        Ledger.Outcome p2 = secondThenFirst.upload(walletOf(c.second()), second);
        Ledger.Outcome p1 = secondThenFirst.upload(walletOf(c.first()), first);
        boolean inOrder = matches(one, o1) && matches(two, o2);
        boolean reversed = matches(one, p1) && matches(two, p2);
        check(inOrder || reversed, "the answers " + one + " and " + two + " fit neither order: the model answers " + o1 + ", " + o2
                + " in the order given and " + p1 + ", " + p2 + " the other way round");
        if (inOrder && reversed && !LedgerView.rows(firstThenSecond).equals(LedgerView.rows(secondThenFirst))) {
            // the same answers either way, different ledgers: the backend's rows say which order it took
            Map<String, List<String>> actual = rows.read();
            inOrder = actual.equals(LedgerView.rows(firstThenSecond));
            check(inOrder || actual.equals(LedgerView.rows(secondThenFirst)), "the backend's rows fit neither order: " + actual);
        }
        ledger = inOrder ? firstThenSecond : secondThenFirst;
        note(walletOf(c.first()), inOrder ? o1 : p1);
        note(walletOf(c.second()), inOrder ? o2 : p2);
        answers.add("concurrent");
    }

    private LedgerClient.Answer await(Future<LedgerClient.Answer> f) {
        try {
            return f.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("step " + step + ": a concurrent upload failed: " + e, e);
        }
    }

    private void write(int device, SignedEntry entry, SignedEntry pay) {
        logs.get(device).add(new Ledger.Sent(entry, pay));
        check(logs.get(device).size() == entry.entry().counter(), "device " + history.names().get(device) + " wrote entry #"
                + entry.entry().counter() + " as its " + logs.get(device).size() + "th");
    }

    private List<Ledger.Sent> sent(Step.Upload u) {
        return u.counters().stream().map(c -> logs.get(u.device()).get(c.intValue() - 1)).toList();
    }

    private static List<Upload> uploads(List<Ledger.Sent> sent) {
        return sent.stream().map(s -> s.pay() == null ? Upload.of(s.signed()) : Upload.receipt(s.signed(), s.pay())).toList();
    }

    private WalletId walletOf(Step.Upload u) {
        return devices.get(u.device()).id();
    }

    private void expect(LedgerClient.Answer a, Ledger.Outcome o, Step.Upload u) {
        check(matches(a, o), u.describe(history.names()) + ": the model answers " + o + ", the backend " + a);
        note(walletOf(u), o);
        check(o.status() == 200 || history.adversarial(), "an upload of an honest history is refused: " + a);
    }

    private void note(WalletId wallet, Ledger.Outcome o) {
        if (o.status() != 200) {
            refused.add(wallet.hex());
        }
        answers.add(o.status() != 200 ? o.status() + (o.why().startsWith("closed chain") ? " closed chain" : "")
                : o.pending() > 0 ? "accepted, entries pending" : o.duplicates() > 0 ? "accepted with duplicates" : "accepted");
    }

    static boolean matches(LedgerClient.Answer a, Ledger.Outcome o) {
        if (a.status() != o.status()) {
            return false;
        }
        if (o.status() == 200) {
            var j = a.json();
            return j.path("accepted").asInt() == o.accepted() && j.path("duplicates").asInt() == o.duplicates()
                    && j.path("pending").asInt() == o.pending();
        }
        Failure f = o.status() == 409 ? Failure.FORK_OR_DOUBLE_SPEND : Failure.UNACCEPTABLE_ENTRY;
        return a.contentType().startsWith("application/problem+json") && a.json().path("type").asText().equals(f.type());
    }

    private LedgerClient.Answer expectStatus(LedgerClient.Answer a, int status, String what) {
        check(a.status() == status, what + " answered " + a + ", expected " + status);
        return a;
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("step " + step + ": " + what);
        }
    }
}
