package org.dualoffline.harness.robustness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.CardTransport;
import org.dualoffline.se.Journaled;
import org.dualoffline.se.ResponseApdu;
import org.dualoffline.se.SecureElementException;

/**
 * Sends a {@link MalformedCommands} campaign to a party's wallet and judges every answer against
 * the contract: a status word of the spec's table; a refusal (no data) where the command must be
 * refused; the wallet's state, as GET STATUS reports all of it, the same after each command as
 * before; and on a runtime that journals its memory ({@link Journaled}), no persistent write of a
 * refused command standing - the proof that holds even for state GET STATUS does not show.
 */
public final class RobustnessCampaign {
    /**
     * What the campaign found: commands sent by kind, every breach of the contract (one per
     * command), and the commands the way to the card could not carry (a PC/SC stack may refuse
     * to send a badly framed command: that is the harness's limit, not the wallet's fault).
     */
    public record Result(int sent, Map<MalformedCommands.Kind, Integer> byKind, List<String> breaches, List<String> notDelivered,
                         boolean journaled) {}

    private RobustnessCampaign() {}

    public static Result run(WalletInspector inspector, Party party, List<MalformedCommands.Command> commands, String description) {
        CardTransport se = party.device().secureElement();
        Journaled journal = se instanceof Journaled j ? j : null;
        return inspector.operate(party, description, w -> {
            Map<MalformedCommands.Kind, Integer> byKind = new EnumMap<>(MalformedCommands.Kind.class);
            List<String> breaches = new ArrayList<>();
            List<String> notDelivered = new ArrayList<>();
            byte[] before = status(w);
            for (MalformedCommands.Command c : commands) {
                byKind.merge(c.kind(), 1, Integer::sum);
                ResponseApdu answer;
                try {
                    answer = w.send(c.apdu());
                } catch (SecureElementException e) {
                    answer = null; // no status word
                } catch (IllegalArgumentException | IllegalStateException e) {
                    notDelivered.add(c.what() + ": " + e.getMessage());
                    continue;
                }
                int committed = journal == null ? 0 : journal.lastCommittedWrites();
                String breach = judge(c, answer, committed);
                byte[] after = status(w);
                if (breach == null && !Arrays.equals(before, after)) {
                    breach = "changed the wallet's status from " + Hex.of(before) + " to " + Hex.of(after);
                }
                if (breach != null) {
                    breaches.add(c.what() + " (" + Hex.of(c.apdu()).substring(0, Math.min(24, 2 * c.apdu().length)) + "...): " + breach);
                }
                before = after;
            }
            return new Result(commands.size(), byKind, breaches, notDelivered, journal != null);
        });
    }

    /** Why the answer breaks the contract, or null when it keeps it. */
    static String judge(MalformedCommands.Command c, ResponseApdu r, int committedWrites) {
        if (r == null) {
            return "answered no status word";
        }
        if (!Sw.isInSpec(r.sw())) {
            return "answered " + Sw.describe(r.sw()) + ", a status word the spec does not have";
        }
        if (r.sw() == Sw.OK && !c.kind().mayBeAnswered) {
            return "answered 9000: the command must be refused";
        }
        if (c.kind().required != 0 && r.sw() != c.kind().required) {
            return "answered " + Sw.describe(r.sw()) + " where the spec fixes " + Sw.describe(c.kind().required);
        }
        if (r.sw() != Sw.OK && r.data().length > 0) {
            return "refused with " + Sw.describe(r.sw()) + " but sent " + r.data().length + " bytes of data with it";
        }
        if (r.sw() != Sw.OK && committedWrites > 0) {
            return "refused with " + Sw.describe(r.sw()) + " but " + committedWrites + " persistent write(s) of it stood";
        }
        if (r.sw() == Sw.OK && committedWrites > 0) {
            return "only reads, but " + committedWrites + " persistent write(s) of it stood";
        }
        return null;
    }

    private static byte[] status(WalletClient w) {
        return w.send(WalletCommands.getStatus()).check("GET STATUS during the campaign");
    }
}
