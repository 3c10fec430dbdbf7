package org.dualoffline.faulty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.seal.Finding;
import org.dualoffline.se.seal.JavaCardCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sealed SE installs every wallet the harness is qualified with: the reference, each
 * known-bad and known-good wallet and each mutant of {@code ./certify mutants} are Java Card code
 * ({@link JavaCardCheck} finds nothing), so none of them is refused instead of certified.
 */
class JavaCardWalletsTest {
    @TempDir
    Path dir;

    @Test
    void theReferenceWalletIsJavaCardCode() {
        assertThat(AppletSource.ofClass(PlainJcardsim.APPLET_CLASS).load()).isNotNull();
    }

    @Test
    void everyKnownBadWalletIsJavaCardCode() throws IOException {
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        for (Fault f : Fault.values()) {
            Path jar = dir.resolve(f.id + ".jar");
            FaultyWalletBuilder.write(f, jar);
            findings.put(f.id, JavaCardCheck.check(jar, PlainJcardsim.APPLET_CLASS));
        }
        assertThat(findings).hasSize(Fault.values().length).allSatisfy((id, found) -> assertThat(found).as(id).isEmpty());
    }

    @Test
    void everyKnownGoodWalletIsJavaCardCode() throws IOException {
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        for (AllowedChoice c : AllowedChoice.values()) {
            Path jar = dir.resolve(c.id + ".jar");
            FaultyWalletBuilder.write(c, jar);
            findings.put(c.id, JavaCardCheck.check(jar, c.appletClass()));
        }
        assertThat(findings).hasSize(AllowedChoice.values().length).allSatisfy((id, found) -> assertThat(found).as(id).isEmpty());
    }

    @Test
    void everyMutantIsJavaCardCode() throws IOException {
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        for (Mutants.Mutant m : Mutants.all()) {
            Path jar = dir.resolve(m.id() + ".jar");
            Mutants.write(m, jar);
            findings.put(m.id(), JavaCardCheck.check(jar, PlainJcardsim.APPLET_CLASS));
        }
        assertThat(findings).hasSizeGreaterThan(100).allSatisfy((id, found) -> assertThat(found).as(id).isEmpty());
    }
}
