package org.dualoffline.devices.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinkModelTest {
    private static final LinkModel NFC_106 = new LinkModel("NFC-A 106", 106, 9, 64, 3, 500, 10_000);

    @Test
    void aByteTakesNineBitTimesOnNfcA() {
        assertThat(NFC_106.nanosPerByte()).isEqualTo(84_905);
        assertThat(new LinkModel("NFC-A 424", 424, 9, 256, 3, 0, 0).nanosPerByte()).isEqualTo(21_226);
    }

    @Test
    void aShortExchangeIsOneFrameEachWay() {
        // (5 + 2 + 2 * 3 protocol bytes) * 84.905 µs + 2 * 500 µs
        assertThat(NFC_106.transferMicros(5, 2)).isEqualTo(2_104);
    }

    @Test
    void aLongCommandIsChainedAndEachChainedFrameAcknowledged() {
        // 173 bytes in frames of 61: 3 frames and 2 acknowledgements; 184 bytes: 4 frames and 3 acknowledgements
        long frames = 3 + 2 + 4 + 3;
        long expectedNanos = (173 + 184 + frames * 3) * 84_905 + frames * 500_000;
        assertThat(NFC_106.transferMicros(173, 184)).isEqualTo((expectedNanos + 500) / 1000);
    }

    @Test
    void aCommandWithoutResponseHasNoResponseFrame() {
        assertThat(NFC_106.transferMicros(5, 0)).isLessThan(NFC_106.transferMicros(5, 2));
    }

    @Test
    void aFrameMustHoldMoreThanItsProtocolBytes() {
        assertThatThrownBy(() -> new LinkModel("broken", 106, 9, 3, 3, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
