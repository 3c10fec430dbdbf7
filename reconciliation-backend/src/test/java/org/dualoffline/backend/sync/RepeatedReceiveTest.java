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
 * Spec 7.1, repeated receive: a payee whose SE writes a second RECEIVE entry for one PAY entry
 * credited one payment twice. The upload is refused and changes nothing, the payee is
 * blocklisted and its chain closed; what is not a repeated receive stays as it was.
 */
class RepeatedReceiveTest {
    @RegisterExtension
    static final BackendExtension backend = new BackendExtension(2202);

    private final Books books = new Books(backend);
    private BackendApi api;
    private TestWallet alice;
    private TestWallet bob;

    @BeforeEach
    void wallets() {
        api = backend.api();
        alice = api.enrol("Alice");
        bob = api.enrol("Bob");
        api.fund(alice, 10_000);
    }

    @Test
    void aSecondReceiveOfOnePayEntryInALaterUploadIsRefusedAndBlocklistsThePayee() throws Exception {
        JsonPath before = books.auditConserved();
        OfflinePayment p = OfflinePayment.between(alice, bob, 700);
        api.syncOk(bob, p.payeeRecord());
        SignedEntry again = bob.receive(p.pay());
        Map<String, List<String>> tables = books.allButEvidence();

        String detail = assertProblem(api.sync(bob, Upload.receipt(again, p.pay())), 409, Failure.FORK_OR_DOUBLE_SPEND);

        assertThat(detail).isEqualTo("repeated receive: RECEIVE entry #2 of wallet " + bob.id() + " carries PAY entry #"
                + p.payerCounter() + " of wallet " + alice.id() + " (hash " + Hex.of(p.pay().hash()) + "), which its RECEIVE entry #1 "
                + "received already; the upload was not applied");
        assertThat(books.allButEvidence()).as("the refused upload changed nothing").isEqualTo(tables);
        JsonPath exposure = books.exposure(bob);
        assertThat(exposure.getString("blocklisted.reason")).isEqualTo("REPEATED_RECEIVE");
        assertThat(api.wallet(bob).getInt("conflicts")).isEqualTo(1);
        assertThat(conflictOf(bob)).as("evidence: the second RECEIVE entry and the hash of the first")
                .containsExactly(Hex.of(again.hash()), Hex.of(p.receive().hash()));
        assertThat(api.wallet(bob).getLong("settledIncoming")).isEqualTo(700);
        JsonPath after = books.auditConserved();
        assertThat(delta(after, before, "receivedReported")).isEqualTo(700);
    }

    @Test
    void twoReceivesOfOnePayEntryInOneUploadAreRefusedTogether() throws Exception {
        OfflinePayment p = OfflinePayment.between(alice, bob, 400);
        SignedEntry again = bob.receive(p.pay());
        Map<String, List<String>> tables = books.allButEvidence();

        String detail = assertProblem(api.sync(bob, p.payeeRecord(), Upload.receipt(again, p.pay())), 409, Failure.FORK_OR_DOUBLE_SPEND);

        assertThat(detail).startsWith("repeated receive: RECEIVE entry #2 of wallet " + bob.id());
        assertThat(books.allButEvidence()).isEqualTo(tables);
        assertThat(api.payments(bob)).as("nothing settled").isEmpty();
        assertThat(books.exposure(bob).getString("blocklisted.reason")).isEqualTo("REPEATED_RECEIVE");
        books.auditConserved();
    }

