package org.dualoffline.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.applet.ApduAssert.assertOk;
import static org.dualoffline.applet.ApduAssert.assertSw;

import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.ReceivePolicy;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.protocol.WalletStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UNLOAD (defunding): the signed UNLOAD entry is the redeem record (spec 3.2, 5, 5.1). */
class UnloadTest {
    /** ¥50 a payment, ¥80 and 3 payments between syncs, PIN above ¥10: all far below the unloads here. */
    static final Limits TIGHT = new Limits(1, 5_000, 8_000, 3, 500_000, 1_000, ReceivePolicy.SPENDABLE_AT_ONCE);

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

    private Response unloadWith(int p1, int p2, byte[] data) {
        return alice.send(WalletCommands.apdu(WalletCommands.CLA, WalletCommands.INS_UNLOAD, p1, p2, data, true));
    }

    /** Balance, held, counter, log, chain and offline counters exactly as before: nothing was written. */
    private static void assertUnchanged(WalletStatus after, WalletStatus before) {
        assertThat(after.balance()).as("balance").isEqualTo(before.balance());
        assertThat(after.held()).as("held").isEqualTo(before.held());
        assertThat(after.counter()).as("counter").isEqualTo(before.counter());
        assertThat(after.records()).as("records").isEqualTo(before.records());
        assertThat(after.lastHash()).as("last hash").isEqualTo(before.lastHash());
        assertThat(after.offlineCount()).as("offline count").isEqualTo(before.offlineCount());
        assertThat(after.offlineAmount()).as("paid since ack").isEqualTo(before.offlineAmount());
    }

    // ------------------------------------------------------------------ success

    @Test
    void unloadDebitsAndAnswersTheSignedRedeemRecordItKeeps() {
        WalletStatus before = alice.doStatus();

        SignedEntry record = alice.doUnload(7_500);

        Entry e = record.entry();
        assertThat(record.isSignedBy(alice.certificate().publicKey())).as("signed with the wallet key").isTrue();
        assertThat(record.isSignedBy(bob.certificate().publicKey())).isFalse();
        assertThat(e.type()).isEqualTo(EntryType.UNLOAD);
        assertThat(e.walletId()).isEqualTo(alice.walletId());
        assertThat(e.counter()).isEqualTo(before.counter() + 1);
        assertThat(e.peerId()).isEqualTo(WalletId.NONE);
        assertThat(e.amount()).isEqualTo(7_500);
        assertThat(e.nonce()).containsOnly(0);
        assertThat(e.peerCounter()).isZero();
        assertThat(e.refHash()).containsOnly(0);
        assertThat(e.prevHash()).isEqualTo(before.lastHash());

        WalletStatus after = alice.doStatus();
        assertThat(after.balance()).isEqualTo(20_000 - 7_500);
        assertThat(after.counter()).isEqualTo(before.counter() + 1);
        assertThat(after.records()).isEqualTo(before.records() + 1);
        assertThat(after.lastHash()).isEqualTo(record.hash());
        assertThat(alice.doReadRecord(after.records() - 1, 0).encode()).isEqualTo(record.encode());
    }

    @Test
    void theWholeBalanceCanBeUnloadedAndTheNextEntryChainsOnTheRedeemRecord() {
        SignedEntry record = alice.doUnload(20_000);
        assertThat(alice.balance()).isZero();

        SignedEntry load = alice.doLoad(100);

        assertThat(load.entry().counter()).isEqualTo(record.entry().counter() + 1);
        assertThat(load.entry().prevHash()).isEqualTo(record.hash());
    }

    @Test
    void unloadNeedsNoPinAndIsNotBoundByTheOfflineLimits() {
        // 15,000 is over maxSingle (5,000), maxCumulative (8,000) and the PIN-free threshold (1,000); no PIN verified.
        assertOk(alice.unload(15_000));

        assertThat(alice.balance()).isEqualTo(5_000);
    }

    @Test
    void anUnloadDoesNotChangeTheOfflinePaymentCountOrThePaidAmount() {
        assertOk(alice.pay(1_000, nonce, bob.certificate()));
        WalletStatus afterPay = alice.doStatus();
        assertThat(afterPay.offlineCount()).isEqualTo(1);

        alice.doUnload(2_000);

        WalletStatus afterUnload = alice.doStatus();
        assertThat(afterUnload.offlineCount()).isEqualTo(afterPay.offlineCount());
        assertThat(afterUnload.offlineAmount()).isEqualTo(afterPay.offlineAmount());
    }

    @Test
    void aWalletWhoseOfflineCountIsUsedUpCanStillUnload() {
        for (int i = 0; i < 3; i++) {
            assertOk(alice.pay(10, nonce, bob.certificate()));
        }
        assertSw(alice.pay(10, nonce, bob.certificate()), Sw.LIMIT_COUNT);

        alice.doUnload(1_000);

        assertThat(alice.doStatus().offlineCount()).isEqualTo(3);
        assertThat(alice.balance()).isEqualTo(20_000 - 30 - 1_000);
    }

    // ------------------------------------------------------------------ refusals, nothing written

    @Test
    void unloadRefusesDataOfTheWrongLength() {
        WalletStatus before = alice.doStatus();

        assertSw(unloadWith(0, 0, new byte[0]), Sw.WRONG_LENGTH);
        assertSw(unloadWith(0, 0, new byte[] {0, 0, 1}), Sw.WRONG_LENGTH);
        assertSw(unloadWith(0, 0, new byte[] {0, 0, 0, 1, 0}), Sw.WRONG_LENGTH);

        assertUnchanged(alice.doStatus(), before);
    }

