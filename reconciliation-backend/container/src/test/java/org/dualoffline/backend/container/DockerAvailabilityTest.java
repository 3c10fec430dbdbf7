package org.dualoffline.backend.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** Finding out whether Docker is there must be quick and must say why not; it never hangs. */
class DockerAvailabilityTest {

    @Test
    void theAnswerComesQuicklyWithAReason(TestReporter reporter) {
        long start = System.nanoTime();
        DockerAvailability docker = DockerAvailability.check();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        reporter.publishEntry("docker", docker.available() + " in " + docker.took().toMillis() + " ms: " + docker.reason());
        System.out.println("DockerAvailability: available=" + docker.available() + " probe took " + docker.took().toMillis()
                + " ms; " + docker.reason());
        assertThat(took).isLessThan(DockerAvailability.PROBE_TIMEOUT.plusSeconds(5));
        assertThat(docker.reason()).isNotBlank();
        if (!docker.available()) {
            assertThat(docker.reason()).containsIgnoringCase("docker");
        }
    }

    @Test
    void askingAgainAnswersFromTheFirstProbe() {
        DockerAvailability first = DockerAvailability.check();

        DockerAvailability again = DockerAvailability.check();

        assertThat(again).as("the cached answer, not a second probe").isSameAs(first);
    }
}
