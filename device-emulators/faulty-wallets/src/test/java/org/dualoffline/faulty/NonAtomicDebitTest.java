package org.dualoffline.faulty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javacard.framework.Applet;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.PowerLostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The non-atomic wallet is indistinguishable from the reference wallet on plain jcardsim, and
 * caught at once by tearing its PAY on the transactional runtime.
 */
class NonAtomicDebitTest {
    private final PlainJcardsim cards = new PlainJcardsim();

    @Test
    void onPlainJcardsimTheFaultyWalletAnswersExactlyAsTheReferenceDoes(@TempDir Path dir) throws Exception {
        List<String> reference = plainJcardsimSession(PlainJcardsim.reference());
        List<String> faulty = plainJcardsimSession(PlainJcardsim.faulty(Fault.NON_ATOMIC_DEBIT, dir));

        assertThat(faulty).isEqualTo(reference);
    }

    @Test
    void tearingThePaymentCatchesADebitWithoutARecord(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("faulty.jar");
        FaultyWalletBuilder.write(Fault.NON_ATOMIC_DEBIT, jar);

        assertThat(debitsWithoutRecord(AppletSource.fromJar(jar, PlainJcardsim.APPLET_CLASS))).as("faulty wallet").isNotEmpty();
        assertThat(debitsWithoutRecord(AppletSource.ofClass(PlainJcardsim.APPLET_CLASS))).as("reference wallet").isEmpty();
    }

    /** Tears the payer's PAY at every persistent write; lists the points that debit without writing a record. */
    private List<Integer> debitsWithoutRecord(AppletSource source) {
        List<Integer> bad = new ArrayList<>();
        for (int k = 1; k <= 40; k++) {
            JcardsimSecureElement payer = new JcardsimSecureElement("payer" + k, source, PlainJcardsim.AID_BYTES, null, k);
            JcardsimSecureElement payee = new JcardsimSecureElement("payee" + k, source, PlainJcardsim.AID_BYTES, null, k);
            WalletClient a = cards.issue(payer, 1, 10_000);
            WalletClient b = cards.issue(payee, 2, 0);
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
        WalletClient w = cards.issuedWallet(applet, 1, 10_000);
        List<String> seen = new ArrayList<>();
        // Everything a jcardsim-only test could do: pay (to a certified peer), abort by error, read back.
        Certificate peer = cards.peer(2);
        for (long amount : new long[] {2_500, 99_999_999L, 0, 1_000}) {
            seen.add(w.send(WalletCommands.pay(amount, new byte[16], peer.encode())).sw() == Sw.OK ? "ok" : "refused");
            WalletStatus s = w.status();
            seen.add(s.balance() + "/" + s.counter() + "/" + s.records() + "/" + s.offlineCount());
        }
        return seen;
    }
}
