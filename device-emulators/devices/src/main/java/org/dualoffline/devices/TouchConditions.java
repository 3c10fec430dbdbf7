package org.dualoffline.devices;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dualoffline.devices.timing.SeSpeedProfile;
import org.dualoffline.devices.timing.SeSpeeds;
import org.dualoffline.devices.timing.VirtualClock;

/**
 * The physical conditions of a scenario's touches, for the timing and power models: the
 * scenario's {@link VirtualClock}, the {@link SeSpeedProfile} of each device's SE, whether
 * batteries pay for the work of a touch ({@link #withBatteryDrain()}), and batteries that die
 * at a given APDU of the next touch ("Wei's phone dies during the payment"). One per scenario;
 * its touches advance its clock one after the other. Not shared between scenarios.
 */
public final class TouchConditions {
    /** A battery that dies just before the first APDU named {@code command} of the next touch. */
    record BatteryFailure(Device device, Battery battery, String command) {}

    private final VirtualClock clock;
    private SeSpeeds speeds;
    private boolean batteryDrain;
    private final List<BatteryFailure> failures = new ArrayList<>();

    public TouchConditions(VirtualClock clock, SeSpeedProfile defaultProfile) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.speeds = SeSpeeds.all(defaultProfile);
    }

    /** A fresh clock, every SE a {@link SeSpeedProfile#TYPICAL_SE typical SE}, batteries not drained. */
    public static TouchConditions typical() {
        return new TouchConditions(new VirtualClock(), SeSpeedProfile.TYPICAL_SE);
    }

    /** {@code device}'s SE runs at {@code profile}. */
    public TouchConditions withSpeed(Device device, SeSpeedProfile profile) {
        speeds = speeds.with(NfcTouch.seNameOf(device), profile);
        return this;
    }

    /**
     * Batteries pay for the work of each touch at their {@link PowerDraw}: the reader per APDU and
     * per millisecond of field, a phone in card emulation per millisecond; a battery that runs
     * out ends the touch (see {@link PaymentSession}).
     */
    public TouchConditions withBatteryDrain() {
        batteryDrain = true;
        return this;
    }

    /**
     * In the next touch, {@code device}'s battery dies just before the first APDU named
     * {@code command} ("PAY", "RECEIVE", as in the trace), whatever its charge.
     *
     * @throws IllegalArgumentException if the device has no battery
     */
    public TouchConditions withBatteryDyingBefore(Device device, String command) {
        if (!(device.power() instanceof Battery battery)) {
            throw new IllegalArgumentException(device + " has no battery to die (" + device.power().describe() + ")");
        }
        failures.add(new BatteryFailure(device, battery, Objects.requireNonNull(command, "command")));
        return this;
    }

    public VirtualClock clock() {
        return clock;
    }

    public SeSpeeds speeds() {
        return speeds;
    }

    public SeSpeedProfile speedOf(Device device) {
        return speeds.profileOf(NfcTouch.seNameOf(device));
    }

    public boolean batteryDrain() {
        return batteryDrain;
    }

    /** The failures planned for the next touch; they apply to that touch only. */
    List<BatteryFailure> takeBatteryFailures() {
        List<BatteryFailure> taken = new ArrayList<>(failures);
        failures.clear();
        return taken;
    }
}
