package org.dualoffline.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.backend.ReconciliationBackend;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.backend.testing.BackendApi;
import org.dualoffline.backend.testing.OfflinePayment;
import org.dualoffline.backend.testing.TableSnapshot;
import org.dualoffline.backend.testing.TestDatabase;
import org.dualoffline.backend.testing.TestDatabases;
import org.dualoffline.backend.testing.TestWallet;
import org.dualoffline.backend.testing.Upload;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.SyncAck;
import org.junit.jupiter.api.Test;

/**
 * The two upload writers write the same rows. The same traffic goes to a backend assembled with
 * the writer for its database and to one assembled with the portable JDBC-batch writer, each on a
 * database of its own with the same issuer: entries beyond a gap and the upload that fills it,
 * payments reported by the payer, the payee or both (in one upload or two), an upload of
 * duplicates only, double spends across uploads and inside one, a payer whose PAY entry
 * contradicts the settled one, a repeated receive, a fork, a chain break, an unload, an
 * overspend and the chain it closes, a payment covered beyond it, a blocklist catch-up. Every
 * answer is the one expected, the same from both, and every table ends the same, row by row. On
 * the suite's PostgreSQL pass this sets the one-statement writer against the portable one, which
 * the backend never assembles there otherwise; on the H2 pass both are the portable one.
 */
class UploadWritersTest {
    private static final String TOKEN = "writers-test-operator-token";
    private static final long SEED = 2718;

    private BackendApi byDatabase;
    private BackendApi portable;

    @Test
    void theWriterForTheDatabaseAndThePortableWriterAnswerAlikeAndLeaveTheSameRows() throws Exception {
        try (TestDatabase first = TestDatabases.open("UploadWritersTestByDatabase");
             TestDatabase second = TestDatabases.open("UploadWritersTestPortable");
             ReconciliationBackend a = ReconciliationBackend.create(first.backendConfig(TOKEN, IssuerKeySource.seeded(SEED))).start();
             ReconciliationBackend b = ReconciliationBackend.create(second.backendConfig(TOKEN, IssuerKeySource.seeded(SEED)))
                     .withPortableUploadWriter().start()) {
            byDatabase = new BackendApi(a.baseUrl(), TOKEN, IssuerKeySource.seededRandom(SEED + 1));
            portable = new BackendApi(b.baseUrl(), TOKEN, IssuerKeySource.seededRandom(SEED + 2));
            TestWallet alice = enrolAndFund("Alice");
            TestWallet bob = enrolAndFund("Bob");
            TestWallet carol = enrolAndFund("Carol");
            TestWallet dave = enrolAndFund("Dave");

            // gaps, fills and payments reported by either side or both
            List<OfflinePayment> p = List.of(OfflinePayment.between(alice, bob, 101), OfflinePayment.between(alice, bob, 102),
                    OfflinePayment.between(alice, bob, 103), OfflinePayment.between(alice, bob, 104), OfflinePayment.between(alice, bob, 105));
            OfflinePayment q = OfflinePayment.between(bob, carol, 300);
            sync(alice, List.of(p.get(2).payerRecord(), p.get(4).payerRecord()), 200, 0, 0, 2);
            sync(bob, List.of(p.get(0).payeeRecord(), p.get(1).payeeRecord()), 200, 2, 0, 0);
            sync(alice, List.of(p.get(0).payerRecord()), 200, 1, 0, 2);
            sync(alice, List.of(p.get(1).payerRecord(), p.get(4).payerRecord()), 200, 2, 1, 1);
            sync(alice, List.of(p.get(3).payerRecord()), 200, 2, 0, 0);
            sync(bob, List.of(p.get(2).payeeRecord(), p.get(3).payeeRecord(), p.get(4).payeeRecord(), q.payerRecord()), 200, 4, 0, 0);
            sync(carol, List.of(q.payeeRecord()), 200, 1, 0, 0);
            sync(alice, List.of(p.get(0).payerRecord()), 200, 0, 1, 0); // duplicates only: nothing to write

            // a double spend across uploads: the honest payee is covered, the payer's own report of the settled entry confirms it
            TestWallet aliceClone = alice.cloneSe();
            OfflinePayment s = OfflinePayment.between(alice, bob, 700);
            OfflinePayment t = OfflinePayment.between(aliceClone, dave, 700);
            sync(bob, List.of(s.payeeRecord()), 200, 1, 0, 0);
            sync(dave, List.of(t.payeeRecord()), 200, 1, 0, 0);
            sync(alice, List.of(s.payerRecord()), 200, 1, 0, 0);

            // a payer whose PAY entry contradicts the settled one is refused, and the payee of that entry covered
            TestWallet bobClone = bob.cloneSe();
            OfflinePayment u = OfflinePayment.between(bobClone, carol, 400);
            OfflinePayment v = OfflinePayment.between(bob, alice, 400);
            sync(carol, List.of(u.payeeRecord()), 200, 1, 0, 0);
            sync(bob, List.of(v.payerRecord()), 409, 0, 0, 0);
            sync(alice, List.of(v.payeeRecord()), 200, 1, 0, 0);

            // a double spend inside one upload; two receipts of one PAY entry in one upload (a repeated receive), then the first alone
            TestWallet carolClone = carol.cloneSe();
            OfflinePayment w1 = OfflinePayment.between(carol, dave, 50);
            OfflinePayment w2 = OfflinePayment.between(carolClone, dave, 60);
            sync(dave, List.of(w1.payeeRecord(), w2.payeeRecord()), 200, 2, 0, 0);
            OfflinePayment x = OfflinePayment.between(dave, alice, 20);
            SignedEntry again = alice.receive(x.pay());
            sync(alice, List.of(x.payeeRecord(), Upload.receipt(again, x.pay())), 409, 0, 0, 0);
            sync(alice, List.of(x.payeeRecord()), 200, 1, 0, 0);

            // an unload, a chain break, a fork, and a wallet catching up with the blocklist
            sync(dave, List.of(x.payerRecord(), Upload.of(dave.unload(100))), 200, 2, 0, 0);
            Entry next = dave.nextPay(bob, 10, bob.challenge());
            Entry unchained = new Entry(next.type(), next.walletId(), next.counter(), next.peerId(), next.amount(), next.nonce(),
                    next.peerCounter(), next.refHash(), new byte[32]);
            sync(dave, List.of(Upload.of(dave.sign(unchained))), 409, 0, 0, 0);
            sync(aliceClone, List.of(t.payerRecord()), 409, 0, 0, 0);

            // an overspend, an upload into the chain it closed, and a payment beyond it that its payee reports: covered
            sync(carol, List.of(w1.payerRecord()), 200, 1, 0, 0);
            Upload overspend = Upload.of(carol.unload(1_000_000));
            sync(carol, List.of(overspend), 409, 0, 0, 0);
            sync(carol, List.of(overspend), 409, 0, 0, 0);
            sync(dave, List.of(OfflinePayment.between(carol, dave, 5).payeeRecord()), 200, 1, 0, 0);

            JsonPath caughtUp = syncWithBlocklistSeq(dave, 0L);
            assertThat(SyncAck.decode(Hex.parse(caughtUp.getString("ack"))).blocklisted())
                    .containsExactly(alice.id(), bob.id(), carol.id(), dave.id());

            try (Connection c1 = first.connect(); Connection c2 = second.connect()) {
                for (String table : TableSnapshot.TABLES.keySet()) {
                    assertThat(TableSnapshot.rows(c2, table)).as("%s written by the portable writer", table)
                            .isEqualTo(TableSnapshot.rows(c1, table)).isNotEmpty();
                }
            }
        }
    }

