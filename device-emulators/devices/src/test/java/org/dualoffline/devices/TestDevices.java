package org.dualoffline.devices;

import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.Seeds;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.CardTransport;
import org.dualoffline.se.JcardsimSecureElement;

/** Issues reference wallets on emulated SEs with a local test issuer (no backend). */
final class TestDevices {
    static final byte[] AID = WalletCommands.REFERENCE_AID;
    private static final AppletSource APPLET = AppletSource.ofClass("org.dualoffline.applet.WalletApplet");

    private final Issuer issuer;
    private long nextId = 1;

    TestDevices(long seed) {
        issuer = Issuer.generate(Seeds.secureRandom(seed));
    }

    CardTransport issuedSe(String name, org.dualoffline.protocol.FormFactor ff, long balance) {
        JcardsimSecureElement se = new JcardsimSecureElement(name, APPLET, AID, null, 7);
        LocalIssuance.issue(new WalletClient(se, AID), issuer, new WalletId(nextId++), ff, Limits.defaults(), balance);
        return se;
    }

    /** An issued SE; the instrumented runtime meters what each APDU costs, and it is tearable. */
    CardTransport meteredSe(String name, org.dualoffline.protocol.FormFactor ff, long balance) {
        return issuedSe(name, ff, balance);
    }

    /** A merchant's payment tag: the certificate of a merchant wallet issued for it. */
    Device tag(String merchant) {
        WalletClient w = new WalletClient(issuedSe(merchant, org.dualoffline.protocol.FormFactor.POS, 0), AID);
        w.select();
        return Device.tag(merchant + "'s tag", w.certificate());
    }

    static long balance(Device d) {
        WalletClient w = new WalletClient(d.secureElement(), AID);
        w.select();
        return w.status().balance();
    }
}
