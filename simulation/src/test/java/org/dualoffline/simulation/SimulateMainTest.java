package org.dualoffline.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dualoffline.harness.Profile;
import org.junit.jupiter.api.Test;

/** The command line: scenarios by name or file, and a clear refusal of what cannot run. */
class SimulateMainTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void aScenarioIsAFileOrTheNameOfOneInSimulations() {
        assertThat(SimulateMain.parse(ROOT, new String[] {"smoke"}).scenario()).isEqualTo(ROOT.resolve("simulations/smoke.properties"));
        assertThat(SimulateMain.parse(ROOT, new String[] {"simulations/flood-3-days.properties", "--seed", "7", "--clients", "8"}))
                .satisfies(o -> {
                    assertThat(o.scenario()).isEqualTo(ROOT.resolve("simulations/flood-3-days.properties"));
                    assertThat(o.seed()).isEqualTo(7L);
                    assertThat(o.clients()).isEqualTo(8);
                });
        assertThat(SimulateMain.parse(ROOT, new String[] {"--help"}).help()).isTrue();
    }

    @Test
    void anUnknownScenarioIsRefusedListingTheShippedOnes() {
        assertThatThrownBy(() -> SimulateMain.parse(ROOT, new String[] {"tsunami"})).isInstanceOf(TownSpec.ScenarioFileException.class)
                .hasMessageContaining("no scenario tsunami").hasMessageContaining("flood-3-days").hasMessageContaining("smoke");
    }

    @Test
    void badOptionsAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> SimulateMain.parse(ROOT, new String[] {})).isInstanceOf(SimulateMain.UsageException.class)
                .hasMessageContaining("which scenario");
        assertThatThrownBy(() -> SimulateMain.parse(ROOT, new String[] {"smoke", "--seed"})).hasMessageContaining("--seed needs a value");
        assertThatThrownBy(() -> SimulateMain.parse(ROOT, new String[] {"smoke", "--clients", "0"})).hasMessageContaining("--clients must be from 1");
        assertThatThrownBy(() -> SimulateMain.parse(ROOT, new String[] {"smoke", "--backend", "cloud"}))
                .hasMessageContaining("--backend must be embedded, container or external");
        assertThatThrownBy(() -> SimulateMain.parse(ROOT, new String[] {"smoke", "--fast"})).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> SimulateMain.parse(ROOT, new String[] {"smoke", "smoke"})).hasMessageContaining("one scenario per run");
    }

    @Test
    void aPcscProfileCannotHoldATown() {
        assertThatThrownBy(() -> SimulateMain.run(ROOT, new String[] {"smoke", "--profile", "profiles/reference-pcsc-vpcd.properties"},
                Progress.silent())).isInstanceOf(Profile.ProfileException.class).hasMessageContaining("se.kind=jcardsim");
    }
}
