package org.dualoffline.backend.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.WalletId;

/**
 * The reference model of the backend's ledger: protocol spec section 7 (upload rules) and 7.1
 * (double spending and clones) in plain Java, no database, no concurrency. It says what every
 * request must answer and what the ledger must hold after it; {@link LedgerView} turns that into
 * the rows and the audit to compare with the backend's. An upload is worked out on a copy and
 * adopted only when it is accepted: a refused upload changes nothing but the conflict it records.
 */
final class Ledger {
    /** Why a wallet is refused and blocklisted (spec 7.1). */
    enum Conflict {
        FORK, CHAIN_BREAK, DOUBLE_SPEND, LOAD_TOKEN_REUSED, OVERSPEND, REPEATED_RECEIVE;

        /** The kinds that show an SE signing what it likes: the wallet's chain is closed before the entry (7.1, a closed chain). */
        boolean closesChain() {
            return this == OVERSPEND || this == REPEATED_RECEIVE;
        }
    }

    /** One uploaded record: a signed entry, and beside a RECEIVE entry the payer's signed PAY entry. */
    record Sent(SignedEntry signed, SignedEntry pay) {
        Entry entry() {
            return signed.entry();
        }
    }

    /** An entry the backend holds in a wallet's log. */
    record Rec(Entry entry, String hash, Entry pay, String payHash, boolean accepted) {
        static Rec of(Sent s) {
            return new Rec(s.entry(), Hex.of(s.signed().hash()), s.pay() == null ? null : s.pay().entry(),
                    s.pay() == null ? null : Hex.of(s.pay().hash()), false);
        }

        Rec accept() {
            return new Rec(entry, hash, pay, payHash, true);
        }

        long counter() {
            return entry.counter();
        }

        String prevHash() {
            return Hex.of(entry.prevHash());
        }
    }

    static final class Wallet {
        long online;
        long loadedTotal;
        long loadSeq;
        long lastCounter;
        String lastHash;
        /** The balance of the accepted chain, kept entry by entry (spec 7, the balance of a wallet's chain). */
        long balance;
        final TreeMap<Long, Rec> records = new TreeMap<>();

        Wallet copy() {
            Wallet w = new Wallet();
            w.balance = balance;
            w.online = online;
            w.loadedTotal = loadedTotal;
            w.loadSeq = loadSeq;
            w.lastCounter = lastCounter;
            w.lastHash = lastHash;
            w.records.putAll(records);
            return w;
        }

        int pending() {
            return (int) records.values().stream().filter(r -> !r.accepted()).count();
        }
    }

    record Token(long amount, String bodyHash, long redeemedBy) {}

    record Payment(String payer, long counter, String payee, long amount, String hash, boolean byPayer, boolean byPayee) {}

    record Claim(String payer, long counter, String hash, String payee, long payeeCounter, long amount) {}

    record Unload(long amount, String hash) {}

    /** A recorded conflict: the offending entry, and the hash of the entry the backend knew in its place (null: none). */
    record ConflictRow(String wallet, long counter, Conflict kind, String hash, String knownHash) {
        String key() {
            return wallet + ":" + counter + ":" + hash + ":" + kind;
        }
    }

    /** What a request must be answered with: 2xx with the upload's counts, or a refusal (409 conflict, 422 unacceptable). */
    record Outcome(int status, int accepted, int duplicates, int pending, String why) {
        static Outcome ok(int accepted, int duplicates, int pending) {
            return new Outcome(200, accepted, duplicates, pending, "");
        }
    }

    /** A refusal found while working out an upload; {@code conflict} is recorded and its wallet blocklisted. */
    private static final class Refused extends RuntimeException {
        final int status;
        final ConflictRow conflict;

        Refused(int status, ConflictRow conflict, String why) {
            super(why, null, false, false);
            this.status = status;
            this.conflict = conflict;
        }
    }

    private record Report(Entry pay, String hash, boolean byPayer, long reporterCounter) {
        String key() {
            return pay.walletId().hex() + ":" + pay.counter();
        }
    }

    Map<String, Wallet> wallets = new LinkedHashMap<>();
    Map<String, Token> tokens = new LinkedHashMap<>();
    List<String[]> deposits = new ArrayList<>();
    Map<String, Payment> payments = new LinkedHashMap<>();
    Map<String, Claim> claims = new LinkedHashMap<>();
    Map<String, Conflict> blocklist = new LinkedHashMap<>();
    /** Once per (wallet, counter, entry, kind): the first evidence stays. */
    Map<String, ConflictRow> conflicts = new LinkedHashMap<>();
    Map<String, Unload> unloads = new LinkedHashMap<>();

