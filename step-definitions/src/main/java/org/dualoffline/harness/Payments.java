package org.dualoffline.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.dualoffline.devices.Device;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.PaymentSession;
import org.dualoffline.devices.ReaderFlow;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.Tearable;

/**
 * Offline payments by touch between the scenario's parties, under the scenario's touch
 * conditions; each is the scenario's last payment (see {@link ScenarioContext#lastPayment}).
 */
public final class Payments {
    private final ScenarioContext context;
    private final WalletInspector inspector;
    private final PurseInvariants invariants;
    private PaymentOutcome firstOfSeries;
    private final Map<String, WalletStatus> statusBeforeTouch = new HashMap<>();

    public Payments(ScenarioContext context, WalletInspector inspector, PurseInvariants invariants) {
        this.context = context;
        this.inspector = inspector;
        this.invariants = invariants;
    }

    /** {@code payer} pays {@code payee} {@code amount} fen; what each wallet held before is kept for {@link #brokenOnceSynced}. */
    public PaymentOutcome pay(String payer, String payee, long amount) {
        for (String name : new String[] {payer, payee}) {
            if (device(name).holdsWallet()) {
                context.setValueBeforePayment(name, PurseInvariants.valueHeld(inspector.status(context.party(name))));
            }
        }
        return record(payer, payee, PaymentSession.pay(device(payer), device(payee), amount, null, context.conditions()));
    }

    /** {@code payer} pays {@code payee} {@code amount} fen, entering the PIN on the payer's device. */
    public PaymentOutcome payWithPin(String payer, String payee, long amount) {
        return record(payer, payee, PaymentSession.pay(device(payer), device(payee), amount, WalletProvisioner.DEFAULT_PIN, context.conditions()));
    }

    /**
     * {@code payer} pays {@code payee} {@code amount} fen, entering the PIN if {@code withPin}, with
     * the reader running {@code flow}; what both wallets reported in GET STATUS before the touch is
     * kept for {@link #statusBeforeLastTouch}. A flow that cuts a secure element's power is NOT
     * APPLICABLE where the harness cannot cut it.
     */
    public PaymentOutcome payFollowing(String payer, String payee, long amount, boolean withPin, ReaderFlow flow) {
        ReaderFlow.Interruption i = flow.interruption();
        if (i != null && i.cutsPower()) {
            Device cut = device(i.side == ReaderFlow.Side.PAYER ? payer : payee);
            if (!(cut.secureElement() instanceof Tearable)) {
                throw new NotApplicable("the harness cannot cut the power of " + cut.secureElement().describe());
            }
        }
        statusBeforeTouch.clear();
        for (String name : new String[] {payer, payee}) {
            if (device(name).holdsWallet()) {
                WalletStatus s = inspector.status(context.party(name));
                statusBeforeTouch.put(name, s);
                context.setValueBeforePayment(name, PurseInvariants.valueHeld(s));
            }
        }
        return record(payer, payee, PaymentSession.pay(device(payer), device(payee), amount, withPin ? WalletProvisioner.DEFAULT_PIN : null,
                context.conditions(), flow));
    }

    /** What {@code name}'s wallet reported in GET STATUS right before the last {@link #payFollowing} touch. */
    public WalletStatus statusBeforeLastTouch(String name) {
        WalletStatus s = statusBeforeTouch.get(name);
        if (s == null) {
            throw new IllegalStateException("no status of " + name + "'s wallet was read before a touch in this scenario");
        }
        return s;
    }

    /** One command the reader sent in a touch: the SE it went to ("Wei SE") and its answer. */
    public record Sent(String se, int sw) {}

    /** Every {@code command} ("SELECT", "VERIFY PIN") the reader sent in {@code outcome}'s touch, in order, read from its trace. */
    public static List<Sent> sent(PaymentOutcome outcome, String command) {
        return outcome.trace().exchanges().stream().filter(e -> e.command().equals(command)).map(e -> new Sent(e.se(), e.sw())).toList();
    }

    /** Whether any command of {@code outcome}'s touch went to {@code holder}'s secure element, read from its trace. */
    public static boolean reached(PaymentOutcome outcome, String holder) {
        return outcome.trace().exchanges().stream().anyMatch(e -> e.se().startsWith(holder + " "));
    }

