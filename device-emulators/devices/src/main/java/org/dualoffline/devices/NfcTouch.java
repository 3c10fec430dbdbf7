package org.dualoffline.devices;

import org.dualoffline.devices.timing.TapTimer;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.ApduTrace;
import org.dualoffline.se.CardTransport;

/**
 * One tap between two devices. Exactly one side is the reader: it has an NFC reader and
 * power, drives the field and relays APDUs; the other side answers in the field. The reader
 * reaches its own SE over its internal bus and the other side's SE over NFC, and every APDU
 * on both links lands in this touch's trace.
 */
public final class NfcTouch {
    public static final String LINK_NFC = TapTimer.LINK_NFC;
    public static final String LINK_INTERNAL = "internal";

    private final Device reader;
    private final Device cardSide;
    private final ApduTrace trace;

    private NfcTouch(Device reader, Device cardSide, ApduTrace trace) {
        this.reader = reader;
        this.cardSide = cardSide;
        this.trace = trace;
    }

    /**
     * Brings {@code first} and {@code second} together. The second device is preferred as the
     * reader (a payee's POS or phone reads the payer's card or phone); otherwise the first.
     *
     * @throws TouchRefusedException with the physical reason when no touch is possible
     */
    public static NfcTouch between(Device first, Device second, String title) {
        if (first == second) {
            throw new TouchRefusedException(first.name() + " cannot touch itself");
        }
        Device reader;
        Device cardSide;
        if (second.canRead() && first.answersInField()) {
            reader = second;
            cardSide = first;
        } else if (first.canRead() && second.answersInField()) {
            reader = first;
            cardSide = second;
        } else {
            throw new TouchRefusedException(reasonFor(first, second));
        }
        ApduTrace trace = new ApduTrace(title + " - reader: " + reader + ", in the field: " + cardSide);
        trace.note("field on: " + reader + " powers the field (" + reader.power().describe() + "); "
                + cardSide + " answers (" + cardSide.power().describe() + ")");
        return new NfcTouch(reader, cardSide, trace);
    }

    private static String reasonFor(Device a, Device b) {
        if (!a.kind().hasReader && !b.kind().hasReader) {
            return "neither " + a + " nor " + b + " has an NFC reader: one side of a touch must be an active reader (a "
                    + a.kind().label + " cannot pay a " + b.kind().label + ")";
        }
        if (!a.canRead() && !b.canRead()) {
            return "no side can power the NFC field: " + describePower(a) + "; " + describePower(b);
        }
        Device r = a.canRead() ? a : b;
        Device other = r == a ? b : a;
        return other + " does not answer in " + r.name() + "'s field (" + other.power().describe()
                + (other.kind() == DeviceKind.PHONE_ESE ? "; an eSE phone with a dead battery cannot emulate a card" : "")
                + (other.kind() == DeviceKind.POS ? "; a POS is a reader, not a card" : "") + ")";
    }

    private static String describePower(Device d) {
        return d + (d.kind().hasReader ? " has " + d.power().describe() : " has no reader");
    }

    public Device reader() {
        return reader;
    }

    public Device cardSide() {
        return cardSide;
    }

    public ApduTrace trace() {
        return trace;
    }

    /** The link over which the reader talks to {@code device}'s SE in this touch. */
    public String linkTo(Device device) {
        if (device == reader) {
            return LINK_INTERNAL;
        }
        if (device == cardSide) {
            return LINK_NFC;
        }
        throw new IllegalArgumentException(device + " is not part of this touch");
    }

    /** A wallet driver for {@code device}'s SE whose APDUs are traced under this touch. */
    public WalletClient walletOf(Device device) {
        return new WalletClient(tracedLinkTo(device), device.walletAid());
    }

    /** {@code device}'s SE as the reader reaches it in this touch, every APDU traced under its name and link. */
    CardTransport tracedLinkTo(Device device) {
        return trace.tracing(device.secureElement(), seNameOf(device), linkTo(device), WalletCommands::nameOf);
    }

    /** The name a device's SE has in traces and in the timing model ("Wei SE"). */
    public static String seNameOf(Device device) {
        return device.name() + " SE";
    }
}
