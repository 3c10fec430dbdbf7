package org.dualoffline.devices.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dualoffline.se.ApduCost;
import org.dualoffline.se.ApduTrace;
import org.junit.jupiter.api.Test;

class TapTimerTest {

    @Test
    void theReferencePaymentFitsTheContactlessBudgetOnATypicalSe() {
        TapTime t = ReferencePayment.timeOn(SeSpeedProfile.TYPICAL_SE);

        assertThat(t.withinContactlessBudget()).as(t.render()).isTrue();
        assertThat(t.apdus()).hasSize(7);
    }

    @Test
    void aLowEndCardMissesTheBudgetAndAPhoneEseIsFastest() {
        TapTime lowEnd = ReferencePayment.timeOn(SeSpeedProfile.LOW_END_CARD);
        TapTime typical = ReferencePayment.timeOn(SeSpeedProfile.TYPICAL_SE);
        TapTime ese = ReferencePayment.timeOn(SeSpeedProfile.PHONE_ESE);

        assertThat(lowEnd.withinContactlessBudget()).as(lowEnd.render()).isFalse();
        assertThat(lowEnd.totalMicros()).isGreaterThan(typical.totalMicros());
        assertThat(typical.totalMicros()).isGreaterThan(ese.totalMicros());
    }

    @Test
    void cryptographyDominatesTheTapOnEveryProfile() {
        for (SeSpeedProfile p : SeSpeedProfile.values()) {
            TapTime t = ReferencePayment.timeOn(p);
            assertThat(t.cryptoMicros()).as(p + "\n" + t.render())
                    .isGreaterThan(t.linkMicros()).isGreaterThan(t.writeMicros()).isGreaterThan(t.overheadMicros());
        }
    }

    @Test
    void theCategoriesAddUpToTheTotalAndTheClockAdvancesByIt() {
        VirtualClock clock = new VirtualClock(1_000);
        TapTime t = new TapTimer(SeSpeeds.all(SeSpeedProfile.TYPICAL_SE), clock).time(ReferencePayment.exchanges());

        assertThat(t.linkMicros() + t.cryptoMicros() + t.writeMicros() + t.overheadMicros()).isEqualTo(t.totalMicros());
        assertThat(clock.nowMicros()).isEqualTo(1_000 + t.totalMicros()).isEqualTo(t.endMicros());
        for (int i = 1; i < t.apdus().size(); i++) {
            assertThat(t.apdus().get(i).startMicros()).isEqualTo(t.apdus().get(i - 1).endMicros());
        }
    }

    @Test
    void theSameTouchAlwaysTakesTheSameModeledTime() {
        assertThat(ReferencePayment.timeOn(SeSpeedProfile.TYPICAL_SE)).isEqualTo(ReferencePayment.timeOn(SeSpeedProfile.TYPICAL_SE));
    }

    @Test
    void eachSeIsTimedOnItsOwnProfile() {
        SeSpeeds lowEndCardAtFastPos = SeSpeeds.all(SeSpeedProfile.PHONE_ESE).with(ReferencePayment.PAYER, SeSpeedProfile.LOW_END_CARD);
        TapTime t = new TapTimer(lowEndCardAtFastPos, new VirtualClock()).time(ReferencePayment.exchanges());

        ApduTime pay = t.apdus().get(5);
        ApduTime receive = t.apdus().get(6);
        assertThat(pay.profile()).isEqualTo(SeSpeedProfile.LOW_END_CARD);
        assertThat(pay.cryptoMicros()).isEqualTo(SeSpeedProfile.LOW_END_CARD.signMicros + SeSpeedProfile.LOW_END_CARD.verifyMicros + 1_100);
        assertThat(receive.profile()).isEqualTo(SeSpeedProfile.PHONE_ESE);
    }

    @Test
    void theNfcActivationIsPaidOnceOnTheFirstNfcExchange() {
        TapTime t = ReferencePayment.timeOn(SeSpeedProfile.TYPICAL_SE);
        LinkModel nfc = SeSpeedProfile.TYPICAL_SE.nfc;

        ApduTime firstNfc = t.apdus().get(1);
        ApduTime secondNfc = t.apdus().get(3);
        assertThat(firstNfc.linkMicros()).isEqualTo(nfc.transferMicros(15, 2) + nfc.activationMicros());
        assertThat(secondNfc.linkMicros()).isEqualTo(nfc.transferMicros(5, 149));
    }

    @Test
    void theReadersBusToItsOwnSeIsUsedForInternalExchanges() {
        TapTime t = ReferencePayment.timeOn(SeSpeedProfile.TYPICAL_SE);
        assertThat(t.apdus().get(2).linkMicros()).isEqualTo(SeSpeedProfile.TYPICAL_SE.hostBus.transferMicros(5, 149));
    }

    @Test
    void persistentWritesAreChargedPerOperationAndPerByte() {
        SeSpeedProfile p = SeSpeedProfile.LOW_END_CARD;
        assertThat(p.writeMicros(new ApduCost(10, 450, 0, 0, 0, 0, 0))).isEqualTo(10 * p.writeMicros + 450 * p.writeNanosPerByte / 1000);
        assertThat(p.writeMicros(ApduCost.NONE)).isZero();
    }

    @Test
    void anExchangeWithoutCostTakesItsLinkAndOverheadOnly() {
        ApduTrace trace = new ApduTrace("probe");
        trace.record("Wei SE", "internal", "GET STATUS", ReferencePayment.bytes(5), ReferencePayment.bytes(98), 0, null);
        ApduTime t = new TapTimer(SeSpeeds.all(SeSpeedProfile.TYPICAL_SE), new VirtualClock()).next(trace.exchanges().get(0));

        assertThat(t.cryptoMicros()).isZero();
        assertThat(t.writeMicros()).isZero();
        assertThat(t.overheadMicros()).isEqualTo(SeSpeedProfile.TYPICAL_SE.apduOverheadMicros);
    }

    @Test
    void theBreakdownPrintsOneLinePerApdu() {
        String report = ReferencePayment.timeOn(SeSpeedProfile.TYPICAL_SE).render();
        List<String> lines = report.lines().toList();

        assertThat(lines.get(0)).startsWith("modeled tap time ").contains("crypto").contains("persistent writes");
        assertThat(lines).hasSize(2 + 7);
        assertThat(lines.get(8)).contains("Shop SE").contains("RECEIVE").contains("typical SE");
    }
}
