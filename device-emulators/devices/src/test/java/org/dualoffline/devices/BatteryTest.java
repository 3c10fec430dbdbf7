package org.dualoffline.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BatteryTest {

    @Test
    void aBatteryWithAnyChargeLeftShowsAtLeastOnePercent() {
        Battery b = new Battery(1);
        assertThat(b.use(PowerDraw.ONE_PERCENT / 2)).isTrue();
        assertThat(b.percent()).isEqualTo(1);
        assertThat(b.charge()).isEqualTo(500_000);
        assertThat(b.describe()).isEqualTo("battery at 0.5 %");
    }

    @Test
    void aBatteryThatRunsOutStopsAtZero() {
        Battery b = new Battery(1);
        assertThat(b.use(3 * PowerDraw.ONE_PERCENT)).isFalse();
        assertThat(b.charge()).isZero();
        assertThat(b.hasPower()).isFalse();
        assertThat(b.describe()).isEqualTo("battery at 0 %");
    }

    @Test
    void aBatteryCanBeChargedToPartOfAPercent() {
        Battery b = Battery.charged(0.05, PowerDraw.REFERENCE);
        assertThat(b.charge()).isEqualTo(50_000);
        assertThat(b.hasPower()).isTrue();
        assertThat(b.describe()).isEqualTo("battery at 0.05 %");
    }

    @Test
    void theReferenceDrawEmptiesOnePercentInAQuarterSecondOfField() {
        PowerDraw d = PowerDraw.REFERENCE;
        assertThat(d.field(250_000)).isEqualTo(PowerDraw.ONE_PERCENT);
        assertThat(d.cardEmulation(5_000_000)).isEqualTo(PowerDraw.ONE_PERCENT);
        assertThat(d.readerPerApdu()).isLessThan(d.field(10_000));
    }

    @Test
    void chargeOutsideZeroToAHundredIsRefused() {
        assertThatThrownBy(() -> new Battery(101)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("battery charge must be 0..100 %, got 101");
        assertThatThrownBy(() -> Battery.charged(-0.1, PowerDraw.REFERENCE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("battery charge must be 0..100 %, got -0.1");
        assertThatThrownBy(() -> new Battery(5).use(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot use a negative charge: -1");
    }
}
