package org.dualoffline.harness.tearing;

import java.util.ArrayList;
import java.util.List;
import org.dualoffline.harness.NotApplicable;
import org.dualoffline.harness.Profile;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.CardTransport;
import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.PowerLostException;
import org.dualoffline.se.Tearable;
import org.dualoffline.se.campaign.TornCommand;

/**
 * Where power is cut in one run of a flow: before the n-th APDU of the flow (the card leaves
 * the field), or at the k-th persistent write of the n-th APDU (the chip loses power while
 * writing). The SEs of the flow reach their applet through {@link #wrap} so that the plan sees
 * every APDU, in order, across both sides of a touch, and knows which SE each one ran on. With
 * no tear set, it only records how many persistent writes each APDU made: the map of tear points.
 *
 * <p>A tear at a write is the SE runtime's {@link TornCommand}, as in the tear campaign for any
 * applet ({@code ./certify tear}, docs/tear-campaign.md): that campaign is the single-command,
 * single-SE case of this plan, judged on raw read-backs instead of the purse invariants.
 */
public final class TearPlan {
    /** One APDU of a flow as the dry run saw it, on the SE it ran on. */
    public record Step(int index, FlowSe se, String command, int writes) {}

    /** A point where power can be cut, on the SE of the dry run that the APDU ran on. {@code write} 0 means before the APDU is sent. */
    public record TearPoint(int apdu, int write, FlowSe se, String command) {
        public String describe() {
            return write == 0 ? "before " + command + " to " + se.name() + " (APDU " + apdu + ")"
                    : "at write " + write + " of " + command + " on " + se.name() + " (APDU " + apdu + ")";
        }
    }

    private final TearPoint tear;
    private final List<Step> steps = new ArrayList<>();
    private final List<Tearable> fieldPowered = new ArrayList<>();
    private int apdus;
    private boolean fired;
    private boolean active;

    private TearPlan(TearPoint tear) {
        this.tear = tear;
    }

    private static final String APDU_BOUNDARIES_ONLY = "this scenario cuts the power at every persistent write of a flow, which needs "
            + "the harness's instrumented emulated SE; through PC/SC tear points are limited to APDU boundaries (a reader can only power "
            + "the card off between two APDUs)";

    /**
     * Why a profile cannot run the tearing campaigns, or null if it can. They cut the power at
     * every persistent write of a flow, which only the harness's instrumented emulated SE allows;
     * a card in a PC/SC reader can only be powered off between two APDUs.
     */
    public static String whyNotTearable(Profile profile) {
        return switch (profile.seKind()) {
            case JCARDSIM -> null;
            case PCSC -> APDU_BOUNDARIES_ONLY;
        };
    }

    /** Makes the calling scenario NOT APPLICABLE when {@code profile}'s SEs cannot be torn at persistent writes. */
    public static void requireTearingAtWrites(Profile profile) {
        String why = whyNotTearable(profile);
        if (why != null) {
            throw new NotApplicable(why);
        }
    }

    public static TearPlan dryRun() {
        return new TearPlan(null);
    }

    public static TearPlan tearAt(TearPoint point) {
        return new TearPlan(point);
    }

    /** From now on APDUs count as the flow's (and the tear can fire). */
    public synchronized void start() {
        active = true;
    }

    /** The flow is over: later APDUs (recovery, inspection) pass straight through, power is back. */
    public synchronized void stop() {
        active = false;
    }

    /** The power was cut where this plan said (always false for a dry run). */
    public boolean fired() {
        return fired;
    }

    /** All tear points of the flow the dry run recorded: before each APDU and at each of its writes. */
    public List<TearPoint> tearPoints() {
        List<TearPoint> points = new ArrayList<>();
        for (Step s : steps) {
            points.add(new TearPoint(s.index(), 0, s.se(), s.command()));
            for (int k = 1; k <= s.writes(); k++) {
                points.add(new TearPoint(s.index(), k, s.se(), s.command()));
            }
        }
        return points;
    }

    /**
     * Routes an SE through this plan, under {@code name} in the tear points. {@code inField} marks
     * an SE powered by the reader's field: when power is cut before an APDU, that is the SE that
     * goes dark. The device holding the SE must reach it through the returned {@link FlowSe}.
     */
    public FlowSe wrap(CardTransport inner, String name, boolean inField) {
        if (!(inner instanceof JcardsimSecureElement se)) {
            // Every flow torn through a plan lands here, including ones whose step did not ask first.
            throw new NotApplicable(APDU_BOUNDARIES_ONLY);
        }
        if (inField) {
            fieldPowered.add(se);
        }
        return new FlowSe(this, se, name);
    }

    /** One SE of a torn flow: the emulated chip behind the plan, known by this object and named for the evidence. */
    public static final class FlowSe implements CardTransport {
        private final TearPlan plan;
        private final JcardsimSecureElement chip;
        private final String name;

        private FlowSe(TearPlan plan, JcardsimSecureElement chip, String name) {
            this.plan = plan;
            this.chip = chip;
            this.name = name;
        }

        /** How the tear points and the log call this SE ("Wei SE"). */
        public String name() {
            return name;
        }

        @Override
        public byte[] transceive(byte[] command) {
            return plan.step(this, command);
        }

        @Override
        public String describe() {
            return chip.describe() + " (tear plan)";
        }
    }

    private synchronized byte[] step(FlowSe flowSe, byte[] command) {
        JcardsimSecureElement se = flowSe.chip;
        if (!active) {
            return se.transceive(command);
        }
        if (fired) {
            throw new PowerLostException("the field is off: " + tear.describe());
        }
        int index = ++apdus;
        String name = WalletCommands.nameOf(command.length > 1 ? command[1] & 0xFF : -1);
        if (tear != null && tear.apdu() == index && tear.write() == 0) {
            fired = true;
            for (Tearable t : fieldPowered) {
                t.tear();
            }
            throw new PowerLostException("power cut " + tear.describe());
        }
        if (tear == null || tear.apdu() != index) {
            byte[] response = se.transceive(command);
            steps.add(new Step(index, flowSe, name, se.lastWrites()));
            return response;
        }
        // The single-command core every tear campaign shares, the generic one for any applet included.
        TornCommand torn = TornCommand.send(se, command, tear.write());
        if (!torn.reached()) {
            steps.add(new Step(index, flowSe, name, se.lastWrites()));
            return torn.answer();
        }
        fired = true;
        for (Tearable t : fieldPowered) {
            if (t != se) {
                t.tear();
            }
        }
        throw new PowerLostException("power cut " + tear.describe() + ": " + torn.where());
    }
}
