package org.dualoffline.harness;

import org.dualoffline.devices.Device;
import org.dualoffline.devices.VisualCard;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.devices.display.CardFace;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.ApduTrace;

/**
 * Visual cards at the end of a session in a field (a touch, a load, an unload, a sync, the
 * issuance): the card's firmware redraws its display from what it reads over its own link to the
 * SE, those commands traced in the scenario's evidence, and the face it drew filed for the report.
 */
public final class VisualCards {
    /** The title of every redraw's trace begins with the holder's name and this. */
    public static final String REDRAW = "'s visual card redraws its display after: ";

    /** A face a visual card showed, after what. */
    public record Shown(String holder, CardFace face, String after) {}

    private VisualCards() {}

    /** Whether {@code holder}'s visual card redrew its display after the scenario's last payment touch. */
    public static boolean redrawnAfterLastTouch(ScenarioContext context, String holder) {
        String touch = context.lastPayment().trace().title();
        return context.faces().stream().anyMatch(f -> f.holder().equals(holder) && f.after().equals(touch));
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
