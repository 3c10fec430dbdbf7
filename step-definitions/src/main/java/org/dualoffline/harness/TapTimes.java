package org.dualoffline.harness;

import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.timing.HistoryScan;

/** How long a tap takes on the scenario's virtual clock, modeled from the work each SE measures itself doing. */
public final class TapTimes {
    /** The stored records for which the evidence shows what a history-scanning wallet would take. */
    private static final int[] CONTRAST_RECORDS = {0, 15, 100, 1000};

    private final ScenarioContext context;

    public TapTimes(ScenarioContext context) {
        this.context = context;
    }

    /**
     * Makes the calling scenario NOT APPLICABLE when the profile's SEs cannot measure their work:
     * a card in a PC/SC reader cannot, its costs are the protocol's estimates, and a verdict on
     * them would judge the spec, not the device.
     */
    public void requireMeasuredCosts() {
        if (context.run().profile().seKind() == Profile.SeKind.PCSC) {
            throw new NotApplicable("tap time is modeled from the work the SE measures itself "
                    + "doing (signatures, verifications, persistent writes); through PC/SC the harness cannot count a card's work, only "
                    + "estimate it from the protocol, which would judge the spec rather than the device");
        }
    }

    /** For contrast in the evidence: what {@code tap} would cost on a wallet that re-verifies its stored records at every tap. */
    public void noteHistoryScanContrast(PaymentOutcome tap) {
        StringBuilder growth = new StringBuilder("for contrast, a wallet that re-verifies its stored records at every tap would take:");
        for (var p : HistoryScan.SIGNED_ENTRIES.growth(tap.trace().exchanges(), context.conditions().speeds(), CONTRAST_RECORDS)) {
            growth.append(String.format(" %d records %.0f ms;", p.storedRecords(), p.tapTime().totalMicros() / 1000.0));
        }
        tap.trace().note(growth.toString());
    }

    /**
     * The longest a tap may take to count as "about as long as" {@code first}, in microseconds: 1 %
     * more. DER signatures vary by a byte or two, which moves the NFC time by tens of microseconds;
     * a wallet whose work grows with its history moves it by milliseconds per stored record.
     */
    public static long aboutAsLongAs(PaymentOutcome first) {
        return first.tapTime().totalMicros() + first.tapTime().totalMicros() / 100;
    }
}
