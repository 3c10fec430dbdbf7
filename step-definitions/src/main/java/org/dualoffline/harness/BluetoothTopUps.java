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
 * had already loaded the token refuses it as used, so the value arrives once.
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

    private final ScenarioContext context;
    private final WalletProvisioner provisioner;
    private final WalletInspector inspector;
    private TopUp last;
    private final List<DroppedAt> campaign = new ArrayList<>();

    public BluetoothTopUps(ScenarioContext context, WalletProvisioner provisioner, WalletInspector inspector) {
        this.context = context;
        this.provisioner = provisioner;
        this.inspector = inspector;
    }

    /** {@code holder}'s phone tops up {@code holder}'s Bluetooth card with {@code amount} fen, the link never dropping. */
    public TopUp topUp(String holder, long amount) {
        last = topUp(context.party(holder), amount, null, true);
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
                campaign.add(new DroppedAt(drop, topUp(card, amount, drop, false)));
            }
        }
        return List.copyOf(campaign);
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

    private TopUp topUp(Party party, long amount, BleLink.Drop drop, boolean file) {
        BluetoothCard card = bluetoothCard(party);
        WalletStatus before = inspector.untraced().status(party);
        ApduTrace trace = new ApduTrace(party.name() + "'s phone tops up the Bluetooth card with " + Money.yuan(amount)
                + (drop == null ? "" : ", the link dropping " + drop));
        String outcome;
        String refusal = null;
        LoadToken token = token(party, amount);
        try {
            outcome = load(party, card, token, drop, trace);
        } catch (BleLink.NoLinkException e) {
            outcome = "no link";
            refusal = e.getMessage();
        } catch (BleLink.LinkDroppedException e) {
            trace.note(e.getMessage() + "; the phone connects again and sends the same load");
            try {
                outcome = "link dropped " + e.drop() + "; " + load(party, card, token, null, trace);
            } catch (SecureElementException refused) {
                if (refused.sw() != Sw.REPLAY) {
                    throw refused;
                }
                outcome = "link dropped " + e.drop() + "; the card had loaded the token already (" + Sw.describe(refused.sw()) + ")";
            }
        }
        trace.note(outcome);
        WalletStatus after = inspector.untraced().status(party);
        if (file) {
            context.addTrace(trace);
        }
        return new TopUp(outcome, before.balance(), after.balance(), before.loadSeq(), after.loadSeq(), refusal);
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
