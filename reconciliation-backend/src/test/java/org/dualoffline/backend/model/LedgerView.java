package org.dualoffline.backend.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.protocol.Entry;

/**
 * The {@link Ledger} as the backend's tables would show it ({@link BackendRows} reads the same
 * rows from the database, in the same text form) and as its audit must sum it up (spec 7:
 * total issued = deposits + issuer cover = online accounts + offline as last reported + in flight).
 */
final class LedgerView {
    private LedgerView() {}

    /** Table name -> its rows as text, each list sorted. */
    static Map<String, List<String>> rows(Ledger l) {
        Map<String, List<String>> t = new LinkedHashMap<>();
        t.put("wallets", sorted(l.wallets.entrySet().stream().map(e -> row(e.getKey(), e.getValue().online, e.getValue().loadedTotal,
                e.getValue().lastCounter, e.getValue().lastHash, e.getValue().loadSeq, e.getValue().pending(), e.getValue().balance))
                .toList()));
        List<String> records = new ArrayList<>();
        l.wallets.forEach((id, w) -> w.records.values().forEach(r -> records.add(row(id, r.counter(), r.entry().type(), r.hash(),
                r.accepted() ? "ACCEPTED" : "PENDING"))));
        t.put("wallet_records", sorted(records));
        t.put("payments", sorted(l.payments.values().stream().map(p -> row(p.payer(), p.counter(), p.payee(), p.amount(), p.hash(),
                p.byPayer(), p.byPayee())).toList()));
        List<String> postings = new ArrayList<>();
        l.payments.values().forEach(p -> {
            postings.add(row("SETTLE_OUT", p.payer(), p.amount(), p.payer(), p.counter()));
            postings.add(row("SETTLE_IN", p.payee(), p.amount(), p.payer(), p.counter()));
        });
        t.put("ledger_postings", sorted(postings));
        t.put("load_tokens", sorted(l.tokens.entrySet().stream().map(e -> row(e.getKey().replace(":", " | "), e.getValue().amount(),
                e.getValue().redeemedBy() == 0 ? "ISSUED" : "REDEEMED", e.getValue().redeemedBy())).toList()));
        t.put("deposits", sorted(l.deposits.stream().map(d -> row(d[0], d[1])).toList()));
        t.put("blocklist", sorted(l.blocklist.entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList()));
        t.put("double_spend_claims", sorted(l.claims.values().stream().map(c -> row(c.payer(), c.counter(), c.hash(), c.payee(),
                c.payeeCounter(), c.amount())).toList()));
        t.put("unloads", sorted(l.unloads.entrySet().stream().map(e -> row(e.getKey().replace(":", " | "), e.getValue().amount(),
                e.getValue().hash())).toList()));
        t.put("wallet_conflicts", sorted(l.conflicts.values().stream().map(c -> row(c.wallet(), c.counter(), c.kind(), c.hash(),
                c.knownHash() == null ? "-" : c.knownHash())).toList()));
        return t;
    }

    /**
     * The payments the issuer covers because their payer's chain is closed before their counter
     * (or an earlier one) and has not reported them (spec 7.1, payees of a closed chain).
     */
    static List<Ledger.Payment> coveredBeyondClosedChains(Ledger l) {
        return l.payments.values().stream().filter(p -> !p.byPayer() && p.counter() >= l.closedBefore(p.payer())).toList();
    }

    /**
     * What {@code GET /v1/wallets/{payer}/exposure} must list (spec 7.1, exposure): the claims of
     * the payer's double spends and its payments covered beyond its closed chain (with the counter
     * of the payee's RECEIVE entry that carries the PAY entry), as "payerCounter | payEntryHash |
     * payeeId | payeeCounter | amount", sorted.
     */
    static List<String> exposureClaims(Ledger l, String payer) {
        List<String> out = new ArrayList<>();
        l.claims.values().stream().filter(c -> c.payer().equals(payer))
                .forEach(c -> out.add(row(c.counter(), c.hash(), c.payee(), c.payeeCounter(), c.amount())));
        coveredBeyondClosedChains(l).stream().filter(p -> p.payer().equals(payer)).forEach(p -> out.add(row(p.counter(), p.hash(),
                p.payee(), l.wallets.get(p.payee()).records.values().stream().filter(r -> r.accepted() && p.hash().equals(r.payHash()))
                        .mapToLong(Ledger.Rec::counter).min().orElse(0), p.amount())));
        return sorted(out);
    }

