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

/** Every fault of the catalogue has its qualification profile, which expects it to fail the requirement it breaks. */
class FaultCatalogueTest {
    private static final Path PROFILES = Path.of("../../profiles/faulty").toAbsolutePath().normalize();

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
}
