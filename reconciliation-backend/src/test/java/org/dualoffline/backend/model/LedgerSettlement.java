package org.dualoffline.backend.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.backend.model.Ledger.Claim;
import org.dualoffline.backend.model.Ledger.Conflict;
import org.dualoffline.backend.model.Ledger.ConflictRow;
import org.dualoffline.backend.model.Ledger.Payment;
import org.dualoffline.backend.model.Ledger.Rec;
import org.dualoffline.backend.model.Ledger.Refused;
import org.dualoffline.backend.model.Ledger.Token;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Hex;

/**
 * What the entries an upload accepted do in the {@link Ledger}, in chain order (spec 7 and 7.1): a
 * LOAD entry redeems its load token (a second redemption is a conflict), an UNLOAD entry credits
 * the online account, PAY and RECEIVE entries report their payment. The first PAY entry of a
 * (payer, counter) settles; a RECEIVE of a PAY entry the chain received already, or the wallet's
 * own PAY entry contradicting the settled one, refuses the upload (whichever comes first in chain
 * order); the honest payee of a double spend is covered and the payer blocklisted.
 */
final class LedgerSettlement {
    private LedgerSettlement() {}

    /** One side's report of a payment: the PAY entry as that side holds it, and the counter of the entry that reports it. */
    private record Report(Entry pay, String hash, boolean byPayer, long reporterCounter) {
        String key() {
            return pay.walletId().hex() + ":" + pay.counter();
        }
    }

    static void settle(Ledger l, String id, Ledger.Wallet w, List<Rec> now) {
        List<Report> reports = new ArrayList<>();
        for (Rec r : now) {
            Entry e = r.entry();
            switch (e.type()) {
                case LOAD -> redeem(l, id, r);
                case UNLOAD -> {
                    l.unloads.put(id + ":" + e.counter(), new Ledger.Unload(e.amount(), r.hash()));
                    w.online += e.amount();
                }
                case PAY -> reports.add(new Report(e, r.hash(), true, e.counter()));
                case RECEIVE -> reports.add(new Report(r.pay(), r.payHash(), false, e.counter()));
            }
        }
        for (Report r : reports) {
            Payment p = l.payments.get(r.key());
            if (p == null) {
                l.payments.put(r.key(), new Payment(r.pay().walletId().hex(), r.pay().counter(), r.pay().peerId().hex(),
                        r.pay().amount(), r.hash(), r.byPayer(), !r.byPayer()));
            } else if (p.hash().equals(r.hash())) {
                l.payments.put(r.key(), new Payment(p.payer(), p.counter(), p.payee(), p.amount(), p.hash(),
                        p.byPayer() || r.byPayer(), p.byPayee() || !r.byPayer()));
            }
        }
        refuseTheWalletsOwnConflicts(l, id, w, reports);
        for (Report r : reports) {
            String settled = l.payments.get(r.key()).hash();
            if (!settled.equals(r.hash())) { // the honest payee of a double spend: covered, the payer blocklisted
                String payer = r.pay().walletId().hex();
                l.claims.putIfAbsent(r.key() + ":" + r.hash(), new Claim(payer, r.pay().counter(), r.hash(), id, r.reporterCounter(),
                        r.pay().amount()));
                ConflictRow c = new ConflictRow(payer, r.pay().counter(), Conflict.DOUBLE_SPEND, r.hash(), settled);
                l.conflicts.putIfAbsent(c.key(), c);
                l.blocklist.putIfAbsent(payer, Conflict.DOUBLE_SPEND);
            }
        }
    }

    private static void redeem(Ledger l, String id, Rec r) {
        Entry e = r.entry();
        String key = id + ":" + e.peerCounter();
        Token t = l.tokens.get(key);
        if (t == null || t.amount() != e.amount() || !t.bodyHash().equals(Hex.of(e.refHash()))) {
            throw new Refused(422, null, "LOAD #" + e.counter() + " matches no load token");
        }
        if (t.redeemedBy() != 0) {
            throw Ledger.conflict(Conflict.LOAD_TOKEN_REUSED, id, r, null, "load token " + e.peerCounter() + " redeemed twice");
        }
        l.tokens.put(key, new Token(t.amount(), t.bodyHash(), e.counter()));
    }

    /**
     * In chain order, the first of: a RECEIVE of a PAY entry that an earlier accepted RECEIVE of
     * this chain carries (a repeated receive, the evidence the first one's hash); the wallet's own
     * PAY entry contradicting the settled one (a double spend, the evidence the settled hash).
     */
    private static void refuseTheWalletsOwnConflicts(Ledger l, String id, Ledger.Wallet w, List<Report> reports) {
        Map<String, Rec> firstReceive = new LinkedHashMap<>();
        w.records.values().stream().filter(r -> r.accepted() && Ledger.isType(r, EntryType.RECEIVE))
                .forEach(r -> firstReceive.putIfAbsent(r.payHash(), r));
        for (Report r : reports) {
            Rec first = firstReceive.get(r.hash());
            if (!r.byPayer() && first != null && first.counter() < r.reporterCounter()) {
                Rec second = w.records.get(r.reporterCounter());
                throw Ledger.conflict(Conflict.REPEATED_RECEIVE, id, second, first.hash(), "RECEIVE #" + second.counter()
                        + " receives what RECEIVE #" + first.counter() + " received");
            }
            String settled = l.payments.get(r.key()).hash();
            if (r.byPayer() && !settled.equals(r.hash())) {
                throw new Refused(409, new ConflictRow(id, r.pay().counter(), Conflict.DOUBLE_SPEND, r.hash(), settled),
                        "DOUBLE_SPEND: PAY #" + r.pay().counter() + " contradicts the settled one");
            }
        }
    }
}