    Ledger copy() {
        Ledger l = new Ledger();
        wallets.forEach((k, w) -> l.wallets.put(k, w.copy()));
        l.tokens.putAll(tokens);
        l.deposits.addAll(deposits);
        l.payments.putAll(payments);
        l.claims.putAll(claims);
        l.blocklist.putAll(blocklist);
        l.conflicts.putAll(conflicts);
        l.unloads.putAll(unloads);
        return l;
    }

    void enrol(WalletId id, byte[] genesis) {
        Wallet w = new Wallet();
        w.lastHash = Hex.of(genesis);
        wallets.put(id.hex(), w);
    }

    void deposit(WalletId id, long amount) {
        deposits.add(new String[] {id.hex(), Long.toString(amount)});
        wallets.get(id.hex()).online += amount;
    }

    /** The load sequence of the token, or -1 when the online balance is short (422). */
    long issueLoadToken(WalletId id, long amount, byte[] bodyHash) {
        Wallet w = wallets.get(id.hex());
        if (w.online < amount) {
            return -1;
        }
        w.online -= amount;
        w.loadedTotal += amount;
        w.loadSeq++;
        tokens.put(id.hex() + ":" + w.loadSeq, new Token(amount, Hex.of(bodyHash), 0));
        return w.loadSeq;
    }

    Outcome upload(WalletId walletId, List<Sent> uploaded) {
        Ledger tx = copy();
        try {
            Outcome o = tx.apply(walletId.hex(), uploaded);
            adopt(tx);
            return o;
        } catch (Refused r) {
            if (r.conflict != null) {
                conflicts.putIfAbsent(r.conflict.key(), r.conflict);
                blocklist.putIfAbsent(r.conflict.wallet(), r.conflict.kind());
            }
            return new Outcome(r.status, 0, 0, 0, r.getMessage());
        }
    }

    /** The counter before which the wallet's chain is closed: the lowest of its OVERSPEND and REPEATED_RECEIVE conflicts. */
    long closedBefore(String wallet) {
        return conflicts.values().stream().filter(c -> c.wallet().equals(wallet) && c.kind().closesChain())
                .mapToLong(ConflictRow::counter).min().orElse(Long.MAX_VALUE);
    }

    private void adopt(Ledger tx) {
        wallets = tx.wallets;
        tokens = tx.tokens;
        deposits = tx.deposits;
        payments = tx.payments;
        claims = tx.claims;
        blocklist = tx.blocklist;
        conflicts = tx.conflicts;
        unloads = tx.unloads;
    }

    /**
     * Spec 7, upload rules: the chain in counter order (a closed chain takes nothing from its
     * closure on, 7.1), the balance of the chain as entries join it (an overspend, 7.1), what the
     * newly accepted entries do, then settlement (7.1). Where several conflicts are in one upload,
     * the spec does not say which is the one recorded; the model takes them in the backend's order:
     * the chain in counter order, then the balance, then load tokens, then the payments in chain
     * order.
     */
    private Outcome apply(String id, List<Sent> uploaded) {
        Wallet w = wallets.get(id);
        long closedBefore = closedBefore(id);
        String headBefore = w.lastHash;
        List<Sent> inCounterOrder = uploaded.stream().sorted(Comparator.comparingLong(s -> s.entry().counter())).toList();
        List<Rec> now = new ArrayList<>();
        int duplicates = 0;
        for (Sent s : inCounterOrder) {
            Rec r = Rec.of(s);
            Rec held = w.records.get(r.counter());
            if (r.counter() >= closedBefore && (held == null || !held.accepted())) {
                throw new Refused(409, null, "closed chain: #" + r.counter() + " is at or beyond #" + closedBefore);
            }
            if (held != null) {
                if (!held.hash().equals(r.hash())) {
                    throw conflict(Conflict.FORK, id, r, held.hash(), "a different entry #" + r.counter() + " is held");
                }
                duplicates++;
            } else if (r.counter() == w.lastCounter + 1) {
                for (Rec next = r; next != null && next.counter() < closedBefore; next = w.records.get(w.lastCounter + 1)) {
                    if (!next.prevHash().equals(w.lastHash)) {
                        throw conflict(Conflict.CHAIN_BREAK, id, next, w.lastHash, "#" + next.counter() + " does not chain to the head");
                    }
                    w.records.put(next.counter(), next.accept());
                    w.lastCounter = next.counter();
                    w.lastHash = next.hash();
                    now.add(next);
                }
            } else {
                w.records.put(r.counter(), r);
            }
        }
        String previous = headBefore;
        for (Rec r : now) {
            long amount = r.entry().amount();
            if ((isType(r, EntryType.PAY) || isType(r, EntryType.UNLOAD)) && amount > w.balance) {
                throw conflict(Conflict.OVERSPEND, id, r, previous, "#" + r.counter() + " takes " + amount + " of " + w.balance);
            }
            w.balance += LedgerView.signedAmount(r.entry());
            previous = r.hash();
        }
        settle(id, w, now);
        return Outcome.ok(now.size(), duplicates, w.pending());
    }

