package org.dualoffline.devices.ble;

import org.dualoffline.devices.Battery;
import org.dualoffline.se.CardTransport;

/**
 * The Bluetooth Low Energy link between a Bluetooth card and its holder's phone, carrying the
 * holder's own APDUs to the card's SE (a top-up, reading the balance) - never a payment. Modeled:
 * each exchange takes connection events (one per {@value #BYTES_PER_EVENT} bytes of command and
 * response, {@value #CONNECTION_INTERVAL_MICROS} µs apart) and charge from the card's battery
 * ({@value #CHARGE_PER_EVENT} millionths of a percent per event); a card whose battery is empty has
 * no link at all; and the link may drop at a chosen point: before an exchange's command reaches
 * the SE, or after the SE has answered but before the answer reaches the phone.
 */
public final class BleLink implements CardTransport {
    /** The connection interval the card asks for: 30 ms. */
    public static final long CONNECTION_INTERVAL_MICROS = 30_000;
    /** Application bytes per connection event (a default ATT MTU's payload). */
    public static final int BYTES_PER_EVENT = 20;
    /** The card's battery charge per connection event, in millionths of a percent (a 30 mAh cell). */
    public static final long CHARGE_PER_EVENT = 2_000;

    /** Where the link drops, counted over the exchanges of a session: before exchange {@code n}'s command, or after its answer. */
    public record Drop(int exchange, boolean afterAnswer) {
        @Override
        public String toString() {
            return (afterAnswer ? "after the answer to exchange " : "before exchange ") + exchange;
        }
    }

    /** The link dropped; whether the SE had processed the command is the drop's {@link Drop#afterAnswer()}. */
    public static final class LinkDroppedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Drop drop;

        LinkDroppedException(Drop drop) {
            super("the Bluetooth link dropped " + drop);
            this.drop = drop;
        }

        public Drop drop() {
            return drop;
        }
    }

    /** The card's battery is empty: there is no Bluetooth link (NFC payments, powered by the field, still work). */
    public static final class NoLinkException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoLinkException(String message) {
            super(message);
        }
    }

    private final CardTransport se;
    private final Battery battery;
    private final Drop drop;
    private int exchanges;
    private long micros;
    private boolean dropped;

    /** A link to {@code se}, powered by {@code battery}, dropping at {@code drop} (null: never). */
    public BleLink(CardTransport se, Battery battery, Drop drop) {
        this.se = se;
        this.battery = battery;
        this.drop = drop;
    }

    @Override
    public byte[] transceive(byte[] command) {
        if (dropped) {
            throw new LinkDroppedException(drop);
        }
        if (!battery.hasPower()) {
            throw new NoLinkException("the card's battery is empty: no Bluetooth link (it still pays by NFC, powered by the reader's field)");
        }
        exchanges++;
        if (drop != null && drop.exchange() == exchanges && !drop.afterAnswer()) {
            dropped = true;
            throw new LinkDroppedException(drop);
        }
        byte[] response = se.transceive(command);
        long events = Math.max(1, (command.length + response.length + BYTES_PER_EVENT - 1) / BYTES_PER_EVENT);
        micros += events * CONNECTION_INTERVAL_MICROS;
        battery.use(events * CHARGE_PER_EVENT);
        if (drop != null && drop.exchange() == exchanges && drop.afterAnswer()) {
            dropped = true;
            throw new LinkDroppedException(drop);
        }
        return response;
    }

    /** Exchanges attempted so far (a dropped one counts). */
    public int exchanges() {
        return exchanges;
    }

    /** The link's modeled time so far. */
    public long micros() {
        return micros;
    }

    @Override
    public String describe() {
        return "Bluetooth LE link to " + se.describe();
    }
}
