package org.dualoffline.backend.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.WalletId;

/**
 * What must hold after any history, whatever the rules in detail, judged against what really
 * happened on the devices (which SEs were cloned or broken, and how): no payment settled twice,
 * no value created, issuer cover only for a detected fraud, nobody blocklisted who did no fraud,
 * every discrepancy attributed to a detected fraud, and the audit's {@code conserved} true exactly
 * when nothing went undetected. Checked on the ledger after the backend was found to hold exactly
 * what the model holds.
 */
final class Invariants {
    /** What a wallet's devices did that an honest SE never does, and the reasons (7.1) it can be blocklisted for. */
    enum Fraud {
        CLONED(Ledger.Conflict.FORK, Ledger.Conflict.CHAIN_BREAK, Ledger.Conflict.DOUBLE_SPEND),
        OVERSPENT(Ledger.Conflict.OVERSPEND),
        RECEIVED_TWICE(Ledger.Conflict.REPEATED_RECEIVE),
        REUSED_LOAD_TOKEN(Ledger.Conflict.LOAD_TOKEN_REUSED);

        final Set<Ledger.Conflict> reasons;

        Fraud(Ledger.Conflict... reasons) {
            this.reasons = Set.of(reasons);
        }
    }

    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Set<Fraud>> frauds = new HashMap<>();

    Invariants(History h, List<WalletId> ids) {
        for (int w = 0; w < h.wallets(); w++) {
            if (ids.get(w) == null) {
                continue;
            }
            names.put(ids.get(w).hex(), h.names().get(w));
            frauds.put(ids.get(w).hex(), EnumSet.noneOf(Fraud.class));
        }
        for (Step s : h.steps()) {
            if (s instanceof Step.CloneSe c) {
                fraud(h, ids, c.device(), Fraud.CLONED);
            } else if (s instanceof Step.Pay p && p.overspends()) {
                fraud(h, ids, p.payer(), Fraud.OVERSPENT);
            } else if (s instanceof Step.Unload u && u.overspends()) {
                fraud(h, ids, u.device(), Fraud.OVERSPENT);
            } else if (s instanceof Step.ReceiveAgain r) {
                fraud(h, ids, r.payee(), Fraud.RECEIVED_TWICE);
            } else if (s instanceof Step.ReuseLoadToken r) {
                fraud(h, ids, r.device(), Fraud.REUSED_LOAD_TOKEN);
            }
        }
    }

    private void fraud(History h, List<WalletId> ids, int device, Fraud f) {
        frauds.get(ids.get(h.walletOf().get(device)).hex()).add(f);
    }

    /** @param refused the wallets whose uploads were refused */
    void check(Ledger l, Map<String, Object> audit, Set<String> refused) {
        noPaymentSettledTwice(l);
        noValueCreated(l, audit);
        everyAcceptedPaymentIsSettledOrCovered(l);
        List<String> coveredPayers = new ArrayList<>();
        l.claims.values().forEach(c -> coveredPayers.add(c.payer()));
        LedgerView.coveredBeyondClosedChains(l).forEach(p -> coveredPayers.add(p.payer()));
        assertThat(coveredPayers.stream().filter(p -> !l.blocklist.containsKey(p) || frauds.get(p).isEmpty()).map(this::name).toList())
                .as("issuer cover only for a detected fraud: payers covered for that are not blocklisted or did no fraud").isEmpty();
        assertThat(l.blocklist.entrySet().stream()
                .filter(e -> frauds.get(e.getKey()).stream().noneMatch(f -> f.reasons.contains(e.getValue())))
                .map(e -> name(e.getKey()) + " for " + e.getValue()).toList())
                .as("wallets blocklisted for a fraud they did not do (frauds done: %s)", fraudsDone()).isEmpty();
        assertThat(refused.stream().filter(w -> frauds.get(w).isEmpty()).map(this::name).toList())
                .as("honest wallets whose uploads were refused").isEmpty();
        List<String> undetected = undetected(l);
        assertThat(audit.get("conserved")).as("the audit's conserved (difference %s) is true exactly when nothing went undetected: %s",
                audit.get("difference"), undetected).isEqualTo(undetected.isEmpty());
        assertThat(undetected).as("every discrepancy is attributed to a detected fraud").isEmpty();
    }