    /** Whether the wallet's accepted chain goes below zero at some entry (spec 7.2, per wallet). */
    static boolean goesBelowZero(Ledger.Wallet w) {
        long b = 0;
        for (Ledger.Rec r : w.records.values()) {
            if (r.accepted()) {
                b += signedAmount(r.entry());
                if (b < 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A wallet's offline balance as its accepted chain says: LOAD + RECEIVE - PAY - UNLOAD. */
    static long chainBalance(Ledger.Wallet w) {
        long b = 0;
        for (Ledger.Rec r : w.records.values()) {
            if (r.accepted()) {
                b += signedAmount(r.entry());
            }
        }
        return b;
    }

    static long signedAmount(Entry e) {
        return switch (e.type()) {
            case LOAD, RECEIVE -> e.amount();
            case PAY, UNLOAD -> -e.amount();
        };
    }

    /** The audit's figures as the spec defines them (7.2), by the names of {@code GET /v1/audit}. */
    static Map<String, Object> audit(Ledger l) {
        long deposits = l.deposits.stream().mapToLong(d -> Long.parseLong(d[1])).sum();
        List<Ledger.Payment> covered = coveredBeyondClosedChains(l);
        long coveredBeyond = covered.stream().mapToLong(Ledger.Payment::amount).sum();
        long cover = l.claims.values().stream().mapToLong(Ledger.Claim::amount).sum() + coveredBeyond;
        long online = l.wallets.values().stream().mapToLong(w -> w.online).sum();
        long tokens = l.tokens.values().stream().mapToLong(Ledger.Token::amount).sum();
        long notRedeemed = l.tokens.values().stream().filter(t -> t.redeemedBy() == 0).mapToLong(Ledger.Token::amount).sum();
        long unloaded = l.unloads.values().stream().mapToLong(Ledger.Unload::amount).sum();
        long payerOnly = l.payments.values().stream().filter(p -> p.byPayer() && !p.byPayee()).mapToLong(Ledger.Payment::amount).sum();
        long payeeOnly = l.payments.values().stream().filter(p -> p.byPayee() && !p.byPayer() && !covered.contains(p))
                .mapToLong(Ledger.Payment::amount).sum();
        long offline = l.wallets.values().stream().mapToLong(LedgerView::chainBalance).sum();
        long inFlight = notRedeemed + payerOnly - payeeOnly;
        long issued = deposits + cover;
        long accounted = online + offline + inFlight;
        long belowZero = l.wallets.values().stream().filter(LedgerView::goesBelowZero).count();
        long mismatched = l.wallets.values().stream().filter(w -> w.balance != chainBalance(w)).count();
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("deposits", deposits);
        a.put("issuerCover", cover);
        a.put("coveredBeyondClosedChains", coveredBeyond);
        a.put("totalIssued", issued);
        a.put("onlineAccounts", online);
        a.put("onlineAccountsFromHistory", deposits - tokens + unloaded);
        a.put("offlineAsReported", offline);
        a.put("loadTokensNotRedeemed", notRedeemed);
        a.put("paidNotYetReportedByPayee", payerOnly);
        a.put("receivedNotYetReportedByPayer", payeeOnly);
        a.put("inFlight", inFlight);
        a.put("accounted", accounted);
        a.put("difference", issued - accounted);
        a.put("settledPayments", l.payments.values().stream().mapToLong(Ledger.Payment::amount).sum());
        a.put("wallets", (long) l.wallets.size());
        a.put("blocklisted", (long) l.blocklist.size());
        a.put("walletsBelowZero", belowZero);
        a.put("walletsBalanceMismatched", mismatched);
        a.put("conserved", issued == accounted && online == deposits - tokens + unloaded && belowZero == 0 && mismatched == 0);
        return a;
    }

    static String row(Object... columns) {
        StringBuilder sb = new StringBuilder();
        for (Object c : columns) {
            sb.append(sb.isEmpty() ? "" : " | ").append(c);
        }
        return sb.toString();
    }

    private static List<String> sorted(List<String> rows) {
        return rows.stream().sorted().toList();
    }
}
