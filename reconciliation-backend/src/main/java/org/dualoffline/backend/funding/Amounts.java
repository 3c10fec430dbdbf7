package org.dualoffline.backend.funding;

import org.dualoffline.backend.BackendException;
import org.dualoffline.protocol.Money;

/** Amounts in requests: fen, positive, and small enough for the protocol's 4-byte fields. */
final class Amounts {
    private Amounts() {}

    static long positive(String field, Long value) {
        if (value == null) {
            throw BackendException.invalid(field + " is required (fen, 1.." + Money.MAX_FEN + ")");
        }
        if (value <= 0 || value > Money.MAX_FEN) {
            throw BackendException.invalid(field + " must be 1.." + Money.MAX_FEN + " fen, got " + value);
        }
        return value;
    }
}
