package org.dualoffline.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.dualoffline.devices.BluetoothCard;
import org.dualoffline.devices.DeviceKind;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.devices.ble.BleLink;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.ApduTrace;
import org.dualoffline.se.SecureElementException;

/**
 * A Bluetooth card topped up by its holder's phone over Bluetooth LE: the phone (online) has the
 * bank issue a load token and sends the card's wallet SELECT and LOAD over the link. The reference
 * phone app, when the link drops, connects again and sends the same LOAD once more; a wallet that
 * had already loaded the token refuses it as used, so the value arrives once. A phone that gives
 * up instead (the holder walked away) keeps the token and sends it at its next connection: until
 * then the value is in the token, not on the card, and never on it twice.
 */
public final class BluetoothTopUps {
    /** How one top-up ended: what the phone saw, and how the card's balance and load sequence moved. */
    public record TopUp(String outcome, long balanceBefore, long balanceAfter, long loadSeqBefore, long loadSeqAfter, String refusal) {
        public boolean refused() {
            return refusal != null;
        }
    }

    /** One point of a campaign: where the link dropped, and how that top-up ended. */
    public record DroppedAt(BleLink.Drop drop, TopUp topUp) {}

    /**
     * One point of a campaign in which the phone gave up after the drop: the top-up as it stood
     * then, and the same token sent at the phone's next connection ({@code later}'s balances are
     * from before that connection to after it).
     */
    public record GaveUpAt(BleLink.Drop drop, TopUp gaveUp, TopUp later) {}

    private final ScenarioContext context;
    private final WalletProvisioner provisioner;
    private final WalletInspector inspector;
    private TopUp last;
    private final List<DroppedAt> campaign = new ArrayList<>();
    private final List<GaveUpAt> gaveUp = new ArrayList<>();

    public BluetoothTopUps(ScenarioContext context, WalletProvisioner provisioner, WalletInspector inspector) {
        this.context = context;
        this.provisioner = provisioner;
        this.inspector = inspector;
    }

    /** {@code holder}'s phone tops up {@code holder}'s Bluetooth card with {@code amount} fen, the link never dropping. */
    public TopUp topUp(String holder, long amount) {
        Party party = context.party(holder);
        last = topUp(party, token(party, amount), null, Retry.AT_ONCE, true);
        return last;
    }

    /** The battery of {@code holder}'s Bluetooth card runs out (the link goes; NFC payments run on the reader's field). */
    public void batteryDies(String holder) {
        bluetoothCard(context.party(holder)).battery().drain();
    }

    public TopUp last() {
        if (last == null) {
            throw new IllegalStateException("no Bluetooth top-up in this scenario");
        }
        return last;
    }

    /**
     * The link drops at every point of a top-up of {@code amount} fen onto a Bluetooth card like
     * {@code holder}'s - before each exchange's command reaches the SE and after each answer - each
     * on a card issued afresh; returns the points tried.
     */
    public List<DroppedAt> dropAtEveryPoint(String holder, long amount) {
        long balance = inspector.untraced().status(context.party(holder)).balance();
        Party dry = freshCard(holder, balance, 0);
        int exchanges = countExchanges(dry, amount);
        int issue = 1;
        for (int exchange = 1; exchange <= exchanges; exchange++) {
            for (boolean afterAnswer : new boolean[] {false, true}) {
                Party card = freshCard(holder, balance, issue++);
                BleLink.Drop drop = new BleLink.Drop(exchange, afterAnswer);
                campaign.add(new DroppedAt(drop, topUp(card, token(card, amount), drop, Retry.AT_ONCE, false)));
            }
        }
        return List.copyOf(campaign);
    }

    /**
     * As {@link #dropAtEveryPoint}, but the phone gives up when the link drops, keeping the token;
     * at its next connection it sends that token again. Returns the points tried.
     */
    public List<GaveUpAt> dropAtEveryPointAndGiveUp(String holder, long amount) {
        long balance = inspector.untraced().status(context.party(holder)).balance();
        int exchanges = countExchanges(freshCard(holder, balance, 1000), amount);
        int issue = 1001;
        for (int exchange = 1; exchange <= exchanges; exchange++) {
            for (boolean afterAnswer : new boolean[] {false, true}) {
                Party card = freshCard(holder, balance, issue++);
                BleLink.Drop drop = new BleLink.Drop(exchange, afterAnswer);
                LoadToken token = token(card, amount);
                TopUp first = topUp(card, token, drop, Retry.GIVE_UP, false);
                TopUp later = topUp(card, token, null, Retry.GIVE_UP, false);
                gaveUp.add(new GaveUpAt(drop, first, later));
            }
        }
        return List.copyOf(gaveUp);
    }

