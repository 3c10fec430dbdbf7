package org.dualoffline.harness;

import org.dualoffline.devices.timing.CommandCostEstimate;
import org.dualoffline.se.CardTransport;
import org.dualoffline.se.JcardsimSecureElement;

/** Makes the secure element for a new wallet the way the profile says. */
public final class SecureElements {
    private SecureElements() {}

    /**
     * A new SE for the wallet {@code seName}: in-process, or the next free PC/SC reader of the
     * scenario (see {@link PcscReaders}), whose APDUs then travel through pcscd. A card in a
     * reader cannot tell what each command cost it, so its costs are the protocol's estimates
     * (what the power model of a touch runs on; the tap-time verdicts do not accept them).
     */
    public static CardTransport create(Profile profile, String seName, long seed) {
        return switch (profile.seKind()) {
            case JCARDSIM -> new JcardsimSecureElement(seName, profile.applet(), profile.aid(), profile.installParameters(), seed).speaksWalletProtocol()
                    .commandTimeLimit(profile.commandTimeLimit());
            case PCSC -> CommandCostEstimate.REFERENCE_WALLET.meter(PcscReaders.of(profile).lease(seName, seed));
        };
    }
}
