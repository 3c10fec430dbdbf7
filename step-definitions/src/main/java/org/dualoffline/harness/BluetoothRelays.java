package org.dualoffline.harness;

import java.util.List;
import java.util.Set;
import org.dualoffline.devices.Battery;
import org.dualoffline.devices.BluetoothCard;
import org.dualoffline.devices.Device;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.PaymentSession;
import org.dualoffline.devices.ble.BleFirmware;
import org.dualoffline.devices.ble.BleLink;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletStatus;

/**
 * A phone that tries to carry a payment to or from its holder's Bluetooth card over the radio
 * link ([P-1-5] forbids it): as a card in another reader's field, relaying every command to the
 * card over Bluetooth (host card emulation), or as the reader of a tag or another wallet, using
 * the card over Bluetooth as its own SE. The card's Bluetooth firmware must pass no command of a
 * payment to its SE, so the touch is refused and nothing changes on the card.
 */
public final class BluetoothRelays {
    /** The commands of a payment; none may cross the link to the card's SE. */
    public static final Set<String> PAYMENT_COMMANDS = Set.of("BEGIN RECEIVE", "RECEIVE", "PAY", "VERIFY PIN");

    /** How the phone relays. */
    public enum Relay {
        /** The phone is the card in another reader's field. */
        AS_CARD("as the card in another reader's field"),
        /** The phone is the reader; the card, over Bluetooth, is its own SE. */
        AS_READER("as the reader, the card over Bluetooth its own SE");

        public final String label;

        Relay(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One relayed payment: its touch, what crossed the link to the card's SE, and the card's status before and after. */
    public record Relayed(String holder, Relay relay, PaymentOutcome outcome, List<String> passedToSe, List<String> answeredByFirmware,
                          WalletStatus before, WalletStatus after) {
        /** The payment commands that reached the card's SE over the link. */
        public List<String> paymentCommandsPassed() {
            return passedToSe.stream().filter(PAYMENT_COMMANDS::contains).toList();
        }
    }

    private final ScenarioContext context;
    private final WalletInspector inspector;
    private Relayed last;

    public BluetoothRelays(ScenarioContext context, WalletInspector inspector) {
        this.context = context;
        this.inspector = inspector;
    }

    /**
     * {@code payer} pays {@code payee} {@code amount} fen, one of them {@code holder}, whose phone
     * relays {@code holder}'s Bluetooth card over Bluetooth as {@code relay}; the touch is filed in
     * the scenario's evidence as any payment.
     */
    public Relayed pay(String payer, String payee, long amount, String holder, Relay relay) {
        if (!payer.equals(holder) && !payee.equals(holder)) {
            throw new IllegalArgumentException(holder + "'s phone relays " + holder + "'s own card: " + holder + " must pay or be paid");
        }
        Party party = context.party(holder);
        if (!(party.device() instanceof BluetoothCard card)) {
            throw new IllegalStateException(holder + "'s device is a " + party.device().kind().label + ", not a Bluetooth card");
        }
        Device relayed = relay == Relay.AS_CARD ? card.relayedAsCard() : card.relayedAsReader(new Battery(80));
        BleLink link = card.links().get(card.links().size() - 1);
        WalletStatus before = inspector.untraced().status(party);
        Device payerDevice = payer.equals(holder) ? relayed : context.party(payer).device();
        Device payeeDevice = payee.equals(holder) ? relayed : context.party(payee).device();
        PaymentOutcome outcome = PaymentSession.pay(payerDevice, payeeDevice, amount, null, context.conditions());
        outcome.trace().note(holder + "'s phone relayed " + holder + "'s Bluetooth card over Bluetooth " + relay.label
                + ": every command to " + holder + " SE crossed the Bluetooth link, whose firmware passed " + link.passedToSe() + " to its SE and answered "
                + link.answeredByFirmware() + " itself (" + Sw.describe(BleFirmware.REFUSED_SW) + ")");
        context.recordPayment(payer, payee, outcome);
        last = new Relayed(holder, relay, outcome, link.passedToSe(), link.answeredByFirmware(), before, inspector.untraced().status(party));
        return last;
    }

    public Relayed last() {
        if (last == null) {
            throw new IllegalStateException("no payment relayed over Bluetooth in this scenario");
        }
        return last;
    }
}