    private void settle(String id, Wallet w, List<Rec> now) {
        List<Report> reports = new ArrayList<>();
        for (Rec r : now) {
            Entry e = r.entry();
            switch (e.type()) {
                case LOAD -> {
                    String key = id + ":" + e.peerCounter();
                    Token t = tokens.get(key);
                    if (t == null || t.amount() != e.amount() || !t.bodyHash().equals(Hex.of(e.refHash()))) {
                        throw new Refused(422, null, "LOAD #" + e.counter() + " matches no load token");
                    }
                    if (t.redeemedBy() != 0) {
                        throw conflict(Conflict.LOAD_TOKEN_REUSED, id, r, null, "load token " + e.peerCounter() + " redeemed twice");
                    }
                    tokens.put(key, new Token(t.amount(), t.bodyHash(), e.counter()));
                }
                case UNLOAD -> {
                    unloads.put(id + ":" + e.counter(), new Unload(e.amount(), r.hash()));
                    w.online += e.amount();
                }
                case PAY -> reports.add(new Report(e, r.hash(), true, e.counter()));
                case RECEIVE -> reports.add(new Report(r.pay(), r.payHash(), false, e.counter()));
            }
        }
        // the first PAY entry of a (payer, counter) that reaches the backend settles, from whichever side (7.1)
        for (Report r : reports) {
            Payment p = payments.get(r.key());
            if (p == null) {
                payments.put(r.key(), new Payment(r.pay().walletId().hex(), r.pay().counter(), r.pay().peerId().hex(), r.pay().amount(),
                        r.hash(), r.byPayer(), !r.byPayer()));
            } else if (p.hash().equals(r.hash())) {
                payments.put(r.key(), new Payment(p.payer(), p.counter(), p.payee(), p.amount(), p.hash(), p.byPayer() || r.byPayer(),
                        p.byPayee() || !r.byPayer()));
            }
        }
        // in chain order, the first of: a RECEIVE of a PAY entry the chain received already, the wallet's own PAY entry
        // contradicting the settled one - either refuses the upload
        Map<String, Rec> firstReceive = new LinkedHashMap<>();
        w.records.values().stream().filter(r -> r.accepted() && isType(r, EntryType.RECEIVE)).forEach(r -> firstReceive.putIfAbsent(r.payHash(), r));
        for (Report r : reports) {
            Rec first = firstReceive.get(r.hash());
            if (!r.byPayer() && first != null && first.counter() < r.reporterCounter()) {
                Rec second = w.records.get(r.reporterCounter());
                throw conflict(Conflict.REPEATED_RECEIVE, id, second, first.hash(), "RECEIVE #" + second.counter() + " receives again");
            }
            String settled = payments.get(r.key()).hash();
            if (r.byPayer() && !settled.equals(r.hash())) {
                throw new Refused(409, new ConflictRow(id, r.pay().counter(), Conflict.DOUBLE_SPEND, r.hash(), settled),
                        "PAY #" + r.pay().counter() + " contradicts the settled one");
            }
        }
        for (Report r : reports) { // an honest payee of a double spend: covered, the payer blocklisted
            String settled = payments.get(r.key()).hash();
            if (!settled.equals(r.hash())) {
                String payer = r.pay().walletId().hex();
                claims.putIfAbsent(r.key() + ":" + r.hash(), new Claim(payer, r.pay().counter(), r.hash(), id, r.reporterCounter(),
                        r.pay().amount()));
                ConflictRow c = new ConflictRow(payer, r.pay().counter(), Conflict.DOUBLE_SPEND, r.hash(), settled);
                conflicts.putIfAbsent(c.key(), c);
                blocklist.putIfAbsent(payer, Conflict.DOUBLE_SPEND);
            }
        }
    }

    private static Refused conflict(Conflict kind, String wallet, Rec r, String knownHash, String why) {
        return new Refused(409, new ConflictRow(wallet, r.counter(), kind, r.hash(), knownHash), kind + ": " + why);
    }

    static boolean isType(Rec r, EntryType t) {
        return r.entry().type() == t;
    }
}
