package org.dualoffline.applet;

import static org.dualoffline.applet.ApduAssert.assertSw;

import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.Sw;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * READ RECORD addressing. The spec names no status word for a record that is not there; the
 * reference wallet answers WRONG_P1P2 (6A86) for every P1/P2 that addresses nothing.
 */
class ReadRecordTest {
    private final Issuer issuer = TestIssuer.reference();
    private TestWallet alice;

    @BeforeEach
    void aliceWithOneLoad() {
        alice = TestWallet.active(issuer, 0xA11CE, Limits.defaults());
        alice.doLoad(100);
    }

    @Test
    void anIndexAtOrPastTheNumberOfRecordsIsRefused() {
        alice.doReadRecord(0, 0);

        assertSw(alice.readRecord(1, 0), Sw.WRONG_P1P2);
        assertSw(alice.readRecord(255, 0), Sw.WRONG_P1P2);
    }

    @Test
    void thePayersPartOfAnEntryWithoutOneIsRefused() {
        assertSw(alice.readRecord(0, 1), Sw.WRONG_P1P2);
    }

    @Test
    void anUnknownPartIsRefused() {
        assertSw(alice.readRecord(0, 2), Sw.WRONG_P1P2);
    }

    @Test
    void aPersonalizedWalletHasNoRecordsYet() {
        TestWallet w = TestWallet.installed(issuer);
        w.doInitialize();
        w.doPersonalize(0xD0D0, TestWallet.PIN);

        assertSw(w.readRecord(0, 0), Sw.WRONG_P1P2);
    }
}
