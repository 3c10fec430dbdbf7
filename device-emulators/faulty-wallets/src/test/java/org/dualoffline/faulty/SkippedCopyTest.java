package org.dualoffline.faulty;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javacard.framework.Applet;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On plain jcardsim, a payment changes the same things in the wallet status on a wallet whose PAY
 * skips one persistent copy as on the reference wallet, except the field that copy writes.
 */
class SkippedCopyTest {
    private static final List<String> WHAT_A_PAYMENT_CHANGES =
            List.of("balance", "counter", "records", "offlineCount", "offlineAmount", "lastHash");

    private final PlainJcardsim cards = new PlainJcardsim();

    @Test
    void aPaymentChangesTheBalanceCounterLogOfflineUsageAndLastHashOfTheReference() throws Exception {
        assertThat(whatAPaymentChanges(PlainJcardsim.reference())).isEqualTo(WHAT_A_PAYMENT_CHANGES);
    }

    @Test
    void theCounterNotIncrementedWalletChangesAllOfThatButTheCounter(@TempDir Path dir) throws Exception {
        assertThat(whatAPaymentChanges(PlainJcardsim.faulty(Fault.COUNTER_NOT_INCREMENTED, dir)))
                .isEqualTo(without(WHAT_A_PAYMENT_CHANGES, "counter"));
    }

    @Test
    void theChainNotUpdatedWalletChangesAllOfThatButTheLastHash(@TempDir Path dir) throws Exception {
        assertThat(whatAPaymentChanges(PlainJcardsim.faulty(Fault.CHAIN_NOT_UPDATED, dir)))
                .isEqualTo(without(WHAT_A_PAYMENT_CHANGES, "lastHash"));
    }

    /** The wallet status fields that differ before and after one accepted payment. */
    private List<String> whatAPaymentChanges(Class<? extends Applet> applet) throws Exception {
        WalletClient w = cards.issuedWallet(applet, 1, 10_000);
        WalletStatus before = w.status();
        w.send(WalletCommands.pay(2_500, new byte[16], cards.peer(2).encode())).check("pay");
        WalletStatus after = w.status();
        List<String> changed = new ArrayList<>();
        for (RecordComponent c : WalletStatus.class.getRecordComponents()) {
            Object a = c.getAccessor().invoke(before);
            Object b = c.getAccessor().invoke(after);
            if (!(a instanceof byte[] x && b instanceof byte[] y ? Arrays.equals(x, y) : Objects.equals(a, b))) {
                changed.add(c.getName());
            }
        }
        return changed;
    }

    private static List<String> without(List<String> fields, String field) {
        return fields.stream().filter(f -> !f.equals(field)).toList();
    }
}
