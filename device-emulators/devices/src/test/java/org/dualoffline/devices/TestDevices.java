package org.dualoffline.devices;

import java.security.SecureRandom;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.Limits;
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
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            issuer = Issuer.generate(r);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    CardTransport issuedSe(String name, org.dualoffline.protocol.FormFactor ff, long balance) {
        JcardsimSecureElement se = new JcardsimSecureElement(name, APPLET, AID, null, 7);
        WalletClient w = new WalletClient(se, AID);
        w.select();
        byte[] pub = w.initialize(issuer.publicKey());
        WalletId id = new WalletId(nextId++);
        Certificate cert = issuer.certify(id, ff, pub);
        w.personalize(cert.encode(), "1234");
        w.applySyncAck(issuer.acknowledge(id, 0, cert.chainGenesis(), Limits.defaults()).encode());
        if (balance > 0) {
            LoadToken token = issuer.loadToken(id, 1, balance);
            w.load(token.encode());
        }
        return se;
    }

    /**
     * An issued SE whose APDUs carry the reference wallet's estimated costs (until the instrumented
     * runtime meters jcardsim SEs itself); still tearable, so power loss tears the real SE.
     */
    CardTransport meteredSe(String name, org.dualoffline.protocol.FormFactor ff, long balance) {
        return org.dualoffline.devices.timing.CommandCostEstimate.REFERENCE_WALLET.meter(issuedSe(name, ff, balance));
    }

    static long balance(Device d) {
        WalletClient w = new WalletClient(d.secureElement(), AID);
        w.select();
        return w.status().balance();
    }
}
