package org.dualoffline.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.dualoffline.devices.display.CardFace;
import org.dualoffline.devices.display.CardFaceSvg;
import org.dualoffline.devices.display.DisplayFirmware;
import org.dualoffline.protocol.FormFactor;
import org.junit.jupiter.api.Test;

/** The visual card's display: what each firmware draws, and when. */
class VisualCardTest {
    private final TestDevices issuer = new TestDevices(3);
    private static final CardFace BLANK = new CardFace(0, Optional.empty());

    private VisualCard card(String name, long balance, DisplayFirmware firmware) {
        return Device.visualCard(name, issuer.issuedSe(name, FormFactor.CARD, balance), TestDevices.AID, firmware, BLANK);
    }

    private Device pos(String name) {
        return Device.pos(name, issuer.issuedSe(name, FormFactor.POS, 0), TestDevices.AID, new PowerSource.Mains());
    }

    private static WalletClient selected(Device d) {
        WalletClient w = new WalletClient(d.secureElement(), TestDevices.AID);
        w.select();
        return w;
    }

    @Test
    void theReferenceFirmwareDrawsOnlyAtTheEndOfASessionAndOnlyWhatTheWalletCommitted() {
        VisualCard wei = card("Wei", 10_000, DisplayFirmware.COMMITTED_STATE);
        assertThat(wei.sessionEnds(selected(wei))).as("after issuance: the load").isEqualTo(new CardFace(10_000,
                Optional.of(new CardFace.Last(CardFace.Direction.LOADED, 10_000))));

        PaymentOutcome outcome = PaymentSession.pay(wei, pos("Shop"), 2_500);

        assertThat(outcome.completed()).as(outcome.describe()).isTrue();
        assertThat(wei.display().face()).as("nothing drawn during the touch").isEqualTo(new CardFace(10_000,
                Optional.of(new CardFace.Last(CardFace.Direction.LOADED, 10_000))));
        assertThat(wei.sessionEnds(selected(wei))).isEqualTo(new CardFace(7_500, Optional.of(new CardFace.Last(CardFace.Direction.PAID, 2_500))));
        assertThat(wei.display().history()).hasSize(3).first().isEqualTo(BLANK);
    }

    @Test
    void theKnownBadFirmwareDrawsTheRequestedAmountBeforeTheSeCommitsAnything() {
        VisualCard wei = card("Wei", 10_000, DisplayFirmware.REQUESTED_AMOUNT);
        wei.sessionEnds(selected(wei));
        Device shop = pos("Shop");

        PaymentOutcome refused = PaymentSession.pay(wei, shop, 20_000); // more than it holds: the SE refuses, commits nothing

        assertThat(refused.completed()).isFalse();
        assertThat(wei.display().face().balance()).as("drawn before the SE answered").isZero();
        assertThat(TestDevices.balance(wei)).isEqualTo(10_000);
    }

    @Test
    void aFaceReadsAsTheHolderSeesIt() {
        CardFace face = new CardFace(9_000, Optional.of(new CardFace.Last(CardFace.Direction.RECEIVED, 1_250)));

        assertThat(face).hasToString("¥90.00, received ¥12.50");
        assertThat(new CardFace(9_000, Optional.empty())).hasToString("¥90.00");
        assertThat(CardFaceSvg.render("Wei & Co", face, "after: <sync>")).contains("¥90.00", "received ¥12.50", "Wei &amp; Co", "&lt;sync&gt;")
                .startsWith("<svg");
    }
}