    /** The points the last give-up campaign tried, with their outcomes. */
    public List<GaveUpAt> gaveUpCampaign() {
        return List.copyOf(gaveUp);
    }

    /** The points the last campaign tried, with their outcomes. */
    public List<DroppedAt> campaign() {
        return List.copyOf(campaign);
    }

    private Party freshCard(String holder, long balance, int issue) {
        return provisioner.issue(holder, DeviceKind.BLUETOOTH_CARD, balance, UnaryOperator.identity(), false, "#ble" + issue);
    }

    /** How many exchanges an undisturbed top-up takes (the dry run). */
    private int countExchanges(Party card, long amount) {
        LoadToken token = token(card, amount);
        BleLink link = bluetoothCard(card).link(null);
        WalletClient wallet = new WalletClient(link, card.device().walletAid());
        wallet.select();
        wallet.load(token.encode());
        return link.exchanges();
    }

    /** What the phone does when the link drops: connect again and send the same load at once, or give up, keeping the token. */
    private enum Retry { AT_ONCE, GIVE_UP }

    private TopUp topUp(Party party, LoadToken token, BleLink.Drop drop, Retry retry, boolean file) {
        BluetoothCard card = bluetoothCard(party);
        WalletStatus before = inspector.untraced().status(party);
        ApduTrace trace = new ApduTrace(party.name() + "'s phone tops up the Bluetooth card with " + Money.yuan(token.amount())
                + (drop == null ? "" : ", the link dropping " + drop));
        String outcome;
        String refusal = null;
        try {
            outcome = loadOnce(party, card, token, drop, trace, "");
        } catch (BleLink.NoLinkException e) {
            outcome = "no link";
            refusal = e.getMessage();
        } catch (BleLink.LinkDroppedException e) {
            if (retry == Retry.GIVE_UP) {
                outcome = "link dropped " + e.drop() + "; the phone gave up, keeping the load token for its next connection";
            } else {
                trace.note(e.getMessage() + "; the phone connects again and sends the same load");
                outcome = loadOnce(party, card, token, null, trace, "link dropped " + e.drop() + "; ");
            }
        }
        trace.note(outcome);
        WalletStatus after = inspector.untraced().status(party);
        if (file) {
            context.addTrace(trace);
        }
        return new TopUp(outcome, before.balance(), after.balance(), before.loadSeq(), after.loadSeq(), refusal);
    }

    /** One connection's load; a wallet that loaded the token already refuses it as used, which is how the value arrives once. */
    private static String loadOnce(Party party, BluetoothCard card, LoadToken token, BleLink.Drop drop, ApduTrace trace, String before) {
        try {
            return before + load(party, card, token, drop, trace);
        } catch (SecureElementException refused) {
            if (refused.sw() != Sw.REPLAY) {
                throw refused;
            }
            return before + "the card had loaded the token already (" + Sw.describe(refused.sw()) + ")";
        }
    }

    private static String load(Party party, BluetoothCard card, LoadToken token, BleLink.Drop drop, ApduTrace trace) {
        BleLink link = card.link(drop);
        WalletClient wallet = new WalletClient(trace.tracing(link, party.name() + " SE", "bluetooth", WalletCommands::nameOf),
                card.walletAid());
        wallet.select();
        wallet.load(token.encode());
        return "loaded (" + link.exchanges() + " exchanges, " + link.micros() / 1000 + " ms of link time)";
    }

    private LoadToken token(Party party, long amount) {
        context.backend().deposit(party.walletId(), amount);
        return context.backend().loadToken(party.walletId(), amount);
    }

    private static BluetoothCard bluetoothCard(Party party) {
        if (!(party.device() instanceof BluetoothCard card)) {
            throw new IllegalStateException(party.name() + "'s device is a " + party.device().kind().label + ", not a Bluetooth card");
        }
        return card;
    }
}
