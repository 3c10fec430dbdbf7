package org.dualoffline.devices;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.dualoffline.devices.timing.ApduTime;
import org.dualoffline.devices.timing.TapTime;
import org.dualoffline.devices.timing.TapTimer;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.ApduTrace;
import org.dualoffline.se.CardTransport;
import org.dualoffline.se.Tearable;

/**
 * The timing and power of one touch, applied APDU by APDU as the reader relays them. Before an
 * APDU: planned battery failures fire, and the reader pays for the APDU; after it: the APDU is
 * timed on the scenario's clock, the reader pays for the field over its modeled duration and a
 * phone in card emulation for its share.
 *
 * <p>When the reader's battery runs out the field drops: the SE in the field is torn, and so is
 * the reader's own SE, which ran on the same battery. When a phone answering in the field dies,
 * an NFC-SIM wallet keeps answering (the field powers it), an embedded SE is torn and answers no
 * more. A touch that lost power ends with {@link PowerLost}.
 */
final class TouchPower {
    /** The touch lost power; the session turns it into a POWER_LOST outcome. */
    static final class PowerLost extends RuntimeException {
        final PowerCut cut;

        PowerLost(PowerCut cut) {
            super(cut.describe(), null, false, false);
            this.cut = cut;
        }
    }

    private final NfcTouch touch;
    private final TouchConditions conditions;
    private final TapTimer timer;
    private final List<TouchConditions.BatteryFailure> failures;
    private final List<String> cardSideTorn = new ArrayList<>();
    private final SignedAnswers signed = new SignedAnswers();
    private boolean cardSideSilent;

    TouchPower(NfcTouch touch, TouchConditions conditions) {
        this.touch = touch;
        this.conditions = conditions;
        this.timer = new TapTimer(conditions.speeds(), conditions.clock());
        this.failures = conditions.takeBatteryFailures();
    }

    /** A wallet driver for {@code device}'s SE in this touch: traced, its signed answers kept, timed and powered. */
    WalletClient walletOf(Device device) {
        CardTransport traced = signed.watching(device, touch.tracedLinkTo(device));
        CardTransport relayed = new CardTransport() {
            @Override
            public byte[] transceive(byte[] command) {
                return relay(device, traced, command);
            }

            @Override
            public String describe() {
                return traced.describe();
            }
        };
        return new WalletClient(relayed, device.walletAid());
    }

    /**
     * The signed entry {@code device}'s SE answered to {@code command} in this touch, also when the
     * field dropped before the reader received it; null if it signed none.
     */
    SignedEntry signedAnswer(Device device, SignedAnswers.Signing command) {
        return signed.of(device, command);
    }

    TapTime tapTime() {
        return timer.tapTime();
    }

    private byte[] relay(Device target, CardTransport traced, byte[] command) {
        ApduTrace trace = touch.trace();
        int seq = trace.exchanges().size() + 1;
        String name = WalletCommands.nameOf(command.length > 1 ? command[1] & 0xFF : -1);
        String se = NfcTouch.seNameOf(target);

        for (Iterator<TouchConditions.BatteryFailure> it = failures.iterator(); it.hasNext(); ) {
            TouchConditions.BatteryFailure f = it.next();
            if (f.command().equalsIgnoreCase(name)) {
                it.remove();
                f.battery().drain();
                trace.note(f.device() + "'s battery dies");
                batteryEmpty(f.device(), target, seq, name, se, false);
            }
        }
        Battery readerBattery = touch.reader().power() instanceof Battery b ? b : null;
        if (conditions.batteryDrain() && readerBattery != null && !readerBattery.use(readerBattery.draw().readerPerApdu())) {
            batteryEmpty(touch.reader(), target, seq, name, se, false);
        }
        if (target == touch.cardSide() && cardSideSilent) {
            throw new PowerLost(new PowerCut(target.name(), target + " has no power and its embedded SE no longer answers",
                    seq, name, se, false, cardSideTorn));
        }

        int before = trace.exchanges().size();
        byte[] response;
        try {
            response = traced.transceive(command);
        } finally {
            List<ApduTrace.Exchange> after = trace.exchanges();
            for (int i = before; i < after.size(); i++) {
                timer.next(after.get(i));
            }
        }
        if (conditions.batteryDrain()) {
            long micros = lastApduMicros();
            if (readerBattery != null && !readerBattery.use(readerBattery.draw().field(micros))) {
                batteryEmpty(touch.reader(), target, seq, name, se, true);
            }
            Device cardSide = touch.cardSide();
            if (emulatesCardOnBattery(cardSide) && cardSide.power() instanceof Battery phone && phone.hasPower()
                    && !phone.use(phone.draw().cardEmulation(micros))) {
                batteryEmpty(cardSide, target, seq, name, se, true);
            }
        }
        return response;
    }

    private long lastApduMicros() {
        List<ApduTime> apdus = timer.tapTime().apdus();
        return apdus.isEmpty() ? 0 : apdus.get(apdus.size() - 1).totalMicros();
    }

    /** A phone answering in the field: its NFC controller runs on its battery while it has one. */
    private static boolean emulatesCardOnBattery(Device d) {
        return switch (d.kind()) {
            case PHONE_ESE, PHONE_NFC_SIM, PHONE_APP -> true;
            default -> false;
        };
    }

    private void batteryEmpty(Device device, Device target, int seq, String command, String se, boolean during) {
        ApduTrace trace = touch.trace();
        if (device == touch.reader()) {
            List<String> torn = new ArrayList<>();
            tear(touch.cardSide(), torn);
            tear(touch.reader(), torn);
            trace.note("field off: " + device + " ran out of power" + (during ? " during APDU " : " before APDU ") + seq + " (" + command + ")"
                    + (torn.isEmpty() ? "" : "; torn: " + String.join(", ", torn)));
            throw new PowerLost(new PowerCut(device.name(), device + "'s battery ran out and the field dropped", seq, command, se, during, torn));
        }
        if (device != touch.cardSide()) {
            return;
        }
        if (device.answersInField()) {
            trace.note(device + "'s battery is empty; " + (device.kind() == DeviceKind.PHONE_NFC_SIM
                    ? "its SIM wallet keeps answering, powered by the reader's field" : "it answers from the reader's field"));
            return;
        }
        tear(device, cardSideTorn);
        cardSideSilent = true;
        trace.note(device + "'s battery is empty; its embedded SE lost power" + (cardSideTorn.isEmpty() ? "" : " (torn)"));
        if (during && target == device) {
            throw new PowerLost(new PowerCut(device.name(), device + "'s battery died and its embedded SE stopped answering",
                    seq, command, se, true, cardSideTorn));
        }
    }

    private void tear(Device d, List<String> torn) {
        if (!d.holdsWallet()) {
            return;
        }
        if (d.secureElement() instanceof Tearable t) {
            t.tear();
            torn.add(NfcTouch.seNameOf(d));
        } else {
            touch.trace().note(NfcTouch.seNameOf(d) + " cannot be torn by the harness (" + d.secureElement().describe() + "): its power is not modeled");
        }
    }
}