    /** Enrols a new wallet at both backends (same id, same certificate) and funds it with a LOAD entry uploaded to both. */
    private TestWallet enrolAndFund(String holder) {
        TestWallet w = byDatabase.enrol(holder, FormFactor.CARD, null);
        String certificate = portable.enrolRequest(w, FormFactor.CARD, null).then().statusCode(201).extract().jsonPath().getString("certificate");
        assertThat(certificate).isEqualTo(Hex.of(w.certificate().encode()));
        byDatabase.deposit(w, 10_000).then().statusCode(201);
        portable.deposit(w, 10_000).then().statusCode(201);
        LoadToken token = byDatabase.loadToken(w, 10_000);
        assertThat(portable.loadToken(w, 10_000)).usingRecursiveComparison().isEqualTo(token);
        sync(w, List.of(Upload.of(w.load(token))), 200, 1, 0, 0);
        return w;
    }

    /** Uploads to both backends; both answer {@code status}, with these counts when 200, and alike. */
    private void sync(TestWallet w, List<Upload> records, int status, int accepted, int duplicates, int pending) {
        Response one = byDatabase.sync(w, records);
        Response other = portable.sync(w, records);

        assertThat(one.statusCode()).as("upload of %s answered %s", w, one.asString()).isEqualTo(status);
        if (status != 200) {
            assertThat(other.asString()).as("the problem answered by the portable writer's backend").isEqualTo(one.asString());
            return;
        }
        JsonPath j = one.jsonPath();
        assertThat(List.of(j.getInt("accepted"), j.getInt("duplicates"), j.getInt("pending")))
                .as("accepted, duplicates, pending of the upload of %s", w).containsExactly(accepted, duplicates, pending);
        assertThat(comparable(other.jsonPath())).as("the answer of the portable writer's backend").isEqualTo(comparable(j));
    }

    private JsonPath syncWithBlocklistSeq(TestWallet w, long blocklistSeq) {
        Map<String, Object> body = new LinkedHashMap<>(Upload.body(List.of()));
        body.put("blocklistSeq", blocklistSeq);
        JsonPath one = byDatabase.anyone().contentType(ContentType.JSON).body(body).post("/v1/wallets/{id}/sync", w.id().hex())
                .then().statusCode(200).extract().jsonPath();
        JsonPath other = portable.anyone().contentType(ContentType.JSON).body(body).post("/v1/wallets/{id}/sync", w.id().hex())
                .then().statusCode(200).extract().jsonPath();
        assertThat(comparable(other)).isEqualTo(comparable(one));
        return one;
    }

    /** A sync answer with its acknowledgement's signed body in place of the whole acknowledgement (the signature is the issuer's business). */
    private static Map<String, Object> comparable(JsonPath answer) {
        Map<String, Object> m = new LinkedHashMap<>(answer.getMap("$"));
        m.put("ack", Hex.of(SyncAck.decode(Hex.parse(answer.getString("ack"))).body()));
        return m;
    }
}