    /** A PAY entry settles one payment or one claim, and no accepted chain receives it twice. */
    private void noPaymentSettledTwice(Ledger l) {
        Map<String, Long> credited = new HashMap<>();
        l.payments.values().forEach(p -> credited.merge(p.hash(), 1L, Long::sum));
        l.claims.values().forEach(c -> credited.merge(c.hash(), 1L, Long::sum));
        assertThat(credited.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("PAY entries settled more than once (payments and issuer-covered claims)").isEmpty();
        Map<String, List<String>> receivedBy = new HashMap<>();
        l.wallets.forEach((id, w) -> w.records.values().stream().filter(r -> r.accepted() && Ledger.isType(r, EntryType.RECEIVE))
                .forEach(r -> receivedBy.computeIfAbsent(r.payHash(), k -> new ArrayList<>()).add(name(id) + "#" + r.counter())));
        assertThat(receivedBy.values().stream().filter(v -> v.size() > 1).toList())
                .as("RECEIVE entries of one PAY entry accepted more than once (the payment credited twice)").isEmpty();
    }

    /** Online accounts + what the chains hold (a negative chain holds nothing) + in flight never exceed deposits + issuer cover. */
    private void noValueCreated(Ledger l, Map<String, Object> audit) {
        long offlineHeld = l.wallets.values().stream().mapToLong(w -> Math.max(0, LedgerView.chainBalance(w))).sum();
        long held = (long) audit.get("onlineAccounts") + offlineHeld + (long) audit.get("inFlight");
        long issued = (long) audit.get("totalIssued");
        assertThat(held).as("no value created: online %s + offline held %s + in flight %s against deposits %s + issuer cover %s",
                Money.yuan((long) audit.get("onlineAccounts")), Money.yuan(offlineHeld), Money.yuan((long) audit.get("inFlight")),
                Money.yuan((long) audit.get("deposits")), Money.yuan((long) audit.get("issuerCover"))).isLessThanOrEqualTo(issued);
    }

    /** The payer's accepted PAY entry is the settled one; a payee's accepted RECEIVE is of the settled PAY entry, or covered. */
    private void everyAcceptedPaymentIsSettledOrCovered(Ledger l) {
        List<String> unsettled = new ArrayList<>();
        l.wallets.forEach((id, w) -> w.records.values().stream().filter(Ledger.Rec::accepted).forEach(r -> {
            if (Ledger.isType(r, EntryType.PAY) && !r.hash().equals(settledHash(l, id, r.counter()))) {
                unsettled.add("PAY " + name(id) + "#" + r.counter());
            } else if (Ledger.isType(r, EntryType.RECEIVE)) {
                String key = r.pay().walletId().hex() + ":" + r.pay().counter();
                if (!r.payHash().equals(settledHash(l, r.pay().walletId().hex(), r.pay().counter()))
                        && !l.claims.containsKey(key + ":" + r.payHash())) {
                    unsettled.add("RECEIVE " + name(id) + "#" + r.counter());
                }
            }
        }));
        assertThat(unsettled).as("accepted entries whose payment is neither settled nor covered").isEmpty();
    }

    private static String settledHash(Ledger l, String payer, long counter) {
        Ledger.Payment p = l.payments.get(payer + ":" + counter);
        return p == null ? null : p.hash();
    }

    /** Frauds the ledger shows that no blocklisting answers: a chain below zero, a PAY entry received twice. */
    private List<String> undetected(Ledger l) {
        List<String> out = new ArrayList<>();
        l.wallets.forEach((id, w) -> {
            long balance = LedgerView.chainBalance(w);
            if (balance < 0 && !l.blocklist.containsKey(id)) {
                out.add(name(id) + "'s accepted chain holds " + Money.yuan(balance) + " and " + name(id) + " is not blocklisted");
            }
            Map<String, Long> received = w.records.values().stream().filter(r -> r.accepted() && Ledger.isType(r, EntryType.RECEIVE))
                    .collect(Collectors.groupingBy(Ledger.Rec::payHash, Collectors.counting()));
            if (received.values().stream().anyMatch(n -> n > 1) && !l.blocklist.containsKey(id)) {
                out.add(name(id) + "'s accepted chain receives one PAY entry twice and " + name(id) + " is not blocklisted");
            }
        });
        return out;
    }

    private String fraudsDone() {
        return frauds.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(e -> name(e.getKey()) + " " + e.getValue())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private String name(String walletHex) {
        return names.getOrDefault(walletHex, walletHex);
    }
}
