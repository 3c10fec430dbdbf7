package org.dualoffline.faulty;

import com.licel.jcardsim.base.Simulator;
import com.licel.jcardsim.base.SimulatorRuntime;
import java.io.IOException;
import java.nio.file.Path;
import javacard.framework.AID;
import javacard.framework.Applet;
import org.dualoffline.devices.LocalIssuance;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.Seeds;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.CardTransport;

/**
 * Wallets on plain jcardsim (no transactional runtime, no tearing): what a jcardsim-only test
 * sees of the reference wallet and of a faulty one, issued by one deterministic issuer.
 */
final class PlainJcardsim {
    static final byte[] AID_BYTES = WalletCommands.REFERENCE_AID;
    static final String APPLET_CLASS = "org.dualoffline.applet.WalletApplet";

    final Issuer issuer = Issuer.generate(Seeds.secureRandom(3));

    static Class<? extends Applet> reference() {
        return AppletSource.ofClass(APPLET_CLASS).load();
    }

    /** Builds the faulty wallet's jar in {@code dir} and loads its applet class. */
    static Class<? extends Applet> faulty(Fault fault, Path dir) throws IOException {
        Path jar = dir.resolve(fault.id + ".jar");
        FaultyWalletBuilder.write(fault, jar);
        return AppletSource.fromJar(jar, APPLET_CLASS).load();
    }

    /** A fresh card with {@code applet} installed, issued as wallet {@code id} and loaded with {@code balance} fen. */
    WalletClient issuedWallet(Class<? extends Applet> applet, long id, long balance) {
        Simulator sim = new Simulator(new SimulatorRuntime());
        sim.installApplet(new AID(AID_BYTES, (short) 0, (byte) AID_BYTES.length), applet);
        CardTransport card = new CardTransport() {
            @Override
            public byte[] transceive(byte[] c) {
                return sim.transmitCommand(c);
            }

            @Override
            public String describe() {
                return "plain jcardsim";
            }
        };
        return issue(card, id, balance);
    }

    WalletClient issue(CardTransport se, long id, long balance) {
        WalletClient w = new WalletClient(se, AID_BYTES);
        LocalIssuance.issue(w, issuer, new WalletId(id), FormFactor.CARD, Limits.defaults(), balance);
        return w;
    }

    /** A certified peer to pay, whose card need not exist (PAY only checks the certificate). */
    Certificate peer(long id) {
        byte[] key = P256Sha256.INSTANCE.generateKeyPair(Seeds.secureRandom(id + 2)).publicKey();
        return issuer.certify(new WalletId(id), FormFactor.POS, key);
    }
}
