package org.dualoffline.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.applet.ApduAssert.assertOk;
import static org.dualoffline.applet.ApduAssert.assertSw;

import org.dualoffline.protocol.Bytes;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.ReceivePolicy;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.protocol.WalletStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LOAD with issuer-signed, single-use load tokens (spec 3.5, 5.1). */
class LoadTest {
    /** Holding cap ¥100. */
    static final Limits CAPPED = new Limits(1, 50_000, 200_000, 20, 10_000, 20_000, ReceivePolicy.SPENDABLE_AT_ONCE);

    private final Issuer issuer = TestIssuer.reference();
    private TestWallet alice;

    @BeforeEach
    void activeAlice() {
        alice = TestWallet.active(issuer, 0xA11CE, CAPPED);
    }

    private Response send(LoadToken token) {
        return alice.send(WalletCommands.load(token.encode()));
    }

    @Test
    void loadCreditsTheBalanceAndAnswersASignedLoadEntry() {
        LoadToken token = issuer.loadToken(alice.walletId(), 1, 2_500);

        SignedEntry signed = SignedEntry.decode(assertOk(send(token)).data());

        Entry e = signed.entry();
        assertThat(signed.isSignedBy(alice.certificate().publicKey())).isTrue();
        assertThat(e.type()).isEqualTo(EntryType.LOAD);
        assertThat(e.walletId()).isEqualTo(alice.walletId());
        assertThat(e.counter()).isEqualTo(1);
        assertThat(e.peerId()).isEqualTo(WalletId.NONE);
        assertThat(e.amount()).isEqualTo(2_500);
        assertThat(e.nonce()).containsOnly(0);
        assertThat(e.peerCounter()).isEqualTo(1);
        assertThat(e.refHash()).isEqualTo(P256Sha256.INSTANCE.hash(token.body()));
        assertThat(e.prevHash()).isEqualTo(alice.certificate().chainGenesis());
        WalletStatus s = alice.doStatus();
        assertThat(s.balance()).isEqualTo(2_500);
        assertThat(s.loadSeq()).isEqualTo(1);
        assertThat(s.offlineCount()).as("loads are not offline payments").isZero();
    }

    @Test
    void loadRefusesATokenForAnotherWallet() {
        assertSw(send(issuer.loadToken(new WalletId(0xB0B), 1, 100)), Sw.WRONG_WALLET);
        assertThat(alice.balance()).isZero();
    }

    @Test
    void loadRefusesATokenUsedBefore() {
        LoadToken token = issuer.loadToken(alice.walletId(), 1, 100);
        assertOk(send(token));

        assertSw(send(token), Sw.REPLAY);
        assertThat(alice.balance()).isEqualTo(100);
    }

    @Test
    void loadRefusesATokenThatSkipsALoadSequence() {
        assertSw(send(issuer.loadToken(alice.walletId(), 2, 100)), Sw.REPLAY);
        assertOk(send(issuer.loadToken(alice.walletId(), 1, 100)));
        assertOk(send(issuer.loadToken(alice.walletId(), 2, 100)));
    }

    @Test
    void loadRefusesATokenNotSignedByTheIssuer() {
        assertSw(send(TestIssuer.named("rogue").loadToken(alice.walletId(), 1, 100)), Sw.BAD_SIGNATURE);
        LoadToken genuine = issuer.loadToken(alice.walletId(), 1, 100);
        byte[] raised = genuine.encode();
        raised[17] = 0x7F;

        assertSw(alice.send(WalletCommands.load(raised)), Sw.BAD_SIGNATURE);
        assertThat(alice.balance()).isZero();
    }

    @Test
    void loadRefusesWhatWouldExceedTheHoldingCap() {
        assertOk(send(issuer.loadToken(alice.walletId(), 1, 6_000)));

        assertSw(send(issuer.loadToken(alice.walletId(), 2, 4_001)), Sw.HOLDING_CAP);
        assertOk(send(issuer.loadToken(alice.walletId(), 2, 4_000)));
    }

    @Test
    void aFullLogRefusesALoadWithoutUsingItsToken() {
        TestWallet small = TestWallet.active(issuer, 0xD0D0, CAPPED, 1);
        small.doLoad(100);

        LoadToken second = issuer.loadToken(small.walletId(), 2, 100);
        assertSw(small.send(WalletCommands.load(second.encode())), Sw.STORAGE_FULL);
        assertThat(small.doStatus().loadSeq()).isEqualTo(1);

        small.doAckAll();
        assertOk(small.send(WalletCommands.load(second.encode())));
        assertThat(small.balance()).isEqualTo(200);
    }

    @Test
    void loadRefusesAMalformedToken() {
        LoadToken token = issuer.loadToken(alice.walletId(), 1, 100);

        assertSw(alice.send(WalletCommands.load(Forge.loadToken(token, issuer, b -> b[1] = 0x31))), Sw.WRONG_DATA);
        assertSw(alice.send(WalletCommands.load(Forge.loadToken(token, issuer, b -> b[0] = 0x02))), Sw.WRONG_DATA);
        assertSw(send(issuer.loadToken(alice.walletId(), 1, 0)), Sw.WRONG_DATA);
        assertSw(alice.send(WalletCommands.load(token.body())), Sw.WRONG_LENGTH);
        assertSw(alice.send(WalletCommands.load(Bytes.concat(token.encode(), new byte[10]))), Sw.WRONG_LENGTH);
        assertThat(alice.doStatus().loadSeq()).isZero();
    }
}
