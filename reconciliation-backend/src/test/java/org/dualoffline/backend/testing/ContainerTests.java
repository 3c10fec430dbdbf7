package org.dualoffline.backend.testing;

import org.dualoffline.backend.container.ContainerImages;
import org.dualoffline.backend.container.ContainerModeUnavailableException;
import org.dualoffline.backend.container.ContainerPreflight;
import org.dualoffline.backend.container.DockerAvailability;
import org.junit.jupiter.api.Assumptions;

/** For the tests that start containers: they run where container mode can, and otherwise skip, or fail where Docker is required. */
public final class ContainerTests {
    private ContainerTests() {}

    /**
     * Returns when the engine and the images are there; else aborts the calling test with the reason,
     * or, with {@code DUALOFFLINE_REQUIRE_DOCKER=true} (CI), fails it.
     */
    public static void requireContainersOrSkip(String what) {
        try {
            ContainerPreflight.require(ContainerImages.configured());
        } catch (ContainerModeUnavailableException e) {
            if (DockerAvailability.requireDocker()) {
                throw new IllegalStateException(DockerAvailability.REQUIRE_FLAG + "=true but " + e.getMessage(), e);
            }
            Assumptions.abort(what + " skipped: " + e.getMessage());
        }
    }
}
