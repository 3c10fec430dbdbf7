package org.dualoffline.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.applet.ApduAssert.assertSw;

import java.nio.charset.StandardCharsets;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sm2Sm3;
import org.dualoffline.protocol.Sw;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.JcardsimSecureElement;
import org.junit.jupiter.api.Test;

/**
 * The reference wallet in suite 02 (SM2 with SM3, install data's second byte 02): what it signs
 * verifies under SM2 with the default identifier, its hash chain is SM3, the issuer it trusts signs
 * with SM2, and it takes no certificate of suite 01 (spec [P-2-7]) - nor does a suite-01 wallet
 * take one of suite 02.
 */
class Suite02Test {
    private static final byte[] SUITE_02 = {32, Constants.SUITE_SM2_SM3};

    static Issuer sm2Issuer(String name) {
        byte[] d = Sm2Sm3.INSTANCE.hash(("dual-offline test issuer " + name).getBytes(StandardCharsets.UTF_8));
        return new Issuer(Sm2Sm3.INSTANCE, d, Sm2Sm3.INSTANCE.publicKeyOf(d));
    }

    private static TestWallet suite02(Issuer issuer, long id) {
        TestWallet w = TestWallet.installedWith(issuer, TestWallet.installData(SUITE_02));
        w.enrol(id, Limits.defaults());
        return w;
    }

    @Test
    void twoSuite02WalletsPayEachOtherWithSm2SignaturesAndAnSm3Chain() {
        Issuer issuer = sm2Issuer("suite 02");
        TestWallet alice = suite02(issuer, 0xA11CE);
        TestWallet bob = suite02(issuer, 0xB0B);
        assertThat(alice.certificate().suite()).isEqualTo(Sm2Sm3.ID);

        SignedEntry load = alice.doLoad(10_000);
        assertThat(Sm2Sm3.INSTANCE.verify(alice.publicKey(), load.entryBytes(), load.signature())).isTrue();
        assertThat(load.entry().prevHash()).isEqualTo(Sm2Sm3.INSTANCE.hash(alice.certificate().body()));

        TestWallet.Payment p = TestWallet.pay(alice, bob, 2_500);
        assertThat(alice.balance()).isEqualTo(7_500);
        assertThat(bob.balance()).isEqualTo(2_500);

        SignedEntry pay = p.payEntry();
        SignedEntry receipt = p.receiveEntry();
        assertThat(Sm2Sm3.INSTANCE.verify(alice.publicKey(), pay.entryBytes(), pay.signature())).as("PAY under SM2").isTrue();
        assertThat(P256Sha256.INSTANCE.verify(alice.publicKey(), pay.entryBytes(), pay.signature())).isFalse();
        assertThat(Sm2Sm3.INSTANCE.verify(bob.publicKey(), receipt.entryBytes(), receipt.signature())).as("RECEIVE under SM2").isTrue();

        Entry payEntry = pay.entry();
        assertThat(payEntry.type()).isEqualTo(EntryType.PAY);
        assertThat(payEntry.prevHash()).as("the chain is SM3").isEqualTo(Sm2Sm3.INSTANCE.hash(load.entryBytes()));
        Entry receiveEntry = receipt.entry();
        assertThat(receiveEntry.refHash()).isEqualTo(Sm2Sm3.INSTANCE.hash(pay.entryBytes()));
        assertThat(receiveEntry.prevHash()).isEqualTo(bob.certificate().chainGenesis());
    }

    @Test
    void aWalletTakesNoCertificateOfTheOtherSuite() {
        Issuer sm2 = sm2Issuer("suite 02");
        Issuer p256 = TestIssuer.reference();
        TestWallet sm2Alice = suite02(sm2, 0xA11CE);
        TestWallet p256Bob = TestWallet.active(p256, 0xB0B, Limits.defaults());
        sm2Alice.doLoad(1_000);
        p256Bob.doLoad(1_000);

        assertSw(sm2Alice.beginReceive(100, p256Bob.certificate()), Sw.BAD_CERTIFICATE);
        assertSw(p256Bob.beginReceive(100, sm2Alice.certificate()), Sw.BAD_CERTIFICATE);
        assertThat(sm2Alice.balance()).isEqualTo(1_000);
        assertThat(p256Bob.balance()).isEqualTo(1_000);
    }

    @Test
    void anInstallWithAnUnknownSuiteFails() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> TestWallet.installedWith(TestIssuer.reference(), TestWallet.installData(new byte[] {32, 0x03})))
                .isNotNull();
    }

    @Test
    void onTheTransactionalRuntimeASuite02PaymentIsMeteredAsSm2() {
        Issuer issuer = sm2Issuer("runtime");
        AppletSource applet = AppletSource.ofClass(WalletApplet.class.getName());
        JcardsimSecureElement seA = new JcardsimSecureElement("a", applet, org.dualoffline.protocol.WalletCommands.REFERENCE_AID,
                SUITE_02, 1).speaksWalletProtocol();
        JcardsimSecureElement seB = new JcardsimSecureElement("b", applet, org.dualoffline.protocol.WalletCommands.REFERENCE_AID,
                SUITE_02, 2).speaksWalletProtocol();
        TestWallet alice = TestWallet.activeOn(seA, issuer, 0xA11CE, Limits.defaults());
        TestWallet bob = TestWallet.activeOn(seB, issuer, 0xB0B, Limits.defaults());
        alice.doLoad(5_000);
        TestWallet.Payment p = TestWallet.pay(alice, bob, 700);
        assertThat(Sm2Sm3.INSTANCE.verify(alice.publicKey(), p.payEntry().entryBytes(), p.payEntry().signature())).isTrue();
        // RECEIVE on the payee: it verifies the payer's PAY entry and signs its receipt, both SM2, and nothing of P-256
        assertThat(seB.lastCost().sm2Verifications()).isEqualTo(1);
        assertThat(seB.lastCost().sm2Signatures()).isEqualTo(1);
        assertThat(seB.lastCost().signatures() + seB.lastCost().verifications() + seB.lastCost().digestBytes()).isZero();
        assertThat(seB.lastCost().sm3Bytes()).isPositive();
        assertThat(bob.balance()).isEqualTo(700);
    }
}
