package org.dualoffline.devices;

import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.se.ApduTrace;

/**
 * What one payment touch did: completed with the payer's record and the payee's receipt, or
 * refused by one side with a status word, or not possible as a touch at all.
 */
public record PaymentOutcome(Status status, String refusedBy, int sw, String reason, SignedEntry payerRecord,
                             SignedEntry payeeReceipt, ApduTrace trace) {
    public enum Status { COMPLETED, REFUSED, NO_TOUCH }

    public boolean completed() {
        return status == Status.COMPLETED;
    }

    public String describe() {
        return switch (status) {
            case COMPLETED -> "completed: " + payerRecord.entry();
            case REFUSED -> "refused by " + refusedBy + " with " + Sw.describe(sw) + " (" + reason + ")";
            case NO_TOUCH -> "no touch: " + reason;
        };
    }
}
