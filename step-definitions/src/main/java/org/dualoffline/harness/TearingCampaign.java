package org.dualoffline.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.devices.DeviceKind;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.PaymentSession;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.PowerLostException;
import org.dualoffline.se.SecureElementException;

/**
 * Exhaustive tearing: runs a flow once to map its tear points (before every APDU, at every
 * persistent write), then, for each point, runs it again on freshly issued wallets with the
 * power cut there, lets the wallets recover (power back, sync with the backend, tap again) and
 * checks the Mondex invariants: no value created; all value accounted (what the payer lost is
 * what the payee got plus what the backend can settle from the payer's record); no counter
 * reused; storage consistent.
 */
public final class TearingCampaign {
    /** The result of one flow's campaign, as the report shows it. */
    public record Result(String flow, int tearPoints, List<String> violations, List<String> log) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("flow", flow);
            m.put("tearPoints", tearPoints);
            m.put("violations", violations.size());
            m.put("violationDetails", violations);
            return m;
        }
    }

    /** Who pays whom how much: the parties are issued afresh for every tear point. */
    public record Template(String payer, DeviceKind payerKind, long payerBalance, String payee, DeviceKind payeeKind, long payeeBalance, long amount) {}

    private final ScenarioContext context;
    private final WalletProvisioner provisioner;
    private final WalletInspector inspector;
    private int run;

    public TearingCampaign(ScenarioContext context) {
        this.context = context;
        this.provisioner = new WalletProvisioner(context);
        this.inspector = new WalletInspector(context, false);
    }

    // ------------------------------------------------------------------ payment (pay and receive)

    /** Tears every point of a payment touch; returns the "pay" (payer's SE) and "receive" (payee's SE) results. */
    public List<Result> payment(Template t) {
        TearPlan dry = TearPlan.dryRun();
        Pair pair = issuePair(t, dry);
        dry.start();
        PaymentOutcome outcome = PaymentSession.pay(pair.payer.device(), pair.payee.device(), t.amount());
        dry.stop();
        if (!outcome.completed()) {
            throw new IllegalStateException("the payment does not complete even without a tear: " + outcome.describe());
        }
        String payerSe = seName(t.payer());
        List<String> payViolations = new ArrayList<>();
        List<String> receiveViolations = new ArrayList<>();
        List<String> log = new ArrayList<>();
        int payPoints = 0;
        int receivePoints = 0;
        for (TearPlan.TearPoint point : dry.tearPoints()) {
            boolean onPayer = point.se().equals(payerSe);
            if (onPayer) {
                payPoints++;
            } else {
                receivePoints++;
            }
            List<String> v = tearPayment(t, point, log);
            (onPayer ? payViolations : receiveViolations).addAll(v);
        }
        return List.of(new Result("pay", payPoints, payViolations, log), new Result("receive", receivePoints, receiveViolations, log));
    }

    private List<String> tearPayment(Template t, TearPlan.TearPoint point, List<String> log) {
        TearPlan plan = TearPlan.tearAt(point);
        Pair pair = issuePair(t, plan);
        WalletStatus payerBefore = inspector.status(pair.payer);
        WalletStatus payeeBefore = inspector.status(pair.payee);
        String outcome;
        plan.start();
        try {
            outcome = PaymentSession.pay(pair.payer.device(), pair.payee.device(), t.amount()).describe();
        } catch (PowerLostException e) {
            outcome = "power lost";
        } finally {
            plan.stop();
        }
        List<String> v = new ArrayList<>();
        String where = point.describe();
        if (!plan.fired()) {
            v.add(where + ": the tear point was never reached (the flow changed between runs)");
        }
        // Recovery: power is back; both wallets come online and sync.
        try {
            WalletStatus payerTorn = inspector.status(pair.payer);
            WalletStatus payeeTorn = inspector.status(pair.payee);
            long debit = spendable(payerBefore) - spendable(payerTorn);
            long credit = spendable(payeeTorn) - spendable(payeeBefore);
            if (credit > debit) {
                v.add(where + ": value created: the payee gained " + Money.yuan(credit) + " but the payer lost " + Money.yuan(debit));
            }
            if (debit != 0 && debit != t.amount()) {
                v.add(where + ": the payer lost " + Money.yuan(debit) + ", neither nothing nor the amount");
            }
            if (credit != 0 && credit != t.amount()) {
                v.add(where + ": the payee gained " + Money.yuan(credit) + ", neither nothing nor the amount");
            }
            if (payerTorn.counter() < payerBefore.counter()) {
                v.add(where + ": the payer's counter went back from " + payerBefore.counter() + " to " + payerTorn.counter());
            }
            inspector.sync(pair.payer);
            inspector.sync(pair.payee);
            long settled = context.backend().payments(pair.payer.walletId()).stream()
                    .filter(p -> p.payer().equals(pair.payer.walletId()) && p.status().equals("SETTLED")).mapToLong(ReconciliationClient.PaymentView::amount).sum();
            if (settled != debit) {
                v.add(where + ": value not accounted: the payer lost " + Money.yuan(debit) + " but the backend settled " + Money.yuan(settled)
                        + " from its records");
            }
            // A second tap after the failed one: the counter moves on and the backend sees one unbroken chain.
            PaymentOutcome retap = PaymentSession.pay(pair.payer.device(), pair.payee.device(), 100);
            if (!retap.completed()) {
                v.add(where + ": the wallets cannot pay again after recovering: " + retap.describe());
            } else if (retap.payerRecord().entry().counter() <= payerTorn.counter()) {
                v.add(where + ": counter reused: the next payment took counter " + retap.payerRecord().entry().counter());
            }
            inspector.sync(pair.payer);
            inspector.sync(pair.payee);
            v.addAll(storageConsistent(pair.payer, where));
            v.addAll(storageConsistent(pair.payee, where));
        } catch (RuntimeException e) {
            v.add(where + ": recovery failed: " + e.getMessage());
        }
        log.add(String.format("%-70s %-40s %s", where, outcome, v.isEmpty() ? "ok" : "VIOLATION"));
        return v;
    }

    // ------------------------------------------------------------------ load

    public Result load(String holder, DeviceKind kind, long amount) {
        List<String> violations = new ArrayList<>();
        List<String> log = new ArrayList<>();
        TearPlan dry = TearPlan.dryRun();
        Party p = issueOne(holder, kind, dry);
        loadOnce(p, amount, dry);
        List<TearPlan.TearPoint> points = dry.tearPoints();
        for (TearPlan.TearPoint point : points) {
            TearPlan plan = TearPlan.tearAt(point);
            Party w = issueOne(holder, kind, plan);
            String where = point.describe();
            List<String> v = new ArrayList<>();
            try {
                loadOnce(w, amount, plan);
            } catch (PowerLostException e) {
                // expected: the recovery below decides whether the load happened
            }
            try {
                LoadToken token = lastToken;
                WalletClient client = inspector.open(w);
                long balance = client.status().balance();
                if (balance != 0 && balance != amount) {
                    v.add(where + ": the balance is " + Money.yuan(balance) + " after a torn load of " + Money.yuan(amount));
                }
                try {
                    client.load(token.encode());
                } catch (SecureElementException e) {
                    if (e.sw() != Sw.REPLAY || balance != amount) {
                        v.add(where + ": retrying the load token answered " + e.getMessage());
                    }
                }
                long after = client.status().balance();
                if (after != amount) {
                    v.add(where + ": after recovery the wallet holds " + Money.yuan(after) + ", not the loaded " + Money.yuan(amount));
                }
                try {
                    client.load(token.encode());
                    v.add(where + ": the same load token was accepted again");
                } catch (SecureElementException e) {
                    // refused, as it must be
                }
                inspector.sync(w);
                v.addAll(storageConsistent(w, where));
            } catch (RuntimeException e) {
                v.add(where + ": recovery failed: " + e.getMessage());
            }
            log.add(String.format("%-70s %s", where, v.isEmpty() ? "ok" : "VIOLATION"));
            violations.addAll(v);
        }
        return new Result("load", points.size(), violations, log);
    }

    private LoadToken lastToken;

    private void loadOnce(Party p, long amount, TearPlan plan) {
        ReconciliationClient backend = context.backend();
        backend.deposit(p.walletId(), amount);
        lastToken = backend.loadToken(p.walletId(), amount);
        WalletClient client = new WalletClient(p.device().secureElement(), p.device().walletAid());
        plan.start();
        try {
            client.select();
            client.load(lastToken.encode());
        } finally {
            plan.stop();
        }
    }

    // ------------------------------------------------------------------ unload

    /**
     * Tears every point of an unload from a wallet holding {@code balance}; recovery is reading
     * the wallet and syncing. Either nothing happened, or the wallet debited itself and keeps the
     * signed UNLOAD entry; after the sync the bank account holds exactly what left the wallet, and
     * the wallet unloads again under a counter never used.
     */
    public Result unload(String holder, DeviceKind kind, long balance, long amount) {
        List<String> violations = new ArrayList<>();
        List<String> log = new ArrayList<>();
        TearPlan dry = TearPlan.dryRun();
        unloadOnce(issueOne(holder, kind, balance, dry), amount, dry);
        List<TearPlan.TearPoint> points = dry.tearPoints();
        for (TearPlan.TearPoint point : points) {
            TearPlan plan = TearPlan.tearAt(point);
            Party w = issueOne(holder, kind, balance, plan);
            String where = point.describe();
            List<String> v = new ArrayList<>();
            WalletStatus before = inspector.status(w);
            try {
                unloadOnce(w, amount, plan);
            } catch (PowerLostException e) {
                // expected: the recovery below decides whether the unload happened
            }
            String outcome = "";
            try {
                WalletClient client = inspector.open(w);
                WalletStatus torn = client.status();
                if (torn.balance() == before.balance()) {
                    outcome = "nothing unloaded";
                    if (torn.counter() != before.counter() || torn.records() != before.records()) {
                        v.add(where + ": nothing was debited, yet the counter went " + before.counter() + " -> " + torn.counter()
                                + " and the records " + before.records() + " -> " + torn.records());
                    }
                } else if (torn.balance() == before.balance() - amount) {
                    outcome = "unloaded";
                    List<WalletClient.StoredRecord> records = client.readRecords();
                    SignedEntry last = records.isEmpty() ? null : records.get(records.size() - 1).own();
                    if (torn.counter() != before.counter() + 1 || last == null || last.entry().type() != EntryType.UNLOAD
                            || last.entry().amount() != amount || last.entry().counter() != torn.counter()) {
                        v.add(where + ": debited " + Money.yuan(amount) + " without its signed UNLOAD entry as the newest record"
                                + " (counter " + before.counter() + " -> " + torn.counter() + ")");
                    }
                } else {
                    outcome = "balance " + Money.yuan(torn.balance());
                    v.add(where + ": the balance is " + Money.yuan(torn.balance()) + " after a torn unload of " + Money.yuan(amount)
                            + " from " + Money.yuan(before.balance()));
                }
                inspector.sync(w);
                ReconciliationClient.WalletView bank = context.backend().wallet(w.walletId());
                long onCard = inspector.status(w).balance();
                if (bank.onlineBalance() + onCard != balance) {
                    v.add(where + ": the bank account holds " + Money.yuan(bank.onlineBalance()) + " and the wallet "
                            + Money.yuan(onCard) + "; together they must be the " + Money.yuan(balance) + " loaded");
                }
                client.unload(1);
                inspector.sync(w);
                v.addAll(storageConsistent(w, where));
            } catch (RuntimeException e) {
                v.add(where + ": recovery failed: " + e.getMessage());
            }
            log.add(String.format("%-70s %-20s %s", where, outcome, v.isEmpty() ? "ok" : "VIOLATION"));
            violations.addAll(v);
        }
        return new Result("unload", points.size(), violations, log);
    }

    private static void unloadOnce(Party p, long amount, TearPlan plan) {
        WalletClient client = new WalletClient(p.device().secureElement(), p.device().walletAid());
        plan.start();
        try {
            client.select();
            client.unload(amount);
            // The holder's device reads the new balance to show it: a tear before this command is
            // a tear after the unload committed, with its response possibly lost.
            client.status();
        } finally {
            plan.stop();
        }
    }

    // ------------------------------------------------------------------ sync acknowledgement

    /** Tears every point of the payee's sync after a payment; recovery is syncing again. */
    public Result syncAck(Template t) {
        List<String> violations = new ArrayList<>();
        List<String> log = new ArrayList<>();
        TearPlan dry = TearPlan.dryRun();
        Pair pair = issuePair(t, TearPlan.dryRun(), dry);
        payOrFail(pair, t);
        dry.start();
        inspector.sync(pair.payee);
        dry.stop();
        List<TearPlan.TearPoint> points = dry.tearPoints();
        for (TearPlan.TearPoint point : points) {
            TearPlan plan = TearPlan.tearAt(point);
            Pair w = issuePair(t, TearPlan.dryRun(), plan);
            payOrFail(w, t);
            String where = point.describe().replace(t.payee() + " SE", t.payee() + " SE (sync)");
            List<String> v = new ArrayList<>();
            WalletStatus beforeSync = inspector.status(w.payee);
            plan.start();
            try {
                inspector.sync(w.payee);
            } catch (PowerLostException e) {
                // expected: recovery is the next sync
            } finally {
                plan.stop();
            }
            try {
                WalletStatus torn = inspector.status(w.payee);
                if (spendable(torn) != spendable(beforeSync)) {
                    v.add(where + ": a torn sync changed the value held from " + Money.yuan(spendable(beforeSync)) + " to " + Money.yuan(spendable(torn)));
                }
                if (torn.records() != 0 && torn.records() != beforeSync.records()) {
                    v.add(where + ": a torn sync left " + torn.records() + " records of " + beforeSync.records());
                }
                inspector.sync(w.payee);
                WalletStatus after = inspector.status(w.payee);
                if (after.records() != 0) {
                    v.add(where + ": after syncing again " + after.records() + " records are still waiting");
                }
                if (after.balance() + after.held() != beforeSync.balance() + beforeSync.held() || after.held() != 0) {
                    v.add(where + ": after syncing again the wallet holds " + Money.yuan(after.balance()) + " spendable and "
                            + Money.yuan(after.held()) + " held; before the sync " + Money.yuan(spendable(beforeSync)));
                }
                v.addAll(storageConsistent(w.payee, where));
            } catch (RuntimeException e) {
                v.add(where + ": recovery failed: " + e.getMessage());
            }
            log.add(String.format("%-70s %s", where, v.isEmpty() ? "ok" : "VIOLATION"));
            violations.addAll(v);
        }
        return new Result("sync-ack", points.size(), violations, log);
    }

    // ------------------------------------------------------------------ shared

    private void payOrFail(Pair pair, Template t) {
        PaymentOutcome o = PaymentSession.pay(pair.payer.device(), pair.payee.device(), t.amount());
        if (!o.completed()) {
            throw new IllegalStateException("the payment before the sync does not complete: " + o.describe());
        }
    }

    /** After a full sync the backend and the wallet agree on the chain, and nothing is left waiting. */
    private List<String> storageConsistent(Party p, String where) {
        List<String> v = new ArrayList<>();
        WalletStatus s = inspector.status(p);
        ReconciliationClient.WalletView view = context.backend().wallet(p.walletId());
        if (s.records() != 0) {
            v.add(where + ": " + p.name() + "'s wallet still holds " + s.records() + " records after a full sync");
        }
        if (view.lastCounter() != s.counter()) {
            v.add(where + ": " + p.name() + "'s wallet is at counter " + s.counter() + " but the backend's chain ends at " + view.lastCounter());
        }
        if (view.pendingRecords() != 0) {
            v.add(where + ": the backend keeps " + view.pendingRecords() + " of " + p.name() + "'s records pending");
        }
        return v;
    }

    private static long spendable(WalletStatus s) {
        return s.balance() + s.held();
    }

    private record Pair(Party payer, Party payee) {}

    private Pair issuePair(Template t, TearPlan plan) {
        return issuePair(t, plan, plan);
    }

    private Pair issuePair(Template t, TearPlan payerPlan, TearPlan payeePlan) {
        run++;
        String suffix = "#" + run;
        Party payer = provisioner.issue(t.payer(), t.payerKind(), t.payerBalance(),
                se -> payerPlan.wrap(se, seName(t.payer()), !t.payerKind().hasReader || t.payeeKind().hasReader), false, suffix);
        Party payee = provisioner.issue(t.payee(), t.payeeKind(), t.payeeBalance(),
                se -> payeePlan.wrap(se, seName(t.payee()), !t.payeeKind().hasReader), false, suffix);
        return new Pair(payer, payee);
    }

    private Party issueOne(String holder, DeviceKind kind, TearPlan plan) {
        return issueOne(holder, kind, 0, plan);
    }

    private Party issueOne(String holder, DeviceKind kind, long balance, TearPlan plan) {
        run++;
        return provisioner.issue(holder, kind, balance, se -> plan.wrap(se, seName(holder), true), false, "#" + run);
    }

    private static String seName(String holder) {
        return holder + " SE";
    }
}
