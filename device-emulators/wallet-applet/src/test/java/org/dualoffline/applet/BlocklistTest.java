package org.dualoffline.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.applet.ApduAssert.assertOk;
import static org.dualoffline.applet.ApduAssert.assertSw;

import java.util.ArrayList;
import java.util.List;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.protocol.WalletStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The blocklist an acknowledgement brings is enforced offline: no paying, no being paid by a blocklisted wallet (spec 3.4, 5.1). */
class BlocklistTest {
    private final Issuer issuer = TestIssuer.reference();
    private TestWallet alice;
    private TestWallet bob;

    @BeforeEach
    void aliceAndBob() {
        alice = TestWallet.active(issuer, 0xA11CE, Limits.defaults());
        bob = TestWallet.active(issuer, 0xB0B, Limits.defaults());
        alice.doLoad(100_000);
        bob.doLoad(100_000);
    }

    private SyncAck blocklisting(TestWallet w, long seq, List<WalletId> ids) {
        WalletStatus s = w.doStatus();
        return issuer.acknowledge(w.walletId(), s.counter(), s.lastHash(), s.limits(), seq, ids);
    }

    @Test
    void aWalletRefusesToPayABlocklistedWalletBeforeAnyDebit() {
        assertOk(alice.applyAck(blocklisting(alice, 1, List.of(bob.walletId()))));
        byte[] nonce = assertOk(bob.beginReceive(500, alice.certificate())).data();

        assertSw(alice.pay(500, nonce, bob.certificate()), Sw.BLOCKLISTED_PEER);
        assertThat(alice.doStatus().balance()).isEqualTo(100_000);
    }

    @Test
    void aWalletRefusesToBePaidByABlocklistedWallet() {
        assertOk(bob.applyAck(blocklisting(bob, 1, List.of(alice.walletId()))));

        assertSw(bob.beginReceive(500, alice.certificate()), Sw.BLOCKLISTED_PEER);
    }

    @Test
    void theStatusShowsTheBlocklistVersionAndAnOlderOneIsRefused() {
        assertOk(alice.applyAck(blocklisting(alice, 5, List.of(new WalletId(77)))));
        assertThat(alice.doStatus().blocklistSeq()).isEqualTo(5);

        assertSw(alice.applyAck(blocklisting(alice, 4, List.of())), Sw.REPLAY);
        assertOk(alice.applyAck(blocklisting(alice, 5, List.of(new WalletId(77)))));
    }

    @Test
    void theNewestEntriesAreKeptWhenTheBlocklistOverflows() {
        for (int batch = 0; batch < 4; batch++) {
            List<WalletId> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ids.add(new WalletId(1000 + batch * 12 + i));
            }
            assertOk(alice.applyAck(blocklisting(alice, batch + 1, ids)));
        }
        assertOk(alice.applyAck(blocklisting(alice, 5, List.of(bob.walletId()))));

        byte[] nonce = assertOk(bob.beginReceive(500, alice.certificate())).data();
        assertSw(alice.pay(500, nonce, bob.certificate()), Sw.BLOCKLISTED_PEER);
    }

    @Test
    void aPaymentBetweenWalletsNotOnTheBlocklistStillGoesThrough() {
        assertOk(alice.applyAck(blocklisting(alice, 1, List.of(new WalletId(0xBAD)))));
        TestWallet.pay(alice, bob, 700);
        assertThat(alice.doStatus().balance()).isEqualTo(100_000 - 700);
        assertThat(bob.doStatus().balance()).isEqualTo(100_000 + 700);
    }
}
