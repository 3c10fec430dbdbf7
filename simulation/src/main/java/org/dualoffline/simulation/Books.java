package org.dualoffline.simulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualoffline.harness.ReconciliationClient;

/**
 * The checks after the storm, read back from the backend: the books balance (its audit); every
 * payment an honest wallet signed is settled exactly once and the backend settled nothing no
 * wallet signed; every clone that spent beside its original is caught (blocklisted) and no other
 * wallet is.
 */
final class Books {
    /** The verdict of the checks, with what each found. */
    record Verdict(boolean conserved, long auditDifference, boolean exactlyOnce, List<String> notOnce, boolean clonesCaught,
                   List<String> clonesMissed, List<String> wronglyCaught, int clonesDiverged, int clonesQuiet) {
        boolean passed() {
            return conserved && exactlyOnce && clonesCaught;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("passed", passed());
            m.put("conserved", conserved);
            m.put("auditDifference", auditDifference);
            m.put("exactlyOnce", exactlyOnce);
            m.put("notSettledExactlyOnce", notOnce);
            m.put("clonesCaught", clonesCaught);
            m.put("clonesThatSpentBesideTheirOriginal", clonesDiverged);
            m.put("clonesThatNeverSpentTwice", clonesQuiet);
            m.put("clonesMissed", clonesMissed);
            m.put("walletsCaughtThatAreNoClones", wronglyCaught);
            return m;
        }
    }

    private Books() {}

    static Verdict check(Town town, Storm.Result storm, ReconciliationClient backend, TownClient payments, Progress progress) {
        ReconciliationClient.AuditView audit = backend.audit();
        Set<String> cloned = new HashSet<>();
        for (Town.Wallet c : town.clones) {
            cloned.add(c.id.hex());
        }
        // Every PAY entry an honest wallet uploaded: settled once, and nothing else settled from its wallet.
        Map<String, List<Storm.Pay>> byPayer = new HashMap<>();
        for (Storm.Pay p : storm.pays()) {
            if (!cloned.contains(p.payerHex())) {
                byPayer.computeIfAbsent(p.payerHex(), k -> new ArrayList<>()).add(p);
            }
        }
        List<String> notOnce = new ArrayList<>();
        Set<String> asked = new HashSet<>();
        List<Town.Wallet> syncing = town.syncing();
        progress.start("reading the books back", syncing.size());
        int read = 0;
        for (Town.Wallet w : syncing) {
            progress.step(++read);
            String hex = w.id.hex();
            if (cloned.contains(hex) || !asked.add(hex)) {
                continue;
            }
            Map<Long, Integer> settled = new HashMap<>();
            for (ReconciliationClient.PaymentView v : payments.payments(w.id)) {
                if (v.payer().hex().equals(hex)) {
                    settled.merge(v.payerCounter(), v.settled() ? 1 : 0, Integer::sum);
                    if (!v.settled()) {
                        notOnce.add(w.name + " PAY #" + v.payerCounter() + " is " + v.status() + " at the backend");
                    }
                }
            }
            List<Storm.Pay> signed = byPayer.getOrDefault(hex, List.of());
            Set<Long> counters = new HashSet<>();
            for (Storm.Pay p : signed) {
                counters.add(p.counter());
                int n = settled.getOrDefault(p.counter(), 0);
                if (n != 1) {
                    notOnce.add(w.name + " PAY #" + p.counter() + " of " + p.amount() + " fen settled " + n + " times");
                }
            }
            for (Long c : settled.keySet()) {
                if (!counters.contains(c)) {
                    notOnce.add(w.name + " PAY #" + c + " settled, but no log of the town holds it");
                }
            }
        }
        // Clones: caught when they spent beside their original; no other wallet caught.
        Set<String> blocklisted = new HashSet<>();
        for (ReconciliationClient.BlocklistEntry e : backend.blocklistEntries()) {
            blocklisted.add(e.wallet().hex());
        }
        List<String> missed = new ArrayList<>();
        int diverged = 0;
        int quiet = 0;
        for (Town.Wallet c : town.clones) {
            boolean bothSpent = spent(c) && spent(c.original);
            if (bothSpent) {
                diverged++;
                if (!blocklisted.contains(c.id.hex())) {
                    missed.add(c.original.name + " (" + c.id.hex() + ")");
                }
            } else {
                quiet++;
            }
        }
        List<String> wrong = new ArrayList<>();
        for (String hex : blocklisted) {
            if (!cloned.contains(hex)) {
                wrong.add(nameOf(town, hex) + " (" + hex + ")");
            }
        }
        progress.finish(notOnce.isEmpty() ? "every payment settled exactly once" : notOnce.size() + " payments not settled exactly once");
        java.util.Collections.sort(notOnce);
        java.util.Collections.sort(missed);
        java.util.Collections.sort(wrong);
        return new Verdict(audit.conserved() && audit.difference() == 0, audit.difference(), notOnce.isEmpty(), notOnce,
                missed.isEmpty() && wrong.isEmpty(), missed, wrong, diverged, quiet);
    }

    /** Whether a wallet made a payment: its log, uploaded in the storm, held a PAY entry. */
    private static boolean spent(Town.Wallet w) {
        return w.spentAtStorm;
    }

    private static String nameOf(Town town, String hex) {
        for (Town.Wallet w : town.syncing()) {
            if (w.id.hex().equals(hex)) {
                return w.name;
            }
        }
        for (Town.Merchant m : town.merchants) {
            if (m.account().hex().equals(hex)) {
                return m.name();
            }
        }
        return "an unknown wallet";
    }
}
