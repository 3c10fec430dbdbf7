package org.dualoffline.devices;

import java.util.Objects;

/**
 * A battery with a charge in percent; empty means the device cannot power anything. The charge
 * is kept in millionths of a percent so that a touch can use part of a percent: the work of a
 * touch (driving the field, relaying APDUs, card emulation) is charged at this battery's
 * {@link PowerDraw} by the payment session when power is modeled.
 */
public final class Battery implements PowerSource {
    private final PowerDraw draw;
    private long charge;

    /** A battery at {@code percent} with the {@link PowerDraw#REFERENCE reference} draw. */
    public Battery(int percent) {
        this(percent, PowerDraw.REFERENCE);
    }

    public Battery(int percent, PowerDraw draw) {
        this.draw = Objects.requireNonNull(draw, "power draw");
        setPercent(percent);
    }

    /** A battery at a charge that need not be a whole percent ("0.05 %": dies within the next tap). */
    public static Battery charged(double percent, PowerDraw draw) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("battery charge must be 0..100 %, got " + percent);
        }
        Battery b = new Battery(0, draw);
        b.charge = Math.round(percent * PowerDraw.ONE_PERCENT);
        return b;
    }

    /** The charge in whole percent, rounded up: a battery with any charge left shows at least 1 %. */
    public int percent() {
        return (int) ((charge + PowerDraw.ONE_PERCENT - 1) / PowerDraw.ONE_PERCENT);
    }

    /** The charge in millionths of a percent. */
    public long charge() {
        return charge;
    }

    public PowerDraw draw() {
        return draw;
    }

    public void setPercent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("battery charge must be 0..100 %, got " + percent);
        }
        this.charge = percent * PowerDraw.ONE_PERCENT;
    }

    public void drain() {
        this.charge = 0;
    }

    /**
     * Uses {@code amount} of charge (millionths of a percent); the charge stops at zero.
     *
     * @return true if the battery still has power afterwards
     */
    public boolean use(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("cannot use a negative charge: " + amount);
        }
        charge = Math.max(0, charge - amount);
        return hasPower();
    }

    @Override
    public boolean hasPower() {
        return charge > 0;
    }

    @Override
    public String describe() {
        if (charge % PowerDraw.ONE_PERCENT == 0) {
            return "battery at " + percent() + " %";
        }
        return "battery at " + java.math.BigDecimal.valueOf(charge, 6).stripTrailingZeros().toPlainString() + " %";
    }
}
