package org.dualoffline.harness;

import org.dualoffline.se.CardTransport;
import org.dualoffline.se.JcardsimSecureElement;

/** Makes the secure element for a new wallet the way the profile says. */
public final class SecureElements {
    private SecureElements() {}

    public static CardTransport create(Profile profile, String seName, long seed) {
        return switch (profile.seKind()) {
            case JCARDSIM -> new JcardsimSecureElement(seName, profile.applet(), profile.aid(), profile.installParameters(), seed);
        };
    }
}
