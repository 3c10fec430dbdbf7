package org.dualoffline.devices.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeSpeedProfileTest {

    @Test
    void profilesParseAsScenariosSayThem() {
        assertThat(SeSpeedProfile.parse("low-end card")).isEqualTo(SeSpeedProfile.LOW_END_CARD);
        assertThat(SeSpeedProfile.parse("Low end card")).isEqualTo(SeSpeedProfile.LOW_END_CARD);
        assertThat(SeSpeedProfile.parse("typical SE")).isEqualTo(SeSpeedProfile.TYPICAL_SE);
        assertThat(SeSpeedProfile.parse(" typical  secure element ")).isEqualTo(SeSpeedProfile.TYPICAL_SE);
        assertThat(SeSpeedProfile.parse("phone eSE")).isEqualTo(SeSpeedProfile.PHONE_ESE);
        assertThat(SeSpeedProfile.parse("PHONE_ESE")).isEqualTo(SeSpeedProfile.PHONE_ESE);
    }

    @Test
    void anUnknownProfileIsRefusedWithTheKnownNames() {
        assertThatThrownBy(() -> SeSpeedProfile.parse("quantum card"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown SE speed profile \"quantum card\"; known: low-end card, typical SE, phone eSE");
    }

    @Test
    void slowerChipsAreSlowerAtEveryOperation() {
        SeSpeedProfile low = SeSpeedProfile.LOW_END_CARD;
        SeSpeedProfile typical = SeSpeedProfile.TYPICAL_SE;
        SeSpeedProfile ese = SeSpeedProfile.PHONE_ESE;
        assertThat(low.signMicros).isGreaterThan(typical.signMicros).isGreaterThan(ese.signMicros);
        assertThat(low.verifyMicros).isGreaterThan(typical.verifyMicros).isGreaterThan(ese.verifyMicros);
        assertThat(low.writeMicros).isGreaterThan(typical.writeMicros).isGreaterThan(ese.writeMicros);
        assertThat(low.apduOverheadMicros).isGreaterThan(typical.apduOverheadMicros).isGreaterThan(ese.apduOverheadMicros);
    }

    @Test
    void verifyingIsSlowerThanSigningOnTheseChips() {
        for (SeSpeedProfile p : SeSpeedProfile.values()) {
            assertThat(p.verifyMicros).as(p.label).isGreaterThan(p.signMicros);
        }
    }

    @Test
    void aTypicalSeSignsWithinTheRangeOfModernSecureElements() {
        assertThat(SeSpeedProfile.TYPICAL_SE.signMicros).isBetween(30_000L, 60_000L);
        assertThat(SeSpeedProfile.LOW_END_CARD.signMicros).isBetween(80_000L, 200_000L);
        assertThat(SeSpeedProfile.PHONE_ESE.signMicros).isBetween(10_000L, 25_000L);
    }

    @Test
    void sm2AndSm3OperationsAreTimedWithTheirOwnFigures() {
        for (SeSpeedProfile p : SeSpeedProfile.values()) {
            org.dualoffline.se.ApduCost sm2Pay = new org.dualoffline.se.ApduCost(0, 0, 0, 0, 0, 0, 0, 1, 1, 330, 0);
            assertThat(p.cryptoMicros(sm2Pay)).as(p.label).isEqualTo(p.sm2SignMicros + p.sm2VerifyMicros + (330 * p.sm3NanosPerByte + 500) / 1000);
            assertThat(p.cryptoMicros(new org.dualoffline.se.ApduCost(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1))).isEqualTo(p.sm2KeyGenerationMicros);
            // nothing national in a P-256 cost
            assertThat(p.cryptoMicros(new org.dualoffline.se.ApduCost(0, 0, 1, 0, 0, 0, 0))).isEqualTo(p.signMicros);
        }
    }
}
