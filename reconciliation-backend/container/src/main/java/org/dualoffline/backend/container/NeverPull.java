package org.dualoffline.backend.container;

import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

/**
 * The pull policy of every container the project starts: never. The images are built locally from
 * Debian packages ({@code ./certify images}) or loaded from a lab's tarball; a pull could only hang
 * on an air-gapped machine or fetch something that is not what was certified.
 * {@link ContainerPreflight} has made sure the images are there.
 */
public final class NeverPull implements ImagePullPolicy {
    public static final NeverPull INSTANCE = new NeverPull();

    private NeverPull() {}

    @Override
    public boolean shouldPull(DockerImageName imageName) {
        return false;
    }
}
