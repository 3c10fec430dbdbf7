package org.dualoffline.devices.timing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dualoffline.se.ApduCost;
import org.dualoffline.se.ApduTrace;

/**
 * Times the APDUs of one touch on a {@link VirtualClock}. For each exchange of the touch's
 * {@link ApduTrace}: the bytes over its link (the NFC air interface of the SE in the field,
 * or the reader's bus to its own SE, each from the SE's {@link SeSpeedProfile}), then the SE's
 * work from {@link ApduTrace.Exchange#cost()} under that SE's profile. The clock advances by
 * each APDU's duration; the APDUs of a touch are sequential (the reader relays one at a time).
 *
 * <p>Use one timer per touch: the NFC activation is charged on the first NFC exchange with
 * each SE. {@link #next} times exchanges as they happen (the power model needs that);
 * {@link #time} times a finished trace.
 */
public final class TapTimer {
    /** The link name the NFC air interface has in traces; every other link is a reader's bus to its own SE. */
    public static final String LINK_NFC = "nfc";

    private final SeSpeeds speeds;
    private final VirtualClock clock;
    private final long startMicros;
    private final List<ApduTime> apdus = new ArrayList<>();
    private final Set<String> activated = new HashSet<>();

    public TapTimer(SeSpeeds speeds, VirtualClock clock) {
        this.speeds = speeds;
        this.clock = clock;
        this.startMicros = clock.nowMicros();
    }

    /** Times one exchange and advances the clock by its duration. */
    public ApduTime next(ApduTrace.Exchange e) {
        SeSpeedProfile profile = speeds.profileOf(e.se());
        LinkModel link = profile.link(e.link());
        long linkMicros = link.transferMicros(e.commandApdu().length, e.responseApdu().length);
        if (activated.add(e.se() + "\u0000" + e.link())) {
            linkMicros += link.activationMicros();
        }
        ApduCost cost = e.cost();
        ApduTime t = new ApduTime(e.seq(), e.se(), e.link(), e.command(), profile, clock.nowMicros(), linkMicros,
                profile.cryptoMicros(cost), profile.writeMicros(cost), profile.apduOverheadMicros);
        clock.advance(t.totalMicros());
        apdus.add(t);
        return t;
    }

    /** The touch so far. */
    public TapTime tapTime() {
        return new TapTime(startMicros, apdus);
    }

    /** Times every exchange of a finished touch. */
    public TapTime time(List<ApduTrace.Exchange> exchanges) {
        exchanges.forEach(this::next);
        return tapTime();
    }

    /** Times a finished touch on a fresh clock. */
    public static TapTime time(ApduTrace trace, SeSpeeds speeds) {
        return new TapTimer(speeds, new VirtualClock()).time(trace.exchanges());
    }
}
