package org.dualoffline.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.applet.ApduAssert.assertOk;
import static org.dualoffline.applet.ApduAssert.assertSw;

import org.dualoffline.protocol.Bytes;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.ReceivePolicy;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PAY and its checks, in the order of spec 5.1. */
class PayTest {
    /** ¥50 a payment, ¥80 and 3 payments between syncs, PIN above ¥1,000 (never reached here). */
    static final Limits TIGHT = new Limits(1, 5_000, 8_000, 3, 500_000, 100_000, ReceivePolicy.SPENDABLE_AT_ONCE);

    private final Issuer issuer = TestIssuer.reference();
    private final byte[] nonce = new byte[16];
    private TestWallet alice;
    private TestWallet bob;

    @BeforeEach
    void aliceWithMoneyAndBob() {
        alice = TestWallet.active(issuer, 0xA11CE, TIGHT);
        bob = TestWallet.active(issuer, 0xB0B, TIGHT);
        alice.doLoad(20_000);
        nonce[0] = 0x5A;
    }

    @Test
    void payDebitsAndAnswersTheRecordItKeeps() {
        SignedEntry record = SignedEntry.decode(assertOk(alice.pay(1_234, nonce, bob.certificate())).data());

        WalletStatus s = alice.doStatus();
        assertThat(s.balance()).isEqualTo(20_000 - 1_234);
        assertThat(s.counter()).isEqualTo(2);
        assertThat(s.offlineCount()).isEqualTo(1);
        assertThat(s.offlineAmount()).isEqualTo(1_234);
        assertThat(s.lastHash()).isEqualTo(record.hash());
        assertThat(alice.doReadRecord(1, 0).encode()).isEqualTo(record.encode());
    }

    @Test
    void payRefusesDataOfTheWrongLength() {
        byte[] data = Bytes.concat(new byte[] {0, 0, 0, 100}, nonce, bob.certificate().encode());

        assertSw(alice.send(Forge.command(WalletCommands.INS_PAY, Forge.truncated(data, data.length - 20 - 76))), Sw.WRONG_LENGTH);
        assertSw(alice.send(Forge.command(WalletCommands.INS_PAY, Bytes.concat(data, new byte[10]))), Sw.WRONG_LENGTH);
        assertSw(alice.send(Forge.command(WalletCommands.INS_PAY, new byte[0])), Sw.WRONG_LENGTH);
        assertThat(alice.balance()).isEqualTo(20_000);
    }

    @Test
    void payRefusesAZeroAmount() {
        assertSw(alice.pay(0, nonce, bob.certificate()), Sw.WRONG_DATA);
    }

    @Test
    void payRefusesAPayeeCertificateNotSignedByTheIssuer() {
        Certificate rogue = TestIssuer.named("rogue").certify(bob.walletId(), FormFactor.CARD, bob.publicKey());

        assertSw(alice.pay(100, nonce, rogue), Sw.BAD_CERTIFICATE);
        assertThat(alice.balance()).isEqualTo(20_000);
    }

    @Test
    void payRefusesAPayeeCertificateOfAnotherSuite() {
        byte[] sm2 = Forge.certificate(bob.certificate(), issuer, b -> b[1] = 0x02);

        assertSw(alice.send(WalletCommands.pay(100, nonce, sm2)), Sw.BAD_CERTIFICATE);
    }

    @Test
    void payRefusesToPayItself() {
        assertSw(alice.pay(100, nonce, alice.certificate()), Sw.WRONG_DATA);
    }

    @Test
    void payRefusesAnAmountOverTheSingleLimit() {
        assertSw(alice.pay(5_001, nonce, bob.certificate()), Sw.LIMIT_SINGLE);
        assertOk(alice.pay(5_000, nonce, bob.certificate()));
    }

    @Test
    void payRefusesOnceTheOfflineCountIsUsedUp() {
        for (int i = 0; i < 3; i++) {
            assertOk(alice.pay(10, nonce, bob.certificate()));
        }

        assertSw(alice.pay(10, nonce, bob.certificate()), Sw.LIMIT_COUNT);
        assertThat(alice.doStatus().offlineCount()).isEqualTo(3);
    }

