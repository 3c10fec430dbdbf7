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
    private final List<VisualCards.Shown> faces = new ArrayList<>();
    private final List<VisualCards.FieldTime> fieldTimes = new ArrayList<>();
    private ReconciliationClient backend;
    private Limits limitsForNewWallets = Limits.defaults();
    private PaymentOutcome lastPayment;
    private String lastPayer;
    private String lastPayee;
    private String scenarioKey = "scenario";
    private final org.dualoffline.devices.TouchConditions conditions = org.dualoffline.devices.TouchConditions.typical();
    private final Map<String, Long> valueBeforePayment = new LinkedHashMap<>();

    private final java.util.Map<String, WalletProvisioner.Issuance> issuances = new java.util.HashMap<>();

    private final Map<String, List<org.dualoffline.protocol.SyncAck>> acks = new java.util.HashMap<>();

    /** The acknowledgement a party's wallet applied at a sync, as its phone or reader would keep it; kept in the order of the syncs. */
    public void rememberAck(String party, org.dualoffline.protocol.SyncAck ack) {
        acks.computeIfAbsent(party, k -> new ArrayList<>()).add(ack);
    }

    /** The acknowledgement a party's wallet applied at its last sync in this scenario. */
    public java.util.Optional<org.dualoffline.protocol.SyncAck> lastAck(String party) {
        List<org.dualoffline.protocol.SyncAck> kept = acks.getOrDefault(party, List.of());
        return kept.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(kept.get(kept.size() - 1));
    }

    /** The acknowledgements a party's wallet applied at its syncs in this scenario, oldest first. */
    public List<org.dualoffline.protocol.SyncAck> acks(String party) {
        return List.copyOf(acks.getOrDefault(party, List.of()));
    }

    /** How each holder's wallet was issued in this scenario, by holder (for clones). */
    public java.util.Map<String, WalletProvisioner.Issuance> issuances() {
        return issuances;
    }

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

    /** Every party with a device in this scenario, in the order they came. */
    public java.util.Collection<Party> parties() {
        return java.util.List.copyOf(parties.values());
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

    public void recordPayment(String payer, String payee, PaymentOutcome outcome) {
        this.lastPayment = outcome;
        this.lastPayer = payer;
        this.lastPayee = payee;
        traces.add(outcome.trace());
    }

    public Party lastPayer() {
        lastPayment();
        return party(lastPayer);
    }

    public Party lastPayee() {
        lastPayment();
        return party(lastPayee);
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

    /** A visual card redrew its display ({@link VisualCards}). */
    public void fieldTime(VisualCards.FieldTime time) {
        fieldTimes.add(time);
    }

    /** How long the scenario's visual cards stayed in a reader's field for each payment touch. */
    public List<VisualCards.FieldTime> fieldTimes() {
        return List.copyOf(fieldTimes);
    }

    public void faceShown(VisualCards.Shown shown) {
        faces.add(shown);
    }

    /** Every face a visual card drew in this scenario, in order. */
    public List<VisualCards.Shown> faces() {
        return List.copyOf(faces);
    }

    public List<ApduTrace> traces() {
        return List.copyOf(traces);
    }

    /** The scenario's virtual clock, SE speeds and battery behaviour, for every touch. */
    public org.dualoffline.devices.TouchConditions conditions() {
        return conditions;
    }

    /** What each party's wallet held (spendable + held) just before the last payment. */
    public void setValueBeforePayment(String party, long value) {
        valueBeforePayment.put(party, value);
    }

    public long valueBeforePayment(String party) {
        Long v = valueBeforePayment.get(party);
        if (v == null) {
            throw new IllegalStateException("no payment involving " + party + " has been made in this scenario");
        }
        return v;
    }

    /** A key unique to this scenario within the run, used to name its SEs (and so seed them). */
    public String scenarioKey() {
        return scenarioKey;
    }

    public void setScenarioKey(String key) {
        this.scenarioKey = key;
    }
}
