package org.dualoffline.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.applet.ApduAssert.assertSw;

import java.util.List;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.ReceivePolicy;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.protocol.WalletStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole payments between two enrolled wallets (spec 6a), checked off-card as the backend would. */
class PaymentFlowTest {
    private final Issuer issuer = TestIssuer.reference();
    private TestWallet alice;
    private TestWallet bob;

    @BeforeEach
    void enrolAliceAndBob() {
        alice = TestWallet.active(issuer, 0xA11CE, Limits.defaults());
        bob = TestWallet.active(issuer, 0xB0B, Limits.defaults());
    }

    @Test
    void aPaymentMovesTheAmountAndBothRecordsVerifyUnderTheCertifiedKeys() {
        SignedEntry load = alice.doLoad(10_000);

        TestWallet.Payment p = TestWallet.pay(alice, bob, 2_500);

        assertThat(p.payEntry().isSignedBy(alice.certificate().publicKey())).isTrue();
        assertThat(p.receiveEntry().isSignedBy(bob.certificate().publicKey())).isTrue();
        assertThat(alice.balance()).isEqualTo(7_500);
        assertThat(bob.balance()).isEqualTo(2_500);

        Entry pay = p.payEntry().entry();
        assertThat(pay.type()).isEqualTo(EntryType.PAY);
        assertThat(pay.walletId()).isEqualTo(alice.walletId());
        assertThat(pay.counter()).isEqualTo(load.entry().counter() + 1);
        assertThat(pay.peerId()).isEqualTo(bob.walletId());
        assertThat(pay.amount()).isEqualTo(2_500);
        assertThat(pay.nonce()).isEqualTo(p.nonce());
        assertThat(pay.peerCounter()).isZero();
        assertThat(pay.refHash()).containsOnly(0);
        assertThat(pay.prevHash()).isEqualTo(load.hash());

        Entry receipt = p.receiveEntry().entry();
        assertThat(receipt.type()).isEqualTo(EntryType.RECEIVE);
        assertThat(receipt.walletId()).isEqualTo(bob.walletId());
        assertThat(receipt.counter()).isEqualTo(1);
        assertThat(receipt.peerId()).isEqualTo(alice.walletId());
        assertThat(receipt.amount()).isEqualTo(2_500);
        assertThat(receipt.nonce()).isEqualTo(p.nonce());
        assertThat(receipt.peerCounter()).isEqualTo(pay.counter());
        assertThat(receipt.refHash()).isEqualTo(p.payEntry().hash());
        assertThat(receipt.prevHash()).isEqualTo(bob.certificate().chainGenesis());
    }

    @Test
    void theLogHoldsOneHashChainFromTheCertificateWithCountersOneByOne() {
        alice.doLoad(50_000);
        TestWallet.pay(alice, bob, 1_000);
        TestWallet.pay(bob, alice, 300);
        TestWallet.pay(alice, bob, 2_000);
        alice.doLoad(5_000);

        List<SignedEntry> records = alice.records();

        assertThat(records).extracting(r -> r.entry().type())
                .containsExactly(EntryType.LOAD, EntryType.PAY, EntryType.RECEIVE, EntryType.PAY, EntryType.LOAD);
        byte[] prev = alice.certificate().chainGenesis();
        long counter = 0;
        for (SignedEntry r : records) {
            assertThat(r.isSignedBy(alice.publicKey())).as("signature of %s", r.entry()).isTrue();
            assertThat(r.entry().prevHash()).as("prevHash of %s", r.entry()).isEqualTo(prev);
            assertThat(r.entry().counter()).isEqualTo(++counter);
            prev = r.hash();
        }
        WalletStatus s = alice.doStatus();
        assertThat(s.counter()).isEqualTo(5);
        assertThat(s.lastHash()).isEqualTo(prev);
        assertThat(s.balance()).isEqualTo(50_000 - 1_000 + 300 - 2_000 + 5_000);
        assertThat(s.offlineCount()).isEqualTo(2);
        assertThat(s.offlineAmount()).isEqualTo(3_000);
    }

    @Test
    void thePayeeKeepsThePayersRecordBesideItsReceipt() {
        alice.doLoad(10_000);
        TestWallet.Payment p = TestWallet.pay(alice, bob, 700);

        SignedEntry own = bob.doReadRecord(0, 0);
        SignedEntry payers = bob.doReadRecord(0, 1);

        assertThat(own.encode()).isEqualTo(p.receiveEntry().encode());
        assertThat(payers.encode()).isEqualTo(p.payEntry().encode());
        assertThat(payers.isSignedBy(alice.certificate().publicKey())).isTrue();
    }

