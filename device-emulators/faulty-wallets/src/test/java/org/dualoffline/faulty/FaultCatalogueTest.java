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

    @Test
    void theProfilesInProfilesFaultyAreExactlyTheFaultsOfTheCatalogue() throws IOException {
        try (Stream<Path> files = Files.list(PROFILES)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(Fault.values()).map(f -> f.id + ".properties").toList());
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
