package org.dualoffline.devices;

/**
 * What a touch costs a battery, in millionths of a percent of charge: driving the NFC field as
 * the reader, per millisecond of modeled tap time and per APDU relayed; and answering in a
 * field by card emulation (a phone wallet paying at a POS), per millisecond.
 *
 * <p>The {@link #REFERENCE} figures are a scenario scale, not a fuel gauge: they are set so
 * that a reader announced at 1% runs out during one tap of a few hundred milliseconds, which
 * is what a power-loss scenario means by "1%". Physically a tap uses a tiny fraction of a
 * phone battery; a nearly empty phone dies mid-tap because the field's load pulls an exhausted
 * cell below its cut-off voltage. {@code docs/timing-and-power.md} gives the physical figures.
 *
 * @param label              for reports
 * @param readerFieldPerMs   reader: field on, per millisecond of modeled tap time
 * @param readerPerApdu      reader: per APDU relayed (its NFC front end and processor)
 * @param cardEmulationPerMs a phone answering in someone else's field, per millisecond
 */
public record PowerDraw(String label, long readerFieldPerMs, long readerPerApdu, long cardEmulationPerMs) {
    /** One percent of charge, in the unit of this model. */
    public static final long ONE_PERCENT = 1_000_000;

    /** Reader: 1% per 250 ms of field and 0.02% per APDU; card emulation: 1% per 5 s. */
    public static final PowerDraw REFERENCE = new PowerDraw("reference scenario scale", 4_000, 20_000, 200);

    public PowerDraw {
        if (readerFieldPerMs < 0 || readerPerApdu < 0 || cardEmulationPerMs < 0) {
            throw new IllegalArgumentException("power draw cannot be negative");
        }
    }

    /** Charge the reader's field uses over {@code micros} of modeled time. */
    public long field(long micros) {
        return perMs(readerFieldPerMs, micros);
    }

    /** Charge card emulation uses over {@code micros} of modeled time. */
    public long cardEmulation(long micros) {
        return perMs(cardEmulationPerMs, micros);
    }

    private static long perMs(long rate, long micros) {
        return Math.multiplyExact(rate, micros) / 1000;
    }
}
