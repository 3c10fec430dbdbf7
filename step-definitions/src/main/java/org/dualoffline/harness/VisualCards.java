package org.dualoffline.harness;

import org.dualoffline.devices.Device;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.VisualCard;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.devices.display.CardFace;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.ApduTrace;

/**
 * Visual cards at the end of a session in a field (a touch, a load, an unload, a sync, the
 * issuance): the card's firmware redraws its display from what it reads over its own link to the
 * SE, those commands traced in the scenario's evidence, and the face it drew filed for the report.
 * After a payment touch the redraw runs in the same reader's field: its commands (on the card's
 * own bus to its SE) and the e-ink refresh are timed on the scenario's clock after the payment's
 * last command, and a battery-powered reader pays for the field over that time.
 */
public final class VisualCards {
    /** The title of every redraw's trace begins with the holder's name and this. */
    public static final String REDRAW = "'s visual card redraws its display after: ";

    /** A face a visual card showed, after what. */
    public record Shown(String holder, CardFace face, String after) {}

    /**
     * How long a visual card stayed in a reader's field for one touch: the payment's tap time, then
     * the redraw after its last command (the redraw's commands and the e-ink refresh); how much of
     * the reader's battery the redraw took (0 for a reader on mains or when batteries are not drained).
     */
    public record FieldTime(String holder, String touch, String reader, long paymentMicros, long redrawMicros, long readerCharge) {
        public long totalMicros() {
            return paymentMicros + redrawMicros;
        }

        public String describe() {
            return String.format("in %s's field %.1f ms for the payment, then %.1f ms for the redraw: %.1f ms in all", reader,
                    paymentMicros / 1000.0, redrawMicros / 1000.0, totalMicros() / 1000.0);
        }
    }

    private VisualCards() {}

    /** How long {@code holder}'s visual card stayed in the reader's field for the scenario's last payment touch, payment and redraw. */
    public static FieldTime fieldTimeOfLastTouch(ScenarioContext context, String holder) {
        String touch = context.lastPayment().trace().title();
        return context.fieldTimes().stream().filter(t -> t.holder().equals(holder) && t.touch().equals(touch)).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException(holder + "'s visual card was not in the field of the last touch"));
    }

    /** Whether {@code holder}'s visual card redrew its display after the scenario's last payment touch. */
    public static boolean redrawnAfterLastTouch(ScenarioContext context, String holder) {
        String touch = context.lastPayment().trace().title();
        return context.faces().stream().anyMatch(f -> f.holder().equals(holder) && f.after().equals(touch));
    }

    /**
     * After the payment touch {@code outcome} between {@code party} and {@code other}: if
     * {@code party}'s device is a visual card, its firmware redraws the display in {@code other}'s
     * field (the reader: a visual card never is one), timed after the payment on the scenario's
     * clock, the reader's battery paying for the field meanwhile. A reader whose battery runs out
     * before the refresh leaves the card's previous face.
     */
    public static void endOfTouch(ScenarioContext context, Party party, Party other, PaymentOutcome outcome) {
        if (!(party.device() instanceof VisualCard card)) {
            return;
        }
        String session = outcome.trace().title();
        Device reader = other.device();
        ApduTrace trace = new ApduTrace(party.name() + REDRAW + session);
        WalletClient wallet = new WalletClient(trace.tracing(card.secureElement(), party.name() + " SE", "display",
                WalletCommands::nameOf), card.walletAid());
        wallet.select();
        VisualCard.Redraw redraw = card.redrawInField(wallet, trace, reader, context.conditions());
        FieldTime time = new FieldTime(party.name(), session, reader.name(), outcome.tapTime().totalMicros(), redraw.micros(),
                redraw.readerCharge());
        if (redraw.face() != null) {
            trace.note(party.name() + "'s display shows " + redraw.face() + "; " + time.describe() + (redraw.readerCharge() == 0 ? ""
                    : ", the redraw taking " + redraw.readerCharge() + " millionths of a percent of " + reader.name() + "'s battery"));
            context.faceShown(new Shown(party.name(), redraw.face(), session));
        } else {
            trace.note(reader.name() + "'s battery ran out during the redraw: the field dropped and " + party.name()
                    + "'s display keeps its previous face, " + card.display().face());
        }
        context.addTrace(trace);
        context.fieldTime(time);
    }

    /** If {@code party}'s device is a visual card, its firmware redraws the display after {@code session}; filed in the evidence. */
    public static void endOfSession(ScenarioContext context, Party party, String session) {
        endOfSession(context, party, session, true);
    }

    /**
     * {@link #endOfSession(ScenarioContext, Party, String)}; with {@code file} false the redraw is
     * not filed in the scenario's evidence (a tearing campaign's hundreds of issues).
     */
    public static void endOfSession(ScenarioContext context, Party party, String session, boolean file) {
        Device device = party.device();
        if (!(device instanceof VisualCard card)) {
            return;
        }
        ApduTrace trace = new ApduTrace(party.name() + REDRAW + session);
        WalletClient wallet = new WalletClient(trace.tracing(card.secureElement(), party.name() + " SE", "display",
                WalletCommands::nameOf), card.walletAid());
        wallet.select();
        CardFace face = card.sessionEnds(wallet);
        trace.note(party.name() + "'s display shows " + face);
        if (file) {
            context.addTrace(trace);
            context.faceShown(new Shown(party.name(), face, session));
        }
    }
}
