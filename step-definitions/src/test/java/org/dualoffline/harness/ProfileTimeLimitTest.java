package org.dualoffline.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** se.commandTimeLimitMs: how long an emulated card may take over one command before it counts as mute. */
class ProfileTimeLimitTest {
    private static Profile parse(String extra) {
        return LabProfile.parse(extra);
    }

    @Test
    void aReadersWaitingTimeOfFiveSecondsUnlessTheProfileSaysOtherwise() {
        assertThat(parse("").commandTimeLimit()).isEqualTo(Duration.ofSeconds(5));
        assertThat(Profile.reference().commandTimeLimit()).isEqualTo(Duration.ofSeconds(5));
        assertThat(parse("se.commandTimeLimitMs=1500\n").commandTimeLimit()).isEqualTo(Duration.ofMillis(1500));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "5s", "600001", "1e3"})
    void aLimitThatIsNotAPositiveNumberOfMillisecondsIsRefusedNamingTheKey(String value) {
        assertThatThrownBy(() -> parse("se.commandTimeLimitMs=" + value + "\n")).isInstanceOf(Profile.ProfileException.class)
                .hasMessageContaining("se.commandTimeLimitMs").hasMessageContaining(value);
    }
}
