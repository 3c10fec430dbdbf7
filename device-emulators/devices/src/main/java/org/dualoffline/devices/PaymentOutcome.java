package org.dualoffline.devices;

import org.dualoffline.devices.timing.TapTime;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.se.ApduTrace;

/**
 * What one payment touch did: completed with the payer's record and the payee's receipt, or
 * refused by one side with a status word, or not possible as a touch at all, or cut short
 * because a battery ran out ({@link Status#POWER_LOST}, with the {@link PowerCut}). Every
 * touch reports its modeled {@link TapTime}.
 *
 * <p>After a power loss, {@code payerRecord} is the payer's signed PAY entry if the payer's SE
 * debited and signed (also when the response never reached the reader: each SE's signed answer
 * is kept as it passes towards the reader), and {@code payeeReceipt} the payee's RECEIVE entry if
 * the payee's SE credited. A debited payer without a receipt is value in flight, settled from the
 * payer's record at its next sync.
 */
public record PaymentOutcome(Status status, String refusedBy, int sw, String reason, SignedEntry payerRecord,
                             SignedEntry payeeReceipt, ApduTrace trace, PowerCut powerCut, TapTime tapTime) {
    public enum Status { COMPLETED, REFUSED, NO_TOUCH, POWER_LOST }

    /** An outcome without power or timing information. */
    public PaymentOutcome(Status status, String refusedBy, int sw, String reason, SignedEntry payerRecord,
                          SignedEntry payeeReceipt, ApduTrace trace) {
        this(status, refusedBy, sw, reason, payerRecord, payeeReceipt, trace, null, TapTime.none(0));
    }

    public boolean completed() {
        return status == Status.COMPLETED;
    }

    /** The payer's SE debited and signed its record in this touch. */
    public boolean payerDebited() {
        return payerRecord != null;
    }

    /** The payee's SE credited and signed its receipt in this touch. */
    public boolean payeeCredited() {
        return payeeReceipt != null;
    }

    public String describe() {
        return switch (status) {
            case COMPLETED -> "completed: " + payerRecord.entry();
            case REFUSED -> "refused by " + refusedBy + " with " + Sw.describe(sw) + " (" + reason + ")";
            case NO_TOUCH -> "no touch: " + reason;
            case POWER_LOST -> "power lost: " + reason + "; " + valueInFlight();
        };
    }

    private String valueInFlight() {
        if (!payerDebited()) {
            return "the payer was not debited";
        }
        String debited = "the payer was debited " + Money.yuan(payerRecord.entry().amount()) + " (record #" + payerRecord.entry().counter() + ")";
        return payeeCredited() ? debited + " and the payee credited (receipt #" + payeeReceipt.entry().counter() + ")"
                : debited + ", the payee was not credited: the payer's record settles it at sync";
    }
}
