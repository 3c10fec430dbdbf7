package org.dualoffline.faulty;

import static org.assertj.core.api.Assertions.assertThat;

import com.licel.jcardsim.base.Simulator;
import com.licel.jcardsim.base.SimulatorRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javacard.framework.AID;
import javacard.framework.Applet;
import org.dualoffline.devices.LocalIssuance;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.Seeds;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.CardTransport;
import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.PowerLostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The non-atomic wallet is indistinguishable from the reference wallet on plain jcardsim, and
 * caught at once by tearing its PAY on the transactional runtime.
 */
class NonAtomicDebitTest {
    private static final byte[] AID_BYTES = WalletCommands.REFERENCE_AID;
    private final Issuer issuer = Issuer.generate(Seeds.secureRandom(3));

    @Test
    void onPlainJcardsimTheFaultyWalletAnswersExactlyAsTheReferenceDoes(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("faulty.jar");
        FaultyWalletBuilder.write(Fault.NON_ATOMIC_DEBIT, jar);

        List<String> reference = plainJcardsimSession(AppletSource.ofClass("org.dualoffline.applet.WalletApplet").load());
        List<String> faulty = plainJcardsimSession(AppletSource.fromJar(jar, "org.dualoffline.applet.WalletApplet").load());

        assertThat(faulty).isEqualTo(reference);
    }

    @Test
    void tearingThePaymentCatchesADebitWithoutARecord(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("faulty.jar");
        FaultyWalletBuilder.write(Fault.NON_ATOMIC_DEBIT, jar);

        assertThat(debitsWithoutRecord(AppletSource.fromJar(jar, "org.dualoffline.applet.WalletApplet"))).as("faulty wallet").isNotEmpty();
        assertThat(debitsWithoutRecord(AppletSource.ofClass("org.dualoffline.applet.WalletApplet"))).as("reference wallet").isEmpty();
    }

    /** Tears the payer's PAY at every persistent write; lists the points that debit without writing a record. */
    private List<Integer> debitsWithoutRecord(AppletSource source) {
        List<Integer> bad = new ArrayList<>();
        for (int k = 1; k <= 40; k++) {
            JcardsimSecureElement payer = new JcardsimSecureElement("payer" + k, source, AID_BYTES, null, k);
            JcardsimSecureElement payee = new JcardsimSecureElement("payee" + k, source, AID_BYTES, null, k);
            WalletClient a = issue(payer, 1, 10_000);
            WalletClient b = issue(payee, 2, 0);
            byte[] nonce = b.beginReceive(2_500, a.certificate().encode());
            WalletStatus before = a.status();
            payer.armTearAtWrite(k);
            try {
                a.pay(2_500, nonce, b.certificate().encode());
                break; // k is past the last write of PAY
            } catch (PowerLostException e) {
                a.select();
                WalletStatus after = a.status();
                if (after.balance() < before.balance() && after.records() == before.records()) {
                    bad.add(k);
                }
            }
        }
        return bad;
    }

    private List<String> plainJcardsimSession(Class<? extends Applet> applet) {
        Simulator sim = new Simulator(new SimulatorRuntime());
        AID aid = new AID(AID_BYTES, (short) 0, (byte) AID_BYTES.length);
        sim.installApplet(aid, applet);
        CardTransport t = new CardTransport() {
            @Override
            public byte[] transceive(byte[] c) {
                return sim.transmitCommand(c);
            }

            @Override
            public String describe() {
                return "plain jcardsim";
            }
        };
        WalletClient w = issue(t, 1, 10_000);
        List<String> seen = new ArrayList<>();
        // Everything a jcardsim-only test could do: pay (to a certified peer), abort by error, read back.
        Certificate peer = issuer.certify(new WalletId(2), FormFactor.POS, P256Keys.publicKey(4));
        for (long amount : new long[] {2_500, 99_999_999L, 0, 1_000}) {
            seen.add(w.send(WalletCommands.pay(amount, new byte[16], peer.encode())).sw() == 0x9000 ? "ok" : "refused");
            WalletStatus s = w.status();
            seen.add(s.balance() + "/" + s.counter() + "/" + s.records() + "/" + s.offlineCount());
        }
        return seen;
    }

    private WalletClient issue(CardTransport se, long id, long balance) {
        WalletClient w = new WalletClient(se, AID_BYTES);
        LocalIssuance.issue(w, issuer, new WalletId(id), FormFactor.CARD, Limits.defaults(), balance);
        return w;
    }


    /** Deterministic test keys. */
    static final class P256Keys {
        static byte[] publicKey(long seed) {
            return org.dualoffline.protocol.P256Sha256.INSTANCE.generateKeyPair(Seeds.secureRandom(seed)).publicKey();
        }
    }
}
