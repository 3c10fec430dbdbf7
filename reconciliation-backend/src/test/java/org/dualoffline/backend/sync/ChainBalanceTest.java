package org.dualoffline.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.WalletId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The balance of a wallet's accepted chain, walked in chain order (spec 7, DS-04), without a database. */
@Tag("no-database")
class ChainBalanceTest {
    private static final WalletId WALLET = UnsignedLog.WALLET;

    @Test
    void loadsAndReceivesAddPaymentsAndUnloadsTakeAway() {
        Chain chain = new Chain().then(EntryType.LOAD, 1_000).then(EntryType.PAY, 300).then(EntryType.RECEIVE, 200)
                .then(EntryType.UNLOAD, 100);

        assertThat(ChainBalance.after(WALLET, 50, UnsignedLog.GENESIS, chain.records)).isEqualTo(50 + 1_000 - 300 + 200 - 100);
        assertThat(ChainBalance.after(WALLET, 50, UnsignedLog.GENESIS, List.of())).isEqualTo(50);
    }

    @Test
    void aPaymentOfEverythingTheChainHoldsLeavesZero() {
        Chain chain = new Chain().then(EntryType.PAY, 700).then(EntryType.UNLOAD, 300);

        assertThat(ChainBalance.after(WALLET, 1_000, UnsignedLog.GENESIS, chain.records)).isZero();
    }

    @Test
    void oneFenBeyondTheBalanceIsAnOverspendWithTheEntryAndTheHashBeforeItAsEvidence() {
        Chain chain = new Chain().then(EntryType.PAY, 600).then(EntryType.PAY, 401);

        assertThatThrownBy(() -> ChainBalance.after(WALLET, 1_000, UnsignedLog.GENESIS, chain.records))
                .isInstanceOfSatisfying(ConflictDetected.class, e -> {
                    assertThat(e.conflict().kind()).isEqualTo(Conflict.Kind.OVERSPEND);
                    assertThat(e.conflict().counter()).isEqualTo(2);
                    assertThat(e.conflict().offending()).isSameAs(chain.records.get(1));
                    assertThat(e.conflict().knownHash()).isEqualTo(chain.records.get(0).hash());
                })
                .hasMessage("overspend: PAY entry #2 of wallet " + WALLET + " takes 401 fen, but its accepted chain holds 400 fen before "
                        + "it; the upload was not applied");
    }

    @Test
    void theChainIsJudgedInItsOrderSoALaterReceiveDoesNotCoverAnEarlierOverspend() {
        Chain chain = new Chain().then(EntryType.UNLOAD, 500).then(EntryType.RECEIVE, 5_000);

        assertThatThrownBy(() -> ChainBalance.after(WALLET, 100, UnsignedLog.GENESIS, chain.records))
                .isInstanceOfSatisfying(ConflictDetected.class, e -> {
                    assertThat(e.conflict().counter()).isEqualTo(1);
                    assertThat(e.conflict().knownHash()).as("the head's hash: the entry before the first").isEqualTo(UnsignedLog.GENESIS);
                });
    }

    @Test
    void theLargestAmountAnEntryCanCarryIsCountedWithoutOverflow() {
        long max = 0xFFFF_FFFFL;
        Chain chain = new Chain();
        for (int i = 0; i < 4; i++) {
            chain.then(EntryType.RECEIVE, max);
        }
        chain.then(EntryType.UNLOAD, max);

        assertThat(ChainBalance.after(WALLET, 0, UnsignedLog.GENESIS, chain.records)).isEqualTo(3 * max);
    }

    /** A chain of entries from counter 1, each on the hash of the one before; no signatures (the balance checks none). */
    private static final class Chain {
        final List<WalletRecord> records = new ArrayList<>();
        private byte[] prev = UnsignedLog.GENESIS;

        Chain then(EntryType type, long amount) {
            boolean withPeer = type == EntryType.PAY || type == EntryType.RECEIVE;
            Entry e = new Entry(type, WALLET, records.size() + 1, withPeer ? UnsignedLog.PAYEE : WalletId.NONE, amount, new byte[16], 0,
                    new byte[32], prev);
            WalletRecord r = new WalletRecord(e.encode(), Hex.parse("00".repeat(UploadedRecord.MIN_SIGNATURE)), null, null);
            records.add(r);
            prev = r.hash();
            return this;
        }
    }
}
