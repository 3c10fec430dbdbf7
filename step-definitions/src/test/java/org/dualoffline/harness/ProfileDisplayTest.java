package org.dualoffline.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dualoffline.devices.display.DisplayFirmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * capabilities.display, capabilities.bluetooth, display.firmware and ble.firmware: whether the
 * device has a display and a Bluetooth link, how a visual card's firmware draws its display, and
 * what a Bluetooth card's firmware passes from its link to the SE.
 */
class ProfileDisplayTest {
    private static Profile parse(String extra) {
        return LabProfile.parse(extra);
    }

    @Test
    void theReferenceHasADisplayDrawnFromTheCommittedState() {
        assertThat(Profile.reference().capabilities()).containsEntry("display", true);
        assertThat(Profile.reference().displayFirmware()).isEqualTo("committed-state");
        assertThat(DisplayFirmware.named(Profile.reference().displayFirmware())).isSameAs(DisplayFirmware.COMMITTED_STATE);
        assertThat(parse("display.firmware=requested-amount\n").displayFirmware()).isEqualTo("requested-amount");
        assertThat(parse("capabilities.display=false\n").capabilities()).containsEntry("display", false);
        assertThat(parse("").capabilities()).as("Bluetooth too, unless the profile says not").containsEntry("bluetooth", true);
        assertThat(parse("capabilities.bluetooth=false\n").capabilities()).containsEntry("bluetooth", false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"committed", "REQUESTED-AMOUNT", "none"})
    void aFirmwareTheHarnessDoesNotKnowIsRefusedNamingTheKey(String value) {
        assertThatThrownBy(() -> parse("display.firmware=" + value + "\n")).isInstanceOf(Profile.ProfileException.class)
                .hasMessageContaining("display.firmware").hasMessageContaining(value);
    }

    @Test
    void theReferencesBluetoothFirmwarePassesOnlyTheHoldersSessions() {
        assertThat(Profile.reference().bleFirmware()).isEqualTo("holder-sessions");
        assertThat(org.dualoffline.devices.ble.BleFirmware.named(Profile.reference().bleFirmware()))
                .isSameAs(org.dualoffline.devices.ble.BleFirmware.HOLDER_SESSIONS);
        assertThat(parse("ble.firmware=relays-everything\n").bleFirmware()).isEqualTo("relays-everything");
    }

    @ParameterizedTest
    @ValueSource(strings = {"holder", "RELAYS-EVERYTHING", "none"})
    void aBluetoothFirmwareTheHarnessDoesNotKnowIsRefusedNamingTheKey(String value) {
        assertThatThrownBy(() -> parse("ble.firmware=" + value + "\n")).isInstanceOf(Profile.ProfileException.class)
                .hasMessageContaining("ble.firmware").hasMessageContaining(value);
    }
}
