package org.dualoffline.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.protocol.Limits;
import org.dualoffline.se.ApduTrace;

/**
 * Everything one scenario knows, injected by PicoContainer into every step class (a new one
 * per scenario): the parties and their devices, the last payment, the evidence collected.
 */
public final class ScenarioContext {
    private final HarnessRun run = HarnessRun.current();
    private final HttpTrace httpTrace = new HttpTrace();
    private final Map<String, Party> parties = new LinkedHashMap<>();
    private final List<ApduTrace> traces = new ArrayList<>();
    private ReconciliationClient backend;
    private Limits limitsForNewWallets = Limits.defaults();
    private PaymentOutcome lastPayment;
    private String scenarioKey = "scenario";
    private final List<TearingCampaign.Result> tearing = new ArrayList<>();

    public HarnessRun run() {
        return run;
    }

    public ReconciliationClient backend() {
        if (backend == null) {
            backend = new ReconciliationClient(run.backend(), httpTrace);
        }
        return backend;
    }

    public HttpTrace httpTrace() {
        return httpTrace;
    }

    public void add(Party party) {
        if (parties.putIfAbsent(party.name(), party) != null) {
            throw new IllegalStateException(party.name() + " already has a device in this scenario");
        }
    }

    public Party party(String name) {
        Party p = parties.get(name);
        if (p == null) {
            throw new IllegalStateException("nobody called " + name + " has a device in this scenario; known: " + parties.keySet());
        }
        return p;
    }

    public Limits limitsForNewWallets() {
        return limitsForNewWallets;
    }

    public void setLimitsForNewWallets(Limits limits) {
        this.limitsForNewWallets = limits;
    }

    public void recordPayment(PaymentOutcome outcome) {
        this.lastPayment = outcome;
        traces.add(outcome.trace());
    }

    public PaymentOutcome lastPayment() {
        if (lastPayment == null) {
            throw new IllegalStateException("no payment has been attempted in this scenario yet");
        }
        return lastPayment;
    }

    public void addTrace(ApduTrace trace) {
        traces.add(trace);
    }

    public List<ApduTrace> traces() {
        return List.copyOf(traces);
    }

    public void addTearing(List<TearingCampaign.Result> results) {
        tearing.addAll(results);
    }

    public List<TearingCampaign.Result> tearing() {
        return List.copyOf(tearing);
    }

    /** A key unique to this scenario within the run, used to name its SEs (and so seed them). */
    public String scenarioKey() {
        return scenarioKey;
    }

    public void setScenarioKey(String key) {
        this.scenarioKey = key;
    }
}
