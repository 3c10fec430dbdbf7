package org.dualoffline.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.backend.testing.Problems.assertProblem;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendApi.SyncReply;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.OfflinePayment;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.backend.testing.Upload;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.SyncAck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The upload rules of spec section 7: chaining, duplicates, gaps, settlement from either side, load tokens, conflicts. */
class SyncRulesTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(1001);

    private BackendApi api;
    private TestWallet alice;
    private TestWallet bob;

    @BeforeEach
    void twoFundedWallets() {
        api = backend.api();
        alice = api.enrol("Alice");
        bob = api.enrol("Bob's Noodles");
        api.fund(alice, 10_000);
    }

    @Test
    void aPaymentUploadedOnlyByThePayerSettlesThePayee() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 2_500);

        SyncReply reply = api.syncOk(alice, p.payerRecord());

        assertThat(reply.accepted()).isEqualTo(1);
        assertThat(api.wallet(bob).getLong("settledIncoming")).isEqualTo(2_500);
        assertThat(api.wallet(bob).getLong("offlineBalance")).isEqualTo(2_500);
        assertThat(api.wallet(alice).getLong("offlineBalance")).isEqualTo(7_500);
        assertThat(api.payments(bob)).singleElement().satisfies(pay -> {
            assertThat(pay).containsEntry("payerId", alice.id().hex()).containsEntry("payeeId", bob.id().hex())
                    .containsEntry("status", "SETTLED").containsEntry("reportedByPayer", true).containsEntry("reportedByPayee", false);
            assertThat(((Number) pay.get("amount")).longValue()).isEqualTo(2_500);
        });
    }

    @Test
    void aPaymentUploadedOnlyByThePayeeSettlesBothSides() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 1_200);

        api.syncOk(bob, p.payeeRecord());

        assertThat(api.wallet(bob).getLong("settledIncoming")).isEqualTo(1_200);
        assertThat(api.wallet(alice).getLong("settledOutgoing")).isEqualTo(1_200);
        assertThat(api.payments(alice)).singleElement().satisfies(pay ->
                assertThat(pay).containsEntry("reportedByPayer", false).containsEntry("reportedByPayee", true));
    }

    @Test
    void aPaymentReportedByPayerThenPayeeSettlesExactlyOnce() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 800);

        api.syncOk(alice, p.payerRecord());
        api.syncOk(bob, p.payeeRecord());

        assertSettledOnceAndConfirmedByBoth(p);
    }

    @Test
    void aPaymentReportedByPayeeThenPayerSettlesExactlyOnce() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 800);

        api.syncOk(bob, p.payeeRecord());
        api.syncOk(alice, p.payerRecord());

        assertSettledOnceAndConfirmedByBoth(p);
    }

    private void assertSettledOnceAndConfirmedByBoth(OfflinePayment p) {
        assertThat(api.wallet(bob).getLong("settledIncoming")).isEqualTo(p.amount());
        assertThat(api.wallet(alice).getLong("settledOutgoing")).isEqualTo(p.amount());
        List<Map<String, Object>> payments = api.payments(alice);
        assertThat(payments).singleElement().satisfies(pay ->
                assertThat(pay).containsEntry("reportedByPayer", true).containsEntry("reportedByPayee", true));
    }

    @Test
    void uploadingTheSameEntriesAgainIsIdempotent() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 300);
        SyncReply first = api.syncOk(alice, p.payerRecord());

        SyncReply again = api.syncOk(alice, p.payerRecord());

        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(again.ackCounter()).isEqualTo(first.ackCounter());
        assertThat(api.wallet(bob).getLong("settledIncoming")).isEqualTo(300);
        assertThat(api.payments(alice)).hasSize(1);
    }

    @Test
    void theWholeLogUploadedAgainCountsEveryEntryAsADuplicate() {
        OfflinePayment p1 = OfflinePayment.between(alice, bob, 100);
        OfflinePayment p2 = OfflinePayment.between(alice, bob, 200);
        api.syncOk(alice, p1.payerRecord(), p2.payerRecord());

        List<Upload> wholeLog = alice.log().stream().map(Upload::of).toList();
        var reply = api.sync(alice, wholeLog).then().statusCode(200).extract().jsonPath();

        assertThat(reply.getInt("accepted")).isZero();
        assertThat(reply.getInt("duplicates")).isEqualTo(3);
        assertThat(api.wallet(bob).getLong("settledIncoming")).isEqualTo(300);
    }

    @Test
    void anEntryBeyondAGapWaitsUntilTheGapIsFilled() {
        OfflinePayment p1 = OfflinePayment.between(alice, bob, 100);
        OfflinePayment p2 = OfflinePayment.between(alice, bob, 200);
        OfflinePayment p3 = OfflinePayment.between(alice, bob, 400);

        SyncReply gap = api.syncOk(alice, p3.payerRecord(), p2.payerRecord());
        assertThat(gap.accepted()).isZero();
        assertThat(gap.pending()).isEqualTo(2);
        assertThat(gap.ackCounter()).isEqualTo(1);
        assertThat(api.wallet(alice).getInt("pendingRecords")).isEqualTo(2);
        assertThat(api.wallet(bob).getLong("settledIncoming")).isZero();

        SyncReply filled = api.syncOk(alice, p1.payerRecord());

        assertThat(filled.accepted()).isEqualTo(3);
        assertThat(filled.pending()).isZero();
        assertThat(filled.ackCounter()).isEqualTo(p3.payerCounter());
        assertThat(api.wallet(bob).getLong("settledIncoming")).isEqualTo(700);
        assertThat(api.payments(alice)).extracting(m -> ((Number) m.get("payerCounter")).longValue()).containsExactly(2L, 3L, 4L);
    }

    @Test
    void entriesOfOneUploadAreTakenInCounterOrder() {
        OfflinePayment p1 = OfflinePayment.between(alice, bob, 100);
        OfflinePayment p2 = OfflinePayment.between(alice, bob, 200);

        SyncReply reply = api.syncOk(alice, p2.payerRecord(), p1.payerRecord());

        assertThat(reply.accepted()).isEqualTo(2);
        assertThat(reply.pending()).isZero();
        assertThat(reply.ackCounter()).isEqualTo(p2.payerCounter());
    }

    @Test
    void thePendingEntryUploadedAgainIsADuplicate() {
        OfflinePayment.between(alice, bob, 100);
        OfflinePayment p2 = OfflinePayment.between(alice, bob, 200);
        api.syncOk(alice, p2.payerRecord());

        SyncReply again = api.syncOk(alice, p2.payerRecord());

        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(again.pending()).isEqualTo(1);
    }

    @Test
    void theAcknowledgementIsIssuerSignedForTheLastContiguousEntryWithTheWalletsLimits() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 100);

        SyncAck ack = api.syncOk(alice, p.payerRecord()).ack();

        assertThat(ack.walletId()).isEqualTo(alice.id());
        assertThat(ack.ackCounter()).isEqualTo(alice.counter());
        assertThat(ack.ackHash()).isEqualTo(alice.lastHash());
        assertThat(ack.limits()).isEqualTo(org.dualoffline.protocol.Limits.defaults());
        assertThat(org.dualoffline.protocol.P256Sha256.INSTANCE.verify(api.issuerPublicKey(), ack.body(), ack.issuerSignature())).isTrue();
    }

    @Test
    void anEmptyUploadAnswersTheCurrentAcknowledgement() {
        SyncReply reply = api.syncOk(bob);

        assertThat(reply.accepted()).isZero();
        assertThat(reply.ackCounter()).isZero();
        assertThat(reply.ack().ackHash()).isEqualTo(bob.certificate().chainGenesis());
    }

    @Test
    void aLoadEntryRedeemsItsLoadToken() {
        api.deposit(bob, 5_000).then().statusCode(201);
        LoadToken token = api.loadToken(bob, 3_000);
        assertThat(api.wallet(bob).getLong("unredeemedLoads")).isEqualTo(3_000);

        api.syncOk(bob, Upload.of(bob.load(token)));

        JsonPath w = api.wallet(bob);
        assertThat(w.getLong("unredeemedLoads")).isZero();
        assertThat(w.getLong("onlineBalance")).isEqualTo(2_000);
        assertThat(w.getLong("offlineBalance")).isEqualTo(3_000);
    }

    @Test
    void aLoadEntryWithoutAnIssuedTokenIsRefused() {
        LoadToken forged = new LoadToken(bob.id(), 1, 9_999, new byte[8]);

        String detail = assertProblem(api.sync(bob, Upload.of(bob.load(forged))), 422, Failure.UNACCEPTABLE_ENTRY);

        assertThat(detail).isEqualTo("LOAD entry #1 names load sequence 1, but no load token with that sequence was issued to wallet " + bob.id());
        assertThat(api.wallet(bob).getLong("lastCounter")).isZero();
    }

    @Test
    void aLoadEntryForMoreThanItsTokenIsRefused() {
        api.deposit(bob, 5_000).then().statusCode(201);
        LoadToken token = api.loadToken(bob, 1_000);
        LoadToken inflated = new LoadToken(token.walletId(), token.loadSeq(), 4_000, token.issuerSignature());

        String detail = assertProblem(api.sync(bob, Upload.of(bob.load(inflated))), 422, Failure.UNACCEPTABLE_ENTRY);

        assertThat(detail).isEqualTo("LOAD entry #1 loads 4000 fen, but load token " + token.loadSeq() + " was issued for 1000 fen");
    }

    @Test
    void aTamperedEntryIsRefusedAsBadSignatureNamingItsCounter() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 2_000);
        byte[] tampered = p.pay().entryBytes();
        tampered[25] = (byte) 0x10; // amount 2000 fen -> more

        String detail = assertProblem(api.sync(alice, Upload.of(new SignedEntry(tampered, p.pay().signature()))), 422, Failure.BAD_SIGNATURE);

        assertThat(detail).isEqualTo("bad signature: records[0] (PAY #" + p.payerCounter() + ") (counter " + p.payerCounter()
                + ") is not signed by the certified key of wallet " + alice.id());
        assertThat(api.wallet(bob).getLong("settledIncoming")).isZero();
    }

    @Test
    void aTamperedPayEntryBesideAReceiveIsRefusedAsBadSignature() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 2_000);
        byte[] tampered = p.pay().entryBytes();
        tampered[30] ^= 1; // nonce
        Upload forged = p.payeeRecord().withPeer(org.dualoffline.protocol.Hex.of(tampered), org.dualoffline.protocol.Hex.of(p.pay().signature()));

        String detail = assertProblem(api.sync(bob, forged), 422, Failure.BAD_SIGNATURE);

        assertThat(detail).isEqualTo("bad signature: the PAY entry beside records[0] (RECEIVE #" + p.receive().entry().counter()
                + ") (payer counter " + p.payerCounter() + ") is not signed by the certified key of payer wallet " + alice.id());
    }

    @Test
    void aDifferentEntryAtAnAcceptedCounterIsAForkAndIsNotAccepted() {
        TestWallet clone = alice.cloneSe();
        OfflinePayment original = OfflinePayment.between(alice, bob, 500);
        api.syncOk(alice, original.payerRecord());
        TestWallet carol = api.enrol("Carol");
        OfflinePayment forked = OfflinePayment.between(clone, carol, 500);

        String detail = assertProblem(api.sync(clone, forked.payerRecord()), 409, Failure.FORK_OR_DOUBLE_SPEND);

        assertThat(detail).isEqualTo("fork: records[0] (PAY #" + forked.payerCounter() + ") of wallet " + alice.id() + " has hash "
                + Hex.of(forked.pay().hash()) + ", but the backend already holds a different accepted entry #" + original.payerCounter()
                + " (hash " + Hex.of(original.pay().hash()) + "); the upload was not applied");
        assertThat(api.wallet(carol).getLong("settledIncoming")).isZero();
        assertThat(api.wallet(alice).getInt("conflicts")).isEqualTo(1);
        assertThat(api.wallet(alice).getLong("lastCounter")).isEqualTo(original.payerCounter());
    }

    @Test
    void aSecondPayEntryWithTheSamePayerCounterReportedByAnotherPayeeIsADoubleSpendCoveredForTheHonestPayee() {
        TestWallet clone = alice.cloneSe();
        TestWallet carol = api.enrol("Carol");
        OfflinePayment toBob = OfflinePayment.between(alice, bob, 700);
        OfflinePayment toCarol = OfflinePayment.between(clone, carol, 700);
        api.syncOk(bob, toBob.payeeRecord());

        SyncReply reply = api.syncOk(carol, toCarol.payeeRecord());

        assertThat(reply.accepted()).isEqualTo(1);
        assertThat(api.wallet(carol).getLong("settledIncoming")).as("not a settlement from Alice's account: the issuer covers it").isZero();
        assertThat(api.wallet(carol).getLong("lastCounter")).isEqualTo(1);
        assertThat(api.wallet(alice).getInt("conflicts")).isEqualTo(1);
        assertThat(api.wallet(alice).getString("status")).isEqualTo("BLOCKED");
    }

    @Test
    void anEntryThatDoesNotChainToTheLastAcceptedOneIsRefusedAsAFork() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 100);
        var e = p.pay().entry();
        var unchained = new org.dualoffline.protocol.Entry(e.type(), e.walletId(), e.counter(), e.peerId(), e.amount(), e.nonce(),
                e.peerCounter(), e.refHash(), new byte[32]);

        String detail = assertProblem(api.sync(alice, Upload.of(alice.sign(unchained))), 409, Failure.FORK_OR_DOUBLE_SPEND);

        assertThat(detail).isEqualTo("fork: records[0] (PAY #" + e.counter() + ") of wallet " + alice.id() + " does not chain to accepted entry #"
                + (e.counter() - 1) + " (its prevHash is " + Hex.of(new byte[32]) + ", the accepted entry's hash is " + Hex.of(e.prevHash())
                + "); the upload was not applied");
    }

    @Test
    void aRefusedUploadAppliesNothingOfTheOtherRecords() {
        OfflinePayment good = OfflinePayment.between(alice, bob, 100);
        OfflinePayment later = OfflinePayment.between(alice, bob, 200);
        Upload tampered = later.payerRecord().withSignature(org.dualoffline.protocol.Hex.of(good.pay().signature()));

        assertProblem(api.sync(alice, good.payerRecord(), tampered), 422, Failure.BAD_SIGNATURE);

        assertThat(api.wallet(alice).getLong("lastCounter")).isEqualTo(1);
        assertThat(api.wallet(bob).getLong("settledIncoming")).isZero();
    }

    @Test
    void aReceiveEntryBehindAGapSettlesWhenItIsAccepted() {
        api.fund(bob, 50);                                                      // Bob's entry #1 (LOAD): what he pays with
        OfflinePayment bobPaysAlice = OfflinePayment.between(bob, alice, 50);   // Bob's entry #2 (PAY)
        OfflinePayment alicePaysBob = OfflinePayment.between(alice, bob, 150);  // Bob's entry #3 (RECEIVE)

        SyncReply waiting = api.syncOk(bob, alicePaysBob.payeeRecord());
        assertThat(waiting.pending()).isEqualTo(1);
        assertThat(api.wallet(bob).getLong("settledIncoming")).isZero();

        SyncReply accepted = api.syncOk(bob, bobPaysAlice.payerRecord());

        assertThat(accepted.accepted()).isEqualTo(2);
        assertThat(api.wallet(bob).getLong("settledIncoming")).isEqualTo(150);
        assertThat(api.wallet(alice).getLong("settledIncoming")).isEqualTo(50);
    }
}
