package org.dualoffline.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.applet.ApduAssert.assertOk;
import static org.dualoffline.applet.ApduAssert.assertSw;

import java.util.List;
import org.dualoffline.protocol.Bytes;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.ReceivePolicy;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.protocol.WalletStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** APPLY SYNC ACK: pruning, held value, offline counters, limits, and its refusals (spec 3.4, 5.1). */
class SyncAckTest {
    static final Limits HELD = new Limits(1, 50_000, 200_000, 20, 500_000, 20_000, ReceivePolicy.HELD_UNTIL_SYNC);

    private final Issuer issuer = TestIssuer.reference();
    private TestWallet alice;
    private TestWallet bob;

    @BeforeEach
    void aliceAndBob() {
        alice = TestWallet.active(issuer, 0xA11CE, Limits.defaults());
        bob = TestWallet.active(issuer, 0xB0B, Limits.defaults());
        alice.doLoad(100_000);
    }

    private SyncAck ackOf(TestWallet w, int index, Limits limits) {
        SignedEntry e = w.doReadRecord(index, 0);
        return issuer.acknowledge(w.walletId(), e.entry().counter(), e.hash(), limits);
    }

    @Test
    void anAcknowledgementPrunesUpToItsCounterAndRecountsTheRemainingPayments() {
        TestWallet.pay(alice, bob, 100);
        TestWallet.pay(alice, bob, 200);
        SignedEntry third = alice.doReadRecord(2, 0);

        assertOk(alice.applyAck(ackOf(alice, 1, Limits.defaults())));

        WalletStatus s = alice.doStatus();
        assertThat(s.records()).isEqualTo(1);
        assertThat(s.ackCounter()).isEqualTo(2);
        assertThat(s.offlineCount()).isEqualTo(1);
        assertThat(s.offlineAmount()).isEqualTo(200);
        assertThat(alice.doReadRecord(0, 0).encode()).isEqualTo(third.encode());
    }

    @Test
    void anAcknowledgementReleasesHeldValueOfAcknowledgedReceiptsOnly() {
        bob.doAck(0, bob.certificate().chainGenesis(), HELD);
        TestWallet.pay(alice, bob, 1_000);
        TestWallet.pay(alice, bob, 300);
        assertThat(bob.doStatus().held()).isEqualTo(1_300);

        assertOk(bob.applyAck(ackOf(bob, 0, HELD)));

        WalletStatus s = bob.doStatus();
        assertThat(s.balance()).isEqualTo(1_000);
        assertThat(s.held()).isEqualTo(300);
    }

    @Test
    void valueReceivedAsSpendableIsNotReleasedAgainAfterAPolicyChange() {
        bob.doAck(0, bob.certificate().chainGenesis(), HELD);
        TestWallet.pay(alice, bob, 1_000);
        bob.doAck(0, bob.certificate().chainGenesis(), Limits.defaults().withSeq(2));
        TestWallet.pay(alice, bob, 500);
        assertThat(bob.doStatus().held()).isEqualTo(1_000);
        assertThat(bob.doStatus().balance()).isEqualTo(500);

        bob.doAckAll();

        WalletStatus s = bob.doStatus();
        assertThat(s.balance()).isEqualTo(1_500);
        assertThat(s.held()).isZero();
    }

    @Test
    void anAcknowledgementReplacesTheLimits() {
        Limits stricter = new Limits(2, 1_000, 200_000, 20, 500_000, 20_000, ReceivePolicy.SPENDABLE_AT_ONCE);

        alice.doAck(1, alice.doStatus().lastHash(), stricter);

        assertThat(alice.doStatus().limits()).isEqualTo(stricter);
        byte[] nonce = bob.doBeginReceive(1_001, alice.certificate());
        assertSw(alice.pay(1_001, nonce, bob.certificate()), Sw.LIMIT_SINGLE);
    }

    @Test
    void theOfflineCountIsAvailableAgainAfterAnAcknowledgement() {
        Limits two = new Limits(2, 50_000, 200_000, 2, 500_000, 20_000, ReceivePolicy.SPENDABLE_AT_ONCE);
        alice.doAck(1, alice.doStatus().lastHash(), two);
        TestWallet.pay(alice, bob, 10);
        TestWallet.pay(alice, bob, 10);
        byte[] nonce = bob.doBeginReceive(10, alice.certificate());
        assertSw(alice.pay(10, nonce, bob.certificate()), Sw.LIMIT_COUNT);

        alice.doAckAll();

        assertOk(alice.pay(10, nonce, bob.certificate()));
    }

    @Test
    void theSameAcknowledgementAppliedTwiceChangesNothing() {
        TestWallet.pay(alice, bob, 100);
        SyncAck ack = ackOf(alice, 1, Limits.defaults());
        assertOk(alice.applyAck(ack));
        WalletStatus once = alice.doStatus();

        assertOk(alice.applyAck(ack));

        WalletStatus twice = alice.doStatus();
        assertThat(twice.records()).isEqualTo(once.records());
        assertThat(twice.ackCounter()).isEqualTo(once.ackCounter());
        assertThat(twice.balance()).isEqualTo(once.balance());
    }

