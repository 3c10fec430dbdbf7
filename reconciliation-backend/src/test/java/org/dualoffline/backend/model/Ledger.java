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
 * The reference model of the backend's ledger: protocol spec section 7 (upload rules, the balance
 * of a wallet's chain), 7.1 (double spending, clones and broken SEs) and 7.2 (the audit) in plain
 * Java, no database, no concurrency. It says what every request must answer and what the ledger
 * must hold after it; {@link LedgerView} turns that into the rows and the audit to compare with
 * the backend's, {@link LedgerSettlement} works out what accepted entries do. An upload is worked
 * out on a copy and adopted only when it is accepted: a refused upload changes nothing but the
 * conflict it records.
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
    static final class Refused extends RuntimeException {
        final int status;
        final ConflictRow conflict;

        Refused(int status, ConflictRow conflict, String why) {
            super(why, null, false, false);
            this.status = status;
            this.conflict = conflict;
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
            // 7.1: "An upload carrying an entry at counter k or beyond that the backend does not hold as accepted is refused"
            if (r.counter() >= closedBefore && (held == null || !held.accepted())) {
                throw new Refused(409, null, "closed chain: #" + r.counter() + " is at or beyond #" + closedBefore);
            }
            if (held != null) {
                if (!held.hash().equals(r.hash())) {
                    throw conflict(Conflict.FORK, id, r, held.hash(), "a different entry #" + r.counter() + " is held");
                }
                duplicates++;
            } else if (r.counter() == w.lastCounter + 1) {
                // 7.1: "stored pending entries from k on are never accepted"
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
        // 7: "A PAY or UNLOAD entry whose amount is more than the balance of the chain before it is an overspend", judged
        // when it joins the accepted chain; the evidence is "the hash of the accepted entry before it" (7.1)
        String previous = headBefore;
        for (Rec r : now) {
            long amount = r.entry().amount();
            if ((isType(r, EntryType.PAY) || isType(r, EntryType.UNLOAD)) && amount > w.balance) {
                throw conflict(Conflict.OVERSPEND, id, r, previous, "#" + r.counter() + " takes " + amount + " of " + w.balance);
            }
            w.balance += LedgerView.signedAmount(r.entry());
            previous = r.hash();
        }
        LedgerSettlement.settle(this, id, w, now);
        return Outcome.ok(now.size(), duplicates, w.pending());
    }

    static Refused conflict(Conflict kind, String wallet, Rec r, String knownHash, String why) {
        return new Refused(409, new ConflictRow(wallet, r.counter(), kind, r.hash(), knownHash), kind + ": " + why);
    }

    static boolean isType(Rec r, EntryType t) {
        return r.entry().type() == t;
    }
}
