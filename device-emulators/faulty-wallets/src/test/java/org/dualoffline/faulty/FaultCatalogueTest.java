package org.dualoffline.faulty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every fault of the catalogue has its qualification profile, which expects it to fail the
 * requirement it breaks; every allowed choice has its known-good profile, which certifies its jar
 * with its install data and its applet class.
 */
class FaultCatalogueTest {
    private static final Path PROFILES = Path.of("../../profiles/faulty").toAbsolutePath().normalize();
    private static final Path GOOD = Path.of("../../profiles/good").toAbsolutePath().normalize();

    /**
     * The known-bad devices whose fault is not in the wallet's bytecode but in the device around it
     * (a visual card's display firmware, a Bluetooth card's link firmware): they certify the reference applet, with the device fault
     * their profile names.
     */
    private static final java.util.Map<String, String> DEVICE_FAULTS = java.util.Map.of(
            "display-shows-requested-amount.properties", "display.firmware=requested-amount",
            "bluetooth-relays-payments.properties", "ble.firmware=relays-everything");

    @Test
    void theProfilesInProfilesFaultyAreExactlyTheFaultsOfTheCatalogueAndTheDeviceFaults() throws IOException {
        java.util.List<String> expected = new java.util.ArrayList<>(Arrays.stream(Fault.values()).map(f -> f.id + ".properties").toList());
        expected.addAll(DEVICE_FAULTS.keySet());
        try (Stream<Path> files = Files.list(PROFILES)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void eachDeviceFaultCertifiesTheReferenceAppletWithTheFaultItsProfileNames() throws IOException {
        for (var fault : DEVICE_FAULTS.entrySet()) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(PROFILES.resolve(fault.getKey()))) {
                p.load(r);
            }
            String[] keyValue = fault.getValue().split("=", 2);
            assertThat(p.getProperty("applet.jar")).as(fault.getKey() + ": the reference applet, from the classpath").isNull();
            assertThat(p.getProperty(keyValue[0])).as(fault.getKey()).isEqualTo(keyValue[1]);
            assertThat(p.getProperty("qualification.breaks")).as(fault.getKey()).isNotBlank();
            assertThat(p.getProperty("device.version")).as(fault.getKey()).isEqualTo("breaks " + p.getProperty("qualification.breaks"));
        }
    }

    @Test
    void eachProfileCertifiesItsFaultsJarAndExpectsTheRequirementTheFaultBreaks() throws IOException {
        for (Fault f : Fault.values()) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(PROFILES.resolve(f.id + ".properties"))) {
                p.load(r);
            }
            assertThat(p.getProperty("applet.jar")).as(f.id).isEqualTo("../../device-emulators/faulty-wallets/target/faulty-wallets/" + f.id + ".jar");
            assertThat(p.getProperty("qualification.breaks")).as(f.id).isEqualTo(f.breaks);
            assertThat(p.getProperty("device.version")).as(f.id).isEqualTo("breaks " + f.breaks);
        }
    }

    @Test
    void theProfilesInProfilesGoodAreExactlyTheAllowedChoices() throws IOException {
        try (Stream<Path> files = Files.list(GOOD)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(AllowedChoice.values()).map(c -> c.id + ".properties").toList());
        }
    }

    @Test
    void eachKnownGoodProfileCertifiesItsJarWithItsInstallDataAndAppletClass() throws IOException {
        for (AllowedChoice c : AllowedChoice.values()) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(GOOD.resolve(c.id + ".properties"))) {
                p.load(r);
            }
            assertThat(p.getProperty("applet.jar")).as(c.id).isEqualTo("../../device-emulators/faulty-wallets/target/good-wallets/" + c.id + ".jar");
            assertThat(p.getProperty("applet.class")).as(c.id).isEqualTo(c.appletClass());
            assertThat(p.getProperty("applet.installParameters")).as(c.id).isEqualTo(c.installParameters);
            assertThat(p.getProperty("qualification.breaks")).as(c.id + " breaks nothing").isNull();
        }
    }
}
