package org.dualoffline.backend.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The refusals container mode makes before it talks to an engine: each says what is wrong and what to do. */
class ContainerPreflightTest {

    @Test
    void anEngineOnAnotherMachineIsRefusedBecauseTheContainersShareThisLoopback() {
        assertThatThrownBy(() -> ContainerPreflight.require(ContainerImages.configured(), Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376")))
                .isInstanceOf(ContainerModeUnavailableException.class)
                .hasMessageContaining("DOCKER_HOST=tcp://10.0.0.5:2376").hasMessageContaining("--backend external");
    }

    @Test
    void withoutRyukDisabledTestcontainersIsNotEvenAskedBecauseItWouldPull() {
        DockerAvailability answer = DockerAvailability.probe(Map.of());

        assertThat(answer.available()).isFalse();
        assertThat(answer.reason()).contains(DockerAvailability.RYUK_DISABLED + "=true").contains("not asked");
    }

    @Test
    void imageNamesComeFromTheProjectUnlessALabNamesOthers() {
        assertThat(new ContainerImages(ContainerImages.DEFAULT_JRE, ContainerImages.DEFAULT_POSTGRES).postgres()).isEqualTo("dualoffline/postgres:15");
        System.setProperty("DUALOFFLINE_POSTGRES_IMAGE", " lab/postgres:15.8 ");
        try {
            assertThat(ContainerImages.configured().postgres()).isEqualTo("lab/postgres:15.8");
            assertThat(ContainerImages.configured().jre()).isEqualTo(ContainerImages.DEFAULT_JRE);
        } finally {
            System.clearProperty("DUALOFFLINE_POSTGRES_IMAGE");
        }
        assertThatThrownBy(() -> new ContainerImages(" ", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePullPolicyNeverPulls() {
        assertThat(NeverPull.INSTANCE.shouldPull(org.testcontainers.utility.DockerImageName.parse("postgres:15"))).isFalse();
    }

    @Test
    void aFreeLoopbackPortIsAPortNothingListensOn() throws Exception {
        int port = Loopback.freePort();

        assertThat(port).isBetween(1, 65535);
        try (var s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName(Loopback.ADDRESS))) {
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }
}
