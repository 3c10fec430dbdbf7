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

    private static org.dualoffline.se.ApduTrace redrawTrace() {
        return new org.dualoffline.se.ApduTrace("redraw");
    }

    private static WalletClient tracedSelected(VisualCard card, org.dualoffline.se.ApduTrace trace) {
        WalletClient w = new WalletClient(trace.tracing(card.secureElement(), card.name() + " SE", "display",
                org.dualoffline.protocol.WalletCommands::nameOf), TestDevices.AID);
        w.select();
        return w;
    }

    @Test
    void aRedrawInTheFieldIsTimedAfterThePaymentAndABatteryReaderPaysForTheFieldMeanwhile() {
        VisualCard wei = card("Wei", 10_000, DisplayFirmware.COMMITTED_STATE);
        Battery battery = new Battery(50);
        Device shop = Device.pos("Shop", issuer.issuedSe("Shop", FormFactor.POS, 0), TestDevices.AID, battery);
        TouchConditions conditions = TouchConditions.typical().withBatteryDrain();
        PaymentOutcome paid = PaymentSession.pay(wei, shop, 2_500, null, conditions);
        assertThat(paid.completed()).as(paid.describe()).isTrue();
        long clockAfterPayment = conditions.clock().nowMicros();
        long chargeAfterPayment = battery.charge();

        org.dualoffline.se.ApduTrace trace = redrawTrace();
        VisualCard.Redraw redraw = wei.redrawInField(tracedSelected(wei, trace), trace, shop, conditions);

        assertThat(redraw.face()).isEqualTo(new CardFace(7_500, Optional.of(new CardFace.Last(CardFace.Direction.PAID, 2_500))));
        assertThat(wei.display().face()).isEqualTo(redraw.face());
        assertThat(trace.exchanges()).extracting(org.dualoffline.se.ApduTrace.Exchange::command)
                .as("the firmware's reads, on the card's own bus").contains("SELECT", "GET STATUS", "READ RECORD");
        assertThat(redraw.micros()).as("the commands, then the e-ink refresh")
                .isGreaterThan(org.dualoffline.devices.display.EInkDisplay.REFRESH_MICROS);
        assertThat(conditions.clock().nowMicros() - clockAfterPayment).as("the redraw comes after the payment on the clock")
                .isEqualTo(redraw.micros());
        assertThat(redraw.readerCharge()).isEqualTo(battery.draw().field(redraw.micros())).isPositive();
        assertThat(chargeAfterPayment - battery.charge()).as("the POS's battery paid for the field during the redraw")
                .isEqualTo(redraw.readerCharge());
    }

    @Test
    void aReaderWhoseBatteryRunsOutBeforeTheRefreshLeavesThePreviousFace() {
        VisualCard wei = card("Wei", 10_000, DisplayFirmware.COMMITTED_STATE);
        CardFace before = wei.sessionEnds(selected(wei));
        Battery battery = new Battery(50);
        Device shop = Device.pos("Shop", issuer.issuedSe("Shop", FormFactor.POS, 0), TestDevices.AID, battery);
        TouchConditions conditions = TouchConditions.typical().withBatteryDrain();
        assertThat(PaymentSession.pay(wei, shop, 2_500, null, conditions).completed()).isTrue();
        battery.use(battery.charge() - 1); // one millionth of a percent left: not enough for a refresh

        org.dualoffline.se.ApduTrace trace = redrawTrace();
        VisualCard.Redraw redraw = wei.redrawInField(tracedSelected(wei, trace), trace, shop, conditions);

        assertThat(redraw.face()).as("nothing drawn").isNull();
        assertThat(wei.display().face()).as("the face from before the touch, corrected at the next field").isEqualTo(before);
        assertThat(TestDevices.balance(wei)).isEqualTo(7_500);
    }

    @Test
    void aRedrawOnAMainsReaderOrWithoutBatteryDrainCostsNoCharge() {
        VisualCard wei = card("Wei", 10_000, DisplayFirmware.COMMITTED_STATE);
        TouchConditions conditions = TouchConditions.typical();
        org.dualoffline.se.ApduTrace trace = redrawTrace();
        VisualCard.Redraw redraw = wei.redrawInField(tracedSelected(wei, trace), trace, pos("Shop"), conditions);
        assertThat(redraw.readerCharge()).isZero();
        assertThat(redraw.face()).isNotNull();
    }

    @Test
    void aLongCaptionIsWrappedUnderTheCardALineAfterEachSemicolon() {
        String caption = "after: Wei pays Golden Dragon ¥10.00 - reader: Golden Dragon (POS terminal), in the field: Wei (visual card); "
                + "in Golden Dragon's field 426.7 ms for the payment, then 149.1 ms for the redraw: 575.9 ms in all";
        java.util.List<String> lines = CardFaceSvg.wrap(caption);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(CardFaceSvg.CAPTION_LINE));
        assertThat(String.join(" ", lines)).isEqualTo(caption.replace("; ", " "));
        assertThat(lines.stream().filter(l -> l.startsWith("in Golden Dragon's field"))).as("the field time on a line of its own").hasSize(1);
        String svg = CardFaceSvg.render("Wei", new CardFace(900, Optional.empty()), caption);
        assertThat(svg).contains("height=\"" + (230 + 16 * (lines.size() - 1)) + "\"");
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
