package org.dualoffline.backend.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/**
 * What container mode checks before it starts anything, so that a machine without what it needs is
 * told so in seconds, with the fix, instead of a pull that hangs or a timeout that names the wrong
 * cause: the engine is local (the containers share this machine's loopback), it answers, every
 * image is there (and, through {@link DockerAvailability}, Testcontainers will not try to pull its
 * Ryuk reaper). Throws {@link ContainerModeUnavailableException}; nothing has been started or pulled then.
 */
public final class ContainerPreflight {
    /** The engine's start command for a machine like CI's: host networking only, no NAT, no iptables. */
    public static final String START_ENGINE = "as root: apt-get install docker.io, then "
            + "dockerd --bridge=none --iptables=false --ip6tables=false --ip-forward=false &";

    private ContainerPreflight() {}

    /** Checks the engine and {@code images}, with this process's environment. */
    public static void require(ContainerImages images) {
        require(images, System.getenv());
    }

    static void require(ContainerImages images, Map<String, String> env) {
        String dockerHost = env.getOrDefault("DOCKER_HOST", "");
        if (!dockerHost.isBlank() && !dockerHost.startsWith("unix://")) {
            throw new ContainerModeUnavailableException("container mode runs its containers on this machine's loopback (host networking), "
                    + "but DOCKER_HOST=" + dockerHost + " is an engine elsewhere: unset DOCKER_HOST to use the local engine, or run "
                    + "the backend there and use --backend external with its URL");
        }
        DockerAvailability docker = DockerAvailability.check();
        if (!docker.available()) {
            throw new ContainerModeUnavailableException("container mode needs a Docker engine: " + docker.reason() + ". Start one ("
                    + START_ENGINE + ") and build the images (" + ContainerImages.BUILD_COMMAND + "), or use --backend embedded");
        }
        DockerClient client = DockerClientFactory.instance().client();
        List<String> missing = new ArrayList<>();
        for (String image : List.of(images.jre(), images.postgres())) {
            if (!present(client, image)) {
                missing.add(image);
            }
        }
        if (!missing.isEmpty()) {
            throw new ContainerModeUnavailableException("container mode never pulls, and the engine has no image " + String.join(", no image ", missing)
                    + ": build the images from Debian packages with " + ContainerImages.BUILD_COMMAND + " (as root, about 90 s), or load a "
                    + "lab's set with " + ContainerImages.LOAD_COMMAND);
        }
    }

    private static boolean present(DockerClient client, String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
