package org.dualoffline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./certify mutants}'s command line: defaults, each option, and a clear error for each bad one. */
class MutationRunOptionsTest {
    @Test
    void defaultsAreAHundredMutantsOfTheDefaultSeedIntoReportsMutants() {
        MutationRun.Options o = MutationRun.Options.parse();

        assertThat(o.count()).isEqualTo(100);
        assertThat(o.out()).isEqualTo(Path.of("reports/mutants"));
        assertThat(o.minScore()).isNull();
        assertThat(o.ids()).isEmpty();
        assertThat(o.jobs()).isPositive();
    }

    @Test
    void everyOptionIsTaken() {
        MutationRun.Options o = MutationRun.Options.parse("--count", "12", "--seed", "7", "--out", "x/y", "--min-score", "95.5", "--jobs", "3",
                "--ids", "A.b-refusal-removed-1,C.d-comparison-shifted-2");

        assertThat(o.count()).isEqualTo(12);
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.out()).isEqualTo(Path.of("x/y"));
        assertThat(o.minScore()).isEqualTo(95.5);
        assertThat(o.jobs()).isEqualTo(3);
        assertThat(o.ids()).isEqualTo(List.of("A.b-refusal-removed-1", "C.d-comparison-shifted-2"));
    }

    @Test
    void aBadOptionIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> MutationRun.Options.parse("--count", "0")).hasMessageContaining("--count needs a whole number of mutants");
        assertThatThrownBy(() -> MutationRun.Options.parse("--count", "many")).hasMessageContaining("--count needs a whole number");
        assertThatThrownBy(() -> MutationRun.Options.parse("--min-score", "101")).hasMessageContaining("--min-score needs a percentage");
        assertThatThrownBy(() -> MutationRun.Options.parse("--jobs", "0")).hasMessageContaining("1 to 16");
        assertThatThrownBy(() -> MutationRun.Options.parse("--count")).hasMessageContaining("--count needs a value");
        assertThatThrownBy(() -> MutationRun.Options.parse("--mutants", "3")).hasMessageContaining("unknown argument \"--mutants\"");
    }
}
