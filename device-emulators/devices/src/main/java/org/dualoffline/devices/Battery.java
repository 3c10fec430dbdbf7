package org.dualoffline.devices;

/** A battery with a charge in percent; empty means the device cannot power anything. */
public final class Battery implements PowerSource {
    private int percent;

    public Battery(int percent) {
        setPercent(percent);
    }

    public int percent() {
        return percent;
    }

    public void setPercent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("battery charge must be 0..100 %, got " + percent);
        }
        this.percent = percent;
    }

    public void drain() {
        this.percent = 0;
    }

    @Override
    public boolean hasPower() {
        return percent > 0;
    }

    @Override
    public String describe() {
        return "battery at " + percent + " %";
    }
}
