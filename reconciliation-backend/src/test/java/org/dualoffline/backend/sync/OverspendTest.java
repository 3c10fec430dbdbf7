package org.dualoffline.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.backend.testing.Books.delta;
import static org.dualoffline.backend.testing.Problems.assertProblem;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.BackendExtension;
import org.dualoffline.backend.testing.Books;
import org.dualoffline.backend.testing.OfflinePayment;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.backend.testing.Upload;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.SignedEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DS-04, spec 7 and 7.1: a wallet whose SE signs what it likes (a broken SE, an extracted key:
 * {@link TestWallet} checks no balance) pays or unloads more than its accepted chain holds. The
 * upload is refused and changes nothing, the wallet is blocklisted and its chain closed, nothing
 * is credited for value that never existed, the honest payee is covered, and the audit counts the
 * cover, never a negative balance.
 */
class OverspendTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(4404);

    private final Books books = new Books(backend);
    private BackendApi api;
    private TestWallet mallory;
    private TestWallet bob;

    @BeforeEach
    void wallets() {
        api = backend.api();
        mallory = api.enrol("Mallory");
        bob = api.enrol("Bob");
    }

    @Test
    void anUnloadOfValueNeverLoadedIsRefusedCreditsNothingAndBlocklistsTheWallet() throws Exception {
        JsonPath before = books.auditConserved();
        Map<String, List<String>> tables = books.allButEvidence();
        SignedEntry unload = mallory.unload(0xFFFF_FFFFL);

        String detail = assertProblem(api.sync(mallory, Upload.of(unload)), 409, Failure.FORK_OR_DOUBLE_SPEND);

        assertThat(detail).isEqualTo("overspend: UNLOAD entry #1 of wallet " + mallory.id() + " takes 4294967295 fen, but its accepted "
                + "chain holds 0 fen before it; the upload was not applied");
        assertThat(books.allButEvidence()).as("the refused upload changed nothing").isEqualTo(tables);
        assertThat(api.wallet(mallory).getLong("onlineBalance")).isZero();
        assertProblem(api.loadTokenRequest(mallory, 1), 409, Failure.INSUFFICIENT_FUNDS);
        JsonPath exposure = books.exposure(mallory);
        assertThat(exposure.getString("blocklisted.reason")).isEqualTo("OVERSPEND");
        assertThat(exposure.getString("blocklisted.detail")).isEqualTo(detail);
        assertThat(exposure.getLong("covered")).as("nobody received anything").isZero();
        assertThat(api.wallet(mallory).getInt("conflicts")).isEqualTo(1);
        JsonPath after = books.auditConserved();
        assertThat(delta(after, before, "onlineAccounts")).isZero();
        assertThat(delta(after, before, "issuerCover")).isZero();
    }

    @Test
    void aPaymentUpToTheBalanceIsAcceptedAndOneFenMoreIsAnOverspend() {
        api.fund(mallory, 2_000);
        OfflinePayment all = OfflinePayment.between(mallory, bob, 2_000);
        api.syncOk(mallory, all.payerRecord());
        OfflinePayment oneFen = OfflinePayment.between(mallory, bob, 1);

        String detail = assertProblem(api.sync(mallory, oneFen.payerRecord()), 409, Failure.FORK_OR_DOUBLE_SPEND);

        assertThat(detail).isEqualTo("overspend: PAY entry #3 of wallet " + mallory.id() + " takes 1 fen, but its accepted chain holds "
                + "0 fen before it; the upload was not applied");
        assertThat(api.wallet(mallory).getLong("lastCounter")).isEqualTo(2);
        assertThat(api.payments(mallory)).hasSize(1);
    }

    @Test
    void theMerchantOfAnOverspendWhoSyncsAfterThePayerWasCaughtIsSettledAndCovered() throws Exception {
        api.fund(mallory, 2_000);
        JsonPath before = books.auditConserved();
        OfflinePayment overspend = OfflinePayment.between(mallory, bob, 999_999);
        Map<String, List<String>> tables = books.allButEvidence();

        assertProblem(api.sync(mallory, overspend.payerRecord()), 409, Failure.FORK_OR_DOUBLE_SPEND);
        assertThat(books.allButEvidence()).as("the refused upload settled nothing").isEqualTo(tables);
        BackendApi.SyncReply bobs = api.syncOk(bob, overspend.payeeRecord());

        assertThat(bobs.accepted()).isEqualTo(1);
        assertThat(api.wallet(bob).getLong("settledIncoming")).isEqualTo(999_999);
        assertCovered(overspend, 999_999);
        JsonPath after = books.auditConserved();
        assertThat(delta(after, before, "issuerCover")).isEqualTo(999_999);
        assertThat(delta(after, before, "receivedNotYetReportedByPayer")).as("covered, so not in flight from Mallory").isZero();
        assertThat(delta(after, before, "offlineAsReported")).as("Bob's 999,999; Mallory's 2,000 stay on her books").isEqualTo(999_999);
    }

    @Test
    void theMerchantWhoSyncsFirstIsSettledAndCoveredOnceThePayersChainReachesThePayment() {
        api.fund(mallory, 2_000);
        JsonPath before = books.auditConserved();
        OfflinePayment overspend = OfflinePayment.between(mallory, bob, 5_000);
        api.syncOk(bob, overspend.payeeRecord());
        JsonPath inFlight = books.auditConserved();
        assertThat(delta(inFlight, before, "receivedNotYetReportedByPayer")).as("not judged yet: in flight from Mallory").isEqualTo(5_000);
        assertThat(books.exposure(mallory).getString("status")).isEqualTo("ACTIVE");

        assertProblem(api.sync(mallory, overspend.payerRecord()), 409, Failure.FORK_OR_DOUBLE_SPEND);

        assertCovered(overspend, 5_000);
        JsonPath after = books.auditConserved();
        assertThat(delta(after, before, "issuerCover")).isEqualTo(5_000);
        assertThat(delta(after, before, "receivedNotYetReportedByPayer")).isZero();
        assertThat(api.payments(bob)).singleElement().satisfies(p -> assertThat(p).containsEntry("reportedByPayer", false));
    }

    @Test
    void anOverspendBeyondAGapIsJudgedWhenThePayersChainReachesIt() {
        api.fund(mallory, 1_000);
        TestWallet carol = api.enrol("Carol");
        OfflinePayment backed = OfflinePayment.between(mallory, carol, 500);
        OfflinePayment overspend = OfflinePayment.between(mallory, bob, 5_000);
        api.syncOk(bob, overspend.payeeRecord());

        BackendApi.SyncReply waiting = api.syncOk(mallory, overspend.payerRecord());

        assertThat(waiting.pending()).as("beyond the gap: not judged yet").isEqualTo(1);
        assertThat(books.exposure(mallory).getString("status")).isEqualTo("ACTIVE");
        books.auditConserved();

        assertProblem(api.sync(mallory, backed.payerRecord()), 409, Failure.FORK_OR_DOUBLE_SPEND);

        assertThat(books.exposure(mallory).getString("blocklisted.reason")).isEqualTo("OVERSPEND");
        assertThat(api.wallet(mallory).getLong("lastCounter")).as("the upload that reached it changed nothing").isEqualTo(1);
        assertCovered(overspend, 5_000);
        BackendApi.SyncReply belowTheClosure = api.syncOk(mallory, backed.payerRecord());
        assertThat(belowTheClosure.accepted()).as("an entry signed before the overspend may still join").isEqualTo(1);
        assertThat(belowTheClosure.pending()).as("the overspend waits for ever").isEqualTo(1);
        assertThat(api.wallet(carol).getLong("settledIncoming")).isEqualTo(500);
        books.auditConserved();
    }

    @Test
    void aClosedChainTakesNoEntryFromTheOverspendOnAndRecordsNothingMore() {
        api.fund(mallory, 1_000);
        byte[] before = mallory.lastHash();
        OfflinePayment overspend = OfflinePayment.between(mallory, bob, 3_000);
        assertProblem(api.sync(mallory, overspend.payerRecord()), 409, Failure.FORK_OR_DOUBLE_SPEND);
        SignedEntry instead = mallory.sign(new org.dualoffline.protocol.Entry(org.dualoffline.protocol.EntryType.UNLOAD, mallory.id(), 2,
                org.dualoffline.protocol.WalletId.NONE, 100, new byte[16], 0, new byte[32], before));

        String again = assertProblem(api.sync(mallory, overspend.payerRecord()), 409, Failure.FORK_OR_DOUBLE_SPEND);
        String other = assertProblem(api.sync(mallory, Upload.of(instead)), 409, Failure.FORK_OR_DOUBLE_SPEND);

        assertThat(again).isEqualTo("closed chain: wallet " + mallory.id() + " signed more than it held or received a payment twice at "
                + "entry #2, so no entry of it from #2 on is accepted; records[0] (PAY #2) is one; the upload was not applied");
        assertThat(other).startsWith("closed chain: wallet " + mallory.id());
        assertThat(api.wallet(mallory).getInt("conflicts")).as("the first refusal recorded the evidence, once").isEqualTo(1);
        assertThat(api.wallet(mallory).getLong("onlineBalance")).isZero();
    }

    @Test
    void aLoadAndAnOverspendInOneUploadAreRefusedTogetherAndTheTokenStaysUnredeemed() throws Exception {
        api.deposit(mallory, 1_000).then().statusCode(201);
        SignedEntry load = mallory.load(api.loadToken(mallory, 1_000));
        OfflinePayment overspend = OfflinePayment.between(mallory, bob, 1_500);
        Map<String, List<String>> tables = books.allButEvidence();

        assertProblem(api.sync(mallory, Upload.of(load), overspend.payerRecord()), 409, Failure.FORK_OR_DOUBLE_SPEND);

        assertThat(books.allButEvidence()).isEqualTo(tables);
        assertThat(api.wallet(mallory).getLong("unredeemedLoads")).isEqualTo(1_000);
        books.auditConserved();
    }

    @Test
    void laterPaymentsOfACaughtWalletAreCoveredAndATagsMerchantIsNot() {
        api.fund(mallory, 1_000);
        TestWallet carol = api.enrol("Carol");
        TestWallet noodleBar = api.enrol("Noodle Bar");
        JsonPath before = books.auditConserved();
        OfflinePayment overspend = OfflinePayment.between(mallory, bob, 4_000);
        OfflinePayment later = OfflinePayment.between(mallory, carol, 700);
        SignedEntry toTag = mallory.pay(noodleBar, 300, noodleBar.challenge());

        assertProblem(api.sync(mallory, overspend.payerRecord(), later.payerRecord(), Upload.of(toTag)), 409, Failure.FORK_OR_DOUBLE_SPEND);
        api.syncOk(carol, later.payeeRecord());
        api.syncOk(bob, overspend.payeeRecord());

        JsonPath exposure = books.exposure(mallory);
        assertThat(exposure.getLong("covered")).isEqualTo(4_700);
        assertThat(exposure.getList("claims.payeeId")).containsExactly(bob.id().hex(), carol.id().hex());
        assertThat(api.payments(noodleBar)).as("a tag holds no RECEIVE entry: settled only from the payer's chain").isEmpty();
        JsonPath after = books.auditConserved();
        assertThat(delta(after, before, "issuerCover")).isEqualTo(4_700);
    }

    private void assertCovered(OfflinePayment p, long amount) {
        JsonPath exposure = books.exposure(p.payer());
        assertThat(exposure.getString("status")).isEqualTo("BLOCKED");
        assertThat(exposure.getString("blocklisted.reason")).isEqualTo("OVERSPEND");
        assertThat(exposure.getLong("covered")).isEqualTo(amount);
        List<Map<String, Object>> claims = exposure.getList("claims");
        assertThat(claims).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("payeeId", p.payee().id().hex())
                .containsEntry("payeeCounter", (int) p.receive().entry().counter())
                .containsEntry("payerCounter", (int) p.payerCounter())
                .containsEntry("payEntryHash", Hex.of(p.pay().hash()))
                .containsEntry("amount", (int) amount));
    }
}
