package org.dualoffline.devices.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VirtualClockTest {

    @Test
    void timeMovesOnlyWhenAdvanced() {
        VirtualClock clock = new VirtualClock();
        assertThat(clock.nowMicros()).isZero();
        clock.advance(1_500);
        clock.advance(0);
        assertThat(clock.nowMicros()).isEqualTo(1_500);
        assertThat(clock).hasToString("t=1.5 ms");
    }

    @Test
    void timeNeverGoesBack() {
        assertThatThrownBy(() -> new VirtualClock().advance(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VirtualClock(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