    /** A touch between {@code payer} and {@code payee} through a reader that attacks it ({@link org.dualoffline.devices.ReaderAttacks}). */
    public PaymentOutcome throughReader(String payer, String payee, BiFunction<Device, Device, PaymentOutcome> attack) {
        return record(payer, payee, attack.apply(device(payer), device(payee)));
    }

    /**
     * {@code payer} pays {@code payee} {@code amount} fen {@code times} times in a row, stopping at
     * the first payment that does not complete; the first, if it completed, is kept with its trace
     * to compare later taps with. Returns every payment made.
     */
    public List<PaymentOutcome> payRepeatedly(String payer, String payee, long amount, int times) {
        List<PaymentOutcome> made = new ArrayList<>();
        for (int i = 0; i < times && (made.isEmpty() || made.get(made.size() - 1).completed()); i++) {
            PaymentOutcome o = PaymentSession.pay(device(payer), device(payee), amount, null, context.conditions());
            if (i == 0 && o.completed()) {
                firstOfSeries = o;
                context.addTrace(o.trace());
            }
            made.add(o);
        }
        return made;
    }

    /**
     * {@code payer} pays {@code payee} {@code amount} fen at a time until one slot of its
     * wallet's log is left (whatever capacity the wallet reports), as one {@link #payRepeatedly
     * series}; stops at the first payment that does not complete. Returns every payment made.
     */
    public List<PaymentOutcome> payUntilOneSlotLeft(String payer, String payee, long amount) {
        WalletStatus s = inspector.status(context.party(payer));
        int times = s.capacity() - s.records() - 1;
        if (times < 1) {
            throw new IllegalStateException(payer + "'s wallet has " + (s.capacity() - s.records())
                    + " free slots in its log: there is no series of payments to make before the last one");
        }
        return payRepeatedly(payer, payee, amount, times);
    }

    /** The first payment of the scenario's {@link #payRepeatedly series}. */
    public PaymentOutcome firstOfSeries() {
        if (firstOfSeries == null) {
            throw new IllegalStateException("no series of payments was made in this scenario");
        }
        return firstOfSeries;
    }

    /**
     * {@code payer} pays {@code payee} one fen at a time until its wallet's storage is full,
     * stopping at the first payment that does not complete. Returns every payment made.
     */
    public List<PaymentOutcome> fillStorage(String payer, String payee) {
        Party p = context.party(payer);
        List<PaymentOutcome> made = new ArrayList<>();
        while (made.isEmpty() || made.get(made.size() - 1).completed()) {
            WalletStatus s = inspector.status(p);
            if (s.records() >= s.capacity()) {
                break;
            }
            made.add(PaymentSession.pay(p.device(), device(payee), 1, null, context.conditions()));
        }
        return made;
    }

    /**
     * Both wallets of the last payment come online and sync; then what the purse invariants find
     * broken about the value it moved: none created, every fen the payer lost settled by the bank.
     */
    public List<String> brokenOnceSynced() {
        Party payer = context.lastPayer();
        Party payee = context.lastPayee();
        inspector.sync(payer);
        inspector.sync(payee);
        long debit = context.valueBeforePayment(payer.name()) - PurseInvariants.valueHeld(inspector.status(payer));
        long credit = PurseInvariants.valueHeld(inspector.status(payee)) - context.valueBeforePayment(payee.name());
        PurseInvariants.ValueMoved moved = new PurseInvariants.ValueMoved(debit, credit);
        List<String> broken = new ArrayList<>(invariants.noValueCreated(moved));
        broken.addAll(invariants.payerLossSettled(payer, moved));
        return broken;
    }

    private PaymentOutcome record(String payer, String payee, PaymentOutcome outcome) {
        context.recordPayment(payer, payee, outcome);
        // A visual card redraws its display at the end of a touch it was in - not after one that never
        // happened, nor after one cut off by a power loss, which took the field away before the end.
        if (outcome.status() == PaymentOutcome.Status.COMPLETED || outcome.status() == PaymentOutcome.Status.REFUSED) {
            VisualCards.endOfTouch(context, context.party(payer), context.party(payee), outcome);
            VisualCards.endOfTouch(context, context.party(payee), context.party(payer), outcome);
        }
        return outcome;
    }

    private Device device(String name) {
        return context.party(name).device();
    }
}