    @Test
    void unloadRefusesAZeroAmount() {
        WalletStatus before = alice.doStatus();

        assertSw(alice.unload(0), Sw.WRONG_DATA);

        assertUnchanged(alice.doStatus(), before);
    }

    @Test
    void unloadRefusesMoreThanTheBalance() {
        WalletStatus before = alice.doStatus();

        assertSw(alice.unload(20_001), Sw.INSUFFICIENT_FUNDS);
        assertSw(alice.unload(0xFFFF_FFFFL), Sw.INSUFFICIENT_FUNDS);

        assertUnchanged(alice.doStatus(), before);
    }

    @Test
    void heldValueCannotBeUnloadedUntilTheAcknowledgementMakesItSpendable() {
        Limits held = new Limits(1, 50_000, 200_000, 20, 500_000, 20_000, ReceivePolicy.HELD_UNTIL_SYNC);
        TestWallet payer = TestWallet.active(issuer, 0xCA1, held);
        TestWallet payee = TestWallet.active(issuer, 0xCA2, held);
        payer.doLoad(10_000);
        payee.doLoad(1_000);
        TestWallet.pay(payer, payee, 3_000);
        WalletStatus before = payee.doStatus();
        assertThat(before.held()).isEqualTo(3_000);

        assertSw(payee.unload(1_001), Sw.INSUFFICIENT_FUNDS);
        assertUnchanged(payee.doStatus(), before);

        payee.doUnload(1_000);
        assertThat(payee.doStatus().held()).as("held value untouched by the unload").isEqualTo(3_000);
        payee.doAckAll();
        payee.doUnload(3_000);
        WalletStatus after = payee.doStatus();
        assertThat(after.balance()).isZero();
        assertThat(after.held()).isZero();
    }

    @Test
    void aFullLogRefusesAnUnloadBeforeAnyDebit() {
        TestWallet small = TestWallet.active(issuer, 0xC0FFEE, TIGHT, 2);
        small.doLoad(10_000);
        small.doUnload(100);
        WalletStatus before = small.doStatus();
        assertThat(before.records()).isEqualTo(2);

        assertSw(small.unload(100), Sw.STORAGE_FULL);
        assertUnchanged(small.doStatus(), before);

        small.doAckAll();
        small.doUnload(100);
        assertThat(small.balance()).isEqualTo(9_800);
    }

    @Test
    void theChecksComeInTheSpecOrder() {
        TestWallet small = TestWallet.active(issuer, 0xC0FFEE, TIGHT, 1);
        small.doLoad(1_000);
        WalletStatus before = small.doStatus();

        assertSw(small.send(Forge.command(WalletCommands.INS_UNLOAD, new byte[] {0, 0, 0})), Sw.WRONG_LENGTH);
        assertSw(small.unload(0), Sw.WRONG_DATA);
        assertSw(small.unload(1_001), Sw.INSUFFICIENT_FUNDS);
        assertSw(small.unload(1_000), Sw.STORAGE_FULL);

        assertUnchanged(small.doStatus(), before);
    }

    @Test
    void otherP1P2ValuesAreRefused() {
        WalletStatus before = alice.doStatus();
        byte[] amount = {0, 0, 0, 100};

        assertSw(unloadWith(1, 0, amount), Sw.WRONG_P1P2);
        assertSw(unloadWith(0, 1, amount), Sw.WRONG_P1P2);

        assertUnchanged(alice.doStatus(), before);
    }

    // ------------------------------------------------------------------ the log

    @Test
    void readRecordAnswersAnUnloadEntryLikeAPayOrLoadEntry() {
        SignedEntry record = alice.doUnload(500);

        assertThat(alice.doReadRecord(1, 0).encode()).isEqualTo(record.encode());
        assertSw(alice.readRecord(1, 1), Sw.WRONG_P1P2);
        assertSw(alice.readRecord(0, 1), Sw.WRONG_P1P2);
    }

    @Test
    void anAcknowledgementPrunesUnloadEntriesAndCountsOnlyThePaymentsLeft() {
        SignedEntry unload = alice.doUnload(2_000);                      // counter 2
        SignedEntry pay = SignedEntry.decode(assertOk(alice.pay(900, nonce, bob.certificate())).data()); // 3
        SignedEntry unloadAfterPay = alice.doUnload(500);                // 4

        // Acknowledge the LOAD only: UNLOAD, PAY, UNLOAD stay; only the PAY counts as an offline payment.
        alice.doAck(1, alice.records().get(0).hash(), TIGHT);
        WalletStatus s = alice.doStatus();
        assertThat(s.records()).isEqualTo(3);
        assertThat(alice.records()).extracting(r -> r.entry().type())
                .containsExactly(EntryType.UNLOAD, EntryType.PAY, EntryType.UNLOAD);
        assertThat(s.offlineCount()).isEqualTo(1);
        assertThat(s.offlineAmount()).isEqualTo(900);

        // Acknowledge up to the first UNLOAD: it is pruned like any entry.
        alice.doAck(2, unload.hash(), TIGHT);
        assertThat(alice.records()).extracting(SignedEntry::encode)
                .containsExactly(pay.encode(), unloadAfterPay.encode());

        alice.doAckAll();
        WalletStatus acked = alice.doStatus();
        assertThat(acked.records()).isZero();
        assertThat(acked.ackCounter()).isEqualTo(4);
        assertThat(acked.offlineCount()).isZero();
        assertThat(acked.offlineAmount()).isZero();
        assertThat(acked.balance()).isEqualTo(20_000 - 2_000 - 900 - 500);
    }
}
