package org.dualoffline.devices.display;

import java.util.Optional;
import org.dualoffline.protocol.Money;

/**
 * What a visual card's display shows: the balance the wallet committed and its last transaction
 * as the wallet's log holds it (none once a sync has acknowledged the log).
 *
 * @param balance the committed balance, in fen
 * @param last the last entry of the wallet's log: how it moved value and how much
 */
public record CardFace(long balance, Optional<Last> last) {
    /** How the last transaction moved value, as the face words it. */
    public enum Direction {
        PAID("paid"), RECEIVED("received"), LOADED("loaded"), UNLOADED("unloaded");

        public final String word;

        Direction(String word) {
            this.word = word;
        }
    }

    /** The last transaction on the face. */
    public record Last(Direction direction, long amount) {
        @Override
        public String toString() {
            return direction.word + " " + Money.yuan(amount);
        }
    }

    public CardFace {
        if (balance < 0) {
            throw new IllegalArgumentException("a balance is never negative, got " + balance);
        }
        last = last == null ? Optional.empty() : last;
    }

    /** "¥90.00, paid ¥10.00" or "¥90.00" (nothing in the log). */
    @Override
    public String toString() {
        return Money.yuan(balance) + last.map(l -> ", " + l).orElse("");
    }
}