    @Test
    void heldUntilSyncCreditsHeldValueThatTheAcknowledgementReleases() {
        Limits held = new Limits(2, 50_000, 200_000, 20, 500_000, 20_000, ReceivePolicy.HELD_UNTIL_SYNC);
        bob.doAck(0, bob.certificate().chainGenesis(), held);
        alice.doLoad(10_000);

        TestWallet.pay(alice, bob, 4_000);

        WalletStatus before = bob.doStatus();
        assertThat(before.balance()).isZero();
        assertThat(before.held()).isEqualTo(4_000);

        bob.doAckAll();

        WalletStatus after = bob.doStatus();
        assertThat(after.balance()).isEqualTo(4_000);
        assertThat(after.held()).isZero();
    }

    @Test
    void theAcknowledgementPrunesRecordsAndResetsTheOfflineCount() {
        alice.doLoad(10_000);
        TestWallet.pay(alice, bob, 100);
        TestWallet.pay(alice, bob, 200);
        assertThat(alice.doStatus().records()).isEqualTo(3);

        alice.doAckAll();

        WalletStatus s = alice.doStatus();
        assertThat(s.records()).isZero();
        assertThat(s.offlineCount()).isZero();
        assertThat(s.offlineAmount()).isZero();
        assertThat(s.ackCounter()).isEqualTo(3);
        assertThat(s.counter()).isEqualTo(3);
        assertThat(s.balance()).isEqualTo(9_700);
    }

    @Test
    void theChainContinuesAcrossAnAcknowledgement() {
        alice.doLoad(10_000);
        SignedEntry beforeAck = TestWallet.pay(alice, bob, 100).payEntry();
        alice.doAckAll();

        SignedEntry afterAck = TestWallet.pay(alice, bob, 100).payEntry();

        assertThat(afterAck.entry().counter()).isEqualTo(beforeAck.entry().counter() + 1);
        assertThat(afterAck.entry().prevHash()).isEqualTo(beforeAck.hash());
    }

    @Test
    void anOverLimitPaymentLeavesBothBalancesAndCountersUnchanged() {
        alice.doLoad(100_000);
        alice.verifyPin(TestWallet.PIN);
        WalletStatus aliceBefore = alice.doStatus();
        WalletStatus bobBefore = bob.doStatus();
        long tooMuch = Limits.defaults().maxSingle() + 1;

        byte[] nonce = bob.doBeginReceive(tooMuch, alice.certificate());
        assertSw(alice.pay(tooMuch, nonce, bob.certificate()), Sw.LIMIT_SINGLE);

        WalletStatus aliceAfter = alice.doStatus();
        WalletStatus bobAfter = bob.doStatus();
        assertThat(aliceAfter.balance()).isEqualTo(aliceBefore.balance());
        assertThat(aliceAfter.counter()).isEqualTo(aliceBefore.counter());
        assertThat(aliceAfter.records()).isEqualTo(aliceBefore.records());
        assertThat(aliceAfter.offlineCount()).isEqualTo(aliceBefore.offlineCount());
        assertThat(bobAfter.balance()).isEqualTo(bobBefore.balance());
        assertThat(bobAfter.counter()).isEqualTo(bobBefore.counter());
    }

    @Test
    void aTouchBrokenAfterPayLeavesThePayerDebitedWithARecordForTheBackend() {
        alice.doLoad(10_000);
        byte[] nonce = bob.doBeginReceive(1_500, alice.certificate());
        SignedEntry payment = SignedEntry.decode(alice.pay(1_500, nonce, bob.certificate()).data());

        bob.powerCycle();

        assertSw(bob.receive(payment.encode()), Sw.CONDITIONS_NOT_SATISFIED);
        assertThat(bob.balance()).isZero();
        assertThat(alice.balance()).isEqualTo(8_500);
        assertThat(alice.doReadRecord(1, 0).encode()).isEqualTo(payment.encode());
    }

    @Test
    void eachWalletSignsWithItsOwnKey() {
        alice.doLoad(10_000);
        TestWallet.Payment p = TestWallet.pay(alice, bob, 10);

        assertThat(P256Sha256.INSTANCE.verify(bob.publicKey(), p.receiveEntry().entryBytes(), p.receiveEntry().signature()))
                .isTrue();
        assertThat(P256Sha256.INSTANCE.verify(alice.publicKey(), p.receiveEntry().entryBytes(), p.receiveEntry().signature()))
                .as("bob's receipt under alice's key").isFalse();
        assertThat(p.payEntry().entry().peerId()).isEqualTo(new WalletId(0xB0B));
    }
}
