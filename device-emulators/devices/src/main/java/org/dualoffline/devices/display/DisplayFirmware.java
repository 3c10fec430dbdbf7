package org.dualoffline.devices.display;

import java.util.List;
import java.util.Optional;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.WalletStatus;

/**
 * The firmware of a visual card: how it decides what the display shows. The reference firmware
 * reads the wallet's committed state over the card's own link to its SE - GET STATUS, and READ
 * RECORD of the last entry - so the face can only ever show what the SE committed. A vendor's
 * firmware is another implementation (the known-bad one renders the amount requested before the
 * SE has committed it).
 */
public interface DisplayFirmware {
    /** Called as a payment begins, before any command reaches the SE; the face to show now, if any. */
    default Optional<CardFace> beforeCommit(CardFace shown, long requestedAmount, boolean paying) {
        return Optional.empty();
    }

    /** The face after a session in a field, read from the wallet. */
    CardFace afterSession(WalletClient wallet);

    /** The reference firmware: the committed state, read back after every session. */
    DisplayFirmware COMMITTED_STATE = wallet -> committedFace(wallet);

    /**
     * A known-bad firmware, for qualifying the harness: as a payment begins it draws the balance the
     * payment will leave and the amount requested, before the SE has committed anything; after the
     * session it reads the committed state like the reference. A touch torn in between leaves the
     * card showing a balance its SE never held.
     */
    DisplayFirmware REQUESTED_AMOUNT = new DisplayFirmware() {
        @Override
        public Optional<CardFace> beforeCommit(CardFace shown, long requestedAmount, boolean paying) {
            long balance = paying ? Math.max(0, shown.balance() - requestedAmount) : shown.balance() + requestedAmount;
            return Optional.of(new CardFace(balance, Optional.of(new CardFace.Last(paying ? CardFace.Direction.PAID : CardFace.Direction.RECEIVED,
                    requestedAmount))));
        }

        @Override
        public CardFace afterSession(WalletClient wallet) {
            return committedFace(wallet);
        }
    };

    /** The firmware a profile's {@code display.firmware} names: {@code committed-state} (the reference) or {@code requested-amount}. */
    static DisplayFirmware named(String name) {
        return switch (name) {
            case "committed-state" -> COMMITTED_STATE;
            case "requested-amount" -> REQUESTED_AMOUNT;
            default -> throw new IllegalArgumentException("display.firmware must be committed-state or requested-amount, got \"" + name + "\"");
        };
    }

    /** GET STATUS and READ RECORD of the last entry: the committed balance and last transaction. */
    static CardFace committedFace(WalletClient wallet) {
        WalletStatus status = wallet.status();
        if (status.records() == 0) {
            return new CardFace(status.balance(), Optional.empty());
        }
        List<WalletClient.StoredRecord> records = wallet.readRecords();
        Entry last = records.get(records.size() - 1).own().entry();
        CardFace.Direction direction = switch (last.type()) {
            case PAY -> CardFace.Direction.PAID;
            case RECEIVE -> CardFace.Direction.RECEIVED;
            case LOAD -> CardFace.Direction.LOADED;
            case UNLOAD -> CardFace.Direction.UNLOADED;
        };
        return new CardFace(status.balance(), Optional.of(new CardFace.Last(direction, last.amount())));
    }
}
