package org.dualoffline.devices.ble;

import java.util.ArrayList;
import java.util.List;
import org.dualoffline.devices.Battery;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.CardTransport;

/**
 * The Bluetooth Low Energy link between a Bluetooth card and its holder's phone, carrying the
 * holder's own APDUs to the card's SE (a top-up, reading the balance) - never a payment. Modeled:
 * each exchange takes connection events (one per {@value #BYTES_PER_EVENT} bytes of command and
 * response, {@value #CONNECTION_INTERVAL_MICROS} µs apart) and charge from the card's battery
 * ({@value #CHARGE_PER_EVENT} millionths of a percent per event); a card whose battery is empty has
 * no link at all; and the link may drop at a chosen point: before an exchange's command reaches
 * the SE, or after the SE has answered but before the answer reaches the phone. The card's
 * {@link BleFirmware} decides which commands it passes on; it answers the others itself.
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
    private final BleFirmware firmware;
    private final List<String> passed = new ArrayList<>();
    private final List<String> answeredByFirmware = new ArrayList<>();
    private int exchanges;
    private long micros;
    private boolean dropped;

    /** A link to {@code se}, powered by {@code battery}, dropping at {@code drop} (null: never), the card's {@code firmware} choosing what it passes. */
    public BleLink(CardTransport se, Battery battery, Drop drop, BleFirmware firmware) {
        this.se = se;
        this.battery = battery;
        this.drop = drop;
        this.firmware = firmware;
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
        String name = WalletCommands.nameOf(command.length > 1 ? command[1] & 0xFF : -1);
        byte[] response;
        if (firmware.passes(command)) {
            passed.add(name);
            response = se.transceive(command);
        } else {
            answeredByFirmware.add(name);
            response = new byte[] {(byte) (BleFirmware.REFUSED_SW >> 8), (byte) BleFirmware.REFUSED_SW};
        }
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

    /** The commands the firmware passed to the SE, by name, in order. */
    public List<String> passedToSe() {
        return List.copyOf(passed);
    }

    /** The commands the firmware answered itself ({@link BleFirmware#REFUSED_SW}) without passing them on. */
    public List<String> answeredByFirmware() {
        return List.copyOf(answeredByFirmware);
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
