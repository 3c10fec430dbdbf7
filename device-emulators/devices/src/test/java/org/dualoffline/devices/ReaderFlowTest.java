package org.dualoffline.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Sw;
import org.dualoffline.se.ApduTrace;
import org.junit.jupiter.api.Test;

/** The reader's flow run another way, with the reference wallet on jcardsim. */
class ReaderFlowTest {
    /** Above the PIN-free threshold of {@code Limits.defaults()} (¥200.00). */
    private static final long ABOVE_THRESHOLD = 30_000;

    private final TestDevices issuer = new TestDevices(5);
    private final Device wei = Device.card("Wei", issuer.meteredSe("Wei", FormFactor.CARD, 100_000), TestDevices.AID);
    private final Device shop = Device.pos("Shop", issuer.meteredSe("Shop", FormFactor.POS, 0), TestDevices.AID, new PowerSource.Mains());

    @Test
    void theReaderMaySelectAndReadThePayerFirst() {
        PaymentOutcome o = PaymentSession.pay(wei, shop, ABOVE_THRESHOLD, LocalIssuance.PIN, TouchConditions.typical(),
                new ReaderFlow(ReaderFlow.Order.PAYER_FIRST, null));

        assertThat(o.completed()).as(o.describe()).isTrue();
        assertThat(commands(o.trace())).containsExactly("Wei SE SELECT", "Shop SE SELECT", "Wei SE GET CERTIFICATE",
                "Shop SE GET CERTIFICATE", "Shop SE BEGIN RECEIVE", "Wei SE VERIFY PIN", "Wei SE PAY", "Shop SE RECEIVE");
    }

    @Test
    void eachInterruptionOfThePayerEndsThePinVerification() {
        for (ReaderFlow.Interruption i : List.of(ReaderFlow.Interruption.PAYER_SELECTED_AGAIN, ReaderFlow.Interruption.PAYER_POWER_LOST,
                ReaderFlow.Interruption.PAYER_WRONG_PIN)) {
            PaymentOutcome o = PaymentSession.pay(wei, shop, ABOVE_THRESHOLD, LocalIssuance.PIN, TouchConditions.typical(),
                    ReaderFlow.STANDARD.interrupted(i));
            assertThat(o.status()).as(i + ": " + o.describe()).isEqualTo(PaymentOutcome.Status.REFUSED);
            assertThat(o.sw()).as(i.words).isEqualTo(Sw.PIN_REQUIRED);
        }
        assertThat(TestDevices.balance(wei)).isEqualTo(100_000);
    }

    @Test
    void aPowerLossOfThePayeeBeforeReceiveEndsItsPendingReceiveAndTheRefusalCarriesThePayersRecord() {
        PaymentOutcome o = PaymentSession.pay(wei, shop, 2_500, null, TouchConditions.typical(),
                ReaderFlow.STANDARD.interrupted(ReaderFlow.Interruption.PAYEE_POWER_LOST));

        assertThat(o.status()).as(o.describe()).isEqualTo(PaymentOutcome.Status.REFUSED);
        assertThat(o.refusedBy()).isEqualTo("Shop");
        assertThat(o.sw()).isEqualTo(Sw.CONDITIONS_NOT_SATISFIED);
        assertThat(o.payerDebited()).isTrue();
        assertThat(o.payerRecord().entry().amount()).isEqualTo(2_500);
        assertThat(TestDevices.balance(shop)).isZero();
    }

    @Test
    void theWrongPinDiffersFromThePinInItsLastDigitOnly() {
        assertThat(ReaderFlow.wrongPin("1234")).isEqualTo("1235");
        assertThat(ReaderFlow.wrongPin("90210419")).isEqualTo("90210410");
    }

    private static List<String> commands(ApduTrace trace) {
        return trace.exchanges().stream().map(e -> e.se() + " " + e.command()).toList();
    }
}