    @Test
    void payRefusesToGoOverTheCumulativeLimit() {
        assertOk(alice.pay(5_000, nonce, bob.certificate()));

        assertSw(alice.pay(3_001, nonce, bob.certificate()), Sw.LIMIT_CUMULATIVE);
        assertOk(alice.pay(3_000, nonce, bob.certificate()));
    }

    @Test
    void payRefusesMoreThanTheBalance() {
        TestWallet poor = TestWallet.active(issuer, 0xC0FFEE, TIGHT);
        poor.doLoad(1_000);

        assertSw(poor.pay(1_001, nonce, bob.certificate()), Sw.INSUFFICIENT_FUNDS);
        assertOk(poor.pay(1_000, nonce, bob.certificate()));
        assertThat(poor.balance()).isZero();
    }

    @Test
    void theLimitsAreCheckedBeforeTheBalance() {
        TestWallet poor = TestWallet.active(issuer, 0xC0FFEE, TIGHT);

        assertSw(poor.pay(5_001, nonce, bob.certificate()), Sw.LIMIT_SINGLE);
        assertSw(poor.pay(100, nonce, alice.certificate()), Sw.INSUFFICIENT_FUNDS);
    }

    @Test
    void aFullLogRefusesPaymentBeforeAnyDebit() {
        TestWallet small = TestWallet.active(issuer, 0xC0FFEE, TIGHT, 2);
        small.doLoad(10_000);
        assertOk(small.pay(100, nonce, bob.certificate()));
        WalletStatus before = small.doStatus();
        assertThat(before.records()).isEqualTo(2);

        assertSw(small.pay(100, nonce, bob.certificate()), Sw.STORAGE_FULL);

        WalletStatus after = small.doStatus();
        assertThat(after.balance()).isEqualTo(9_900);
        assertThat(after.counter()).isEqualTo(before.counter());
        assertThat(after.offlineCount()).isEqualTo(before.offlineCount());
        assertThat(after.offlineAmount()).isEqualTo(before.offlineAmount());
        assertThat(after.lastHash()).isEqualTo(before.lastHash());
    }

    @Test
    void theLogFreesUpAfterAnAcknowledgement() {
        TestWallet small = TestWallet.active(issuer, 0xC0FFEE, TIGHT, 2);
        small.doLoad(10_000);
        assertOk(small.pay(100, nonce, bob.certificate()));
        assertSw(small.pay(100, nonce, bob.certificate()), Sw.STORAGE_FULL);

        small.doAckAll();

        assertOk(small.pay(100, nonce, bob.certificate()));
        assertThat(small.balance()).isEqualTo(9_800);
    }

    @Test
    void aPaymentToAStaticTagDrawsItsOwnNonceAndOtherModesAreRefused() {
        TestWallet payer = TestWallet.active(TestIssuer.reference(), 0x7A6, org.dualoffline.protocol.Limits.defaults());
        TestWallet merchant = TestWallet.active(TestIssuer.reference(), 0x7A7, org.dualoffline.protocol.Limits.defaults());
        payer.doLoad(10_000);

        Response r = payer.send(org.dualoffline.protocol.WalletCommands.payToTag(800, merchant.certificate().encode()));

        org.dualoffline.protocol.SignedEntry record = org.dualoffline.protocol.SignedEntry.decode(ApduAssert.assertOk(r).data());
        assertThat(record.entry().nonce()).isNotEqualTo(new byte[16]);
        assertThat(record.entry().peerId()).isEqualTo(merchant.walletId());
        assertThat(payer.doStatus().balance()).isEqualTo(9_200);
        byte[] otherMode = org.dualoffline.protocol.WalletCommands.payToTag(800, merchant.certificate().encode());
        otherMode[2] = 0x02;
        ApduAssert.assertSw(payer.send(otherMode), org.dualoffline.protocol.Sw.WRONG_P1P2);
    }
}