    @Test
    void anOlderAcknowledgementIsAReplay() {
        SyncAck first = ackOf(alice, 0, Limits.defaults());
        TestWallet.pay(alice, bob, 100);
        alice.doAckAll();

        assertSw(alice.applyAck(first), Sw.REPLAY);
        assertThat(alice.doStatus().ackCounter()).isEqualTo(2);
    }

    @Test
    void anAcknowledgementBeyondTheLastEntryIsRefused() {
        WalletStatus s = alice.doStatus();

        assertSw(alice.applyAck(issuer.acknowledge(alice.walletId(), s.counter() + 1, s.lastHash(), Limits.defaults())),
                Sw.REPLAY);
    }

    @Test
    void anAcknowledgementWithOlderLimitsIsRefused() {
        alice.doAck(0, alice.certificate().chainGenesis(), Limits.defaults().withSeq(5));

        assertSw(alice.applyAck(ackOf(alice, 0, Limits.defaults().withSeq(4))), Sw.REPLAY);
        assertOk(alice.applyAck(ackOf(alice, 0, Limits.defaults().withSeq(5))));
    }

    @Test
    void anAcknowledgementForAnotherWalletIsRefused() {
        SignedEntry e = alice.doReadRecord(0, 0);

        assertSw(alice.applyAck(issuer.acknowledge(new WalletId(0xB0B), e.entry().counter(), e.hash(), Limits.defaults())),
                Sw.WRONG_WALLET);
    }

    @Test
    void anAcknowledgementNotSignedByTheIssuerIsRefused() {
        SignedEntry e = alice.doReadRecord(0, 0);
        SyncAck rogue = TestIssuer.named("rogue").acknowledge(alice.walletId(), e.entry().counter(), e.hash(), Limits.defaults());

        assertSw(alice.applyAck(rogue), Sw.BAD_SIGNATURE);
        assertThat(alice.doStatus().records()).isEqualTo(1);
    }

    @Test
    void anAcknowledgementOfAnotherChainIsRefused() {
        TestWallet.pay(alice, bob, 100);
        SignedEntry e = alice.doReadRecord(1, 0);

        assertSw(alice.applyAck(issuer.acknowledge(alice.walletId(), 2, alice.doReadRecord(0, 0).hash(), Limits.defaults())),
                Sw.CHAIN_MISMATCH);
        assertSw(alice.applyAck(issuer.acknowledge(alice.walletId(), 0, e.hash(), Limits.defaults())), Sw.CHAIN_MISMATCH);
        assertThat(alice.doStatus().records()).isEqualTo(2);
    }

    @Test
    void aMalformedAcknowledgementIsRefused() {
        SyncAck ack = ackOf(alice, 0, Limits.defaults());

        assertSw(alice.send(WalletCommands.applySyncAck(Forge.ack(ack, issuer, b -> b[1] = 0x21))), Sw.WRONG_DATA);
        assertSw(alice.send(WalletCommands.applySyncAck(Forge.ack(ack, issuer, b -> b[73] = 13))), Sw.WRONG_DATA);
        assertSw(alice.send(WalletCommands.applySyncAck(Forge.ack(ack, issuer, b -> b[72] = 0x03))), Sw.WRONG_DATA);
        assertSw(alice.send(WalletCommands.applySyncAck(ack.body())), Sw.WRONG_LENGTH);
        assertSw(alice.send(WalletCommands.applySyncAck(Bytes.concat(ack.encode(), new byte[10]))), Sw.WRONG_LENGTH);
        assertThat(alice.doStatus().records()).isEqualTo(1);
    }

    @Test
    void theLogIsARingThatKeepsTheChainAcrossWrapAround() {
        TestWallet small = TestWallet.active(issuer, 0xD0D0, Limits.defaults(), 3);
        small.doLoad(10_000);
        TestWallet.pay(small, bob, 10);
        TestWallet.pay(small, bob, 20);
        small.doAck(2, small.doReadRecord(1, 0).hash(), Limits.defaults());
        TestWallet.pay(small, bob, 30);
        TestWallet.pay(small, bob, 40);

        List<SignedEntry> records = small.records();

        assertThat(records).extracting(r -> r.entry().counter()).containsExactly(3L, 4L, 5L);
        assertThat(records).extracting(r -> r.entry().amount()).containsExactly(20L, 30L, 40L);
        assertThat(records.get(1).entry().prevHash()).isEqualTo(records.get(0).hash());
        assertThat(records.get(2).entry().prevHash()).isEqualTo(records.get(1).hash());
        assertThat(records).allSatisfy(r -> assertThat(r.isSignedBy(small.publicKey())).isTrue());
        WalletStatus s = small.doStatus();
        assertThat(s.offlineCount()).isEqualTo(3);
        assertThat(s.offlineAmount()).isEqualTo(90);

        small.doAck(4, records.get(1).hash(), Limits.defaults());
        assertThat(small.records()).extracting(r -> r.entry().counter()).containsExactly(5L);
    }
}