    @Test
    void theSameReceiveInTwoUploadsIsADuplicateAndNoFraud() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 250);
        api.syncOk(bob, p.payeeRecord());

        BackendApi.SyncReply again = api.syncOk(bob, p.payeeRecord());

        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(books.exposure(bob).getString("status")).isEqualTo("ACTIVE");
        assertThat(api.wallet(bob).getLong("settledIncoming")).isEqualTo(250);
        books.auditConserved();
    }

    @Test
    void aReceiveOfAPaymentThePayerReportedFirstIsItsConfirmation() {
        OfflinePayment p = OfflinePayment.between(alice, bob, 300);
        api.syncOk(alice, p.payerRecord());

        BackendApi.SyncReply bobs = api.syncOk(bob, p.payeeRecord());

        assertThat(bobs.accepted()).isEqualTo(1);
        assertThat(api.payments(bob)).singleElement().satisfies(m -> assertThat(m)
                .containsEntry("reportedByPayer", true).containsEntry("reportedByPayee", true));
        assertThat(books.exposure(bob).getString("status")).isEqualTo("ACTIVE");
        books.auditConserved();
    }

    @Test
    void aPayEntryCanOnlyBeReceivedByThePayeeItNames() {
        TestWallet carol = api.enrol("Carol");
        OfflinePayment p = OfflinePayment.between(alice, bob, 900);
        api.syncOk(bob, p.payeeRecord());
        SignedEntry stolen = carol.receive(p.pay());

        String detail = assertProblem(api.sync(carol, Upload.receipt(stolen, p.pay())), 422, Failure.UNACCEPTABLE_ENTRY);

        assertThat(detail).isEqualTo("records[0] (RECEIVE #1): the PAY entry beside it pays wallet " + bob.id() + ", not this wallet");
        assertThat(api.wallet(carol).getLong("lastCounter")).isZero();
        assertThat(books.exposure(carol).getString("status")).isEqualTo("ACTIVE");
        books.auditConserved();
    }

    @Test
    void aSecondReceiveOfADoubleSpentPayEntryIsRefusedAndTheCoverStaysOnce() {
        TestWallet carol = api.enrol("Carol");
        TestWallet clone = alice.cloneSe();
        OfflinePayment settled = OfflinePayment.between(alice, carol, 600);
        OfflinePayment doubleSpent = OfflinePayment.between(clone, bob, 600);
        api.syncOk(carol, settled.payeeRecord());
        api.syncOk(bob, doubleSpent.payeeRecord());
        assertThat(books.exposure(alice).getLong("covered")).isEqualTo(600);
        SignedEntry again = bob.receive(doubleSpent.pay());

        assertProblem(api.sync(bob, Upload.receipt(again, doubleSpent.pay())), 409, Failure.FORK_OR_DOUBLE_SPEND);

        assertThat(books.exposure(bob).getString("blocklisted.reason")).isEqualTo("REPEATED_RECEIVE");
        assertThat(books.exposure(alice).getLong("covered")).isEqualTo(600);
        books.auditConserved();
    }

    @Test
    void aPayeeCaughtReceivingTwiceHasItsChainClosedAndItsLaterPayeesCovered() {
        TestWallet carol = api.enrol("Carol");
        OfflinePayment p = OfflinePayment.between(alice, bob, 500);
        SignedEntry again = bob.receive(p.pay());
        OfflinePayment onward = OfflinePayment.between(bob, carol, 900);
        api.syncOk(bob, p.payeeRecord());
        assertProblem(api.sync(bob, Upload.receipt(again, p.pay()), onward.payerRecord()), 409, Failure.FORK_OR_DOUBLE_SPEND);

        assertThat(assertProblem(api.sync(bob, onward.payerRecord()), 409, Failure.FORK_OR_DOUBLE_SPEND)).startsWith("closed chain:");
        api.syncOk(carol, onward.payeeRecord());

        assertThat(books.exposure(bob).getLong("covered")).isEqualTo(900);
        books.auditConserved();
    }

    /** The evidence recorded against {@code w}: the offending entry's hash and the hash the backend knew in its place. */
    private static List<String> conflictOf(TestWallet w) throws Exception {
        try (var c = backend.database().connect();
             var ps = c.prepareStatement("SELECT entry_hash, known_hash FROM wallet_conflicts WHERE wallet_id = ?")) {
            ps.setString(1, w.id().hex());
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return List.of(rs.getString(1), rs.getString(2));
            }
        }
    }
}
