package org.dualoffline.backend.container;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The backend's image for this checkout: the module's Dockerfile on {@link ContainerImages#jre()}
 * with the shaded jar of {@code target/}, tagged by the jar's SHA-256
 * ({@code dualoffline/reconciliation-backend:jar-<12 hex>}) so a run never starts an image of other
 * code, and the build (about 3 s) happens once per jar; the images of earlier jars are removed then.
 * Built without network and without pulling.
 */
public final class BackendImage {
    public static final String REPOSITORY = "dualoffline/reconciliation-backend";

    private BackendImage() {}

    /** The image name, built first if the engine does not have it. */
    public static String ensure(Path moduleDir, ContainerImages images) {
        Path jar = shadedJar(moduleDir);
        String name = REPOSITORY + ":jar-" + sha256(jar).substring(0, 12);
        if (present(name)) {
            return name;
        }
        String built = new ImageFromDockerfile(name, false)
                .withFileFromPath("Dockerfile", moduleDir.resolve("Dockerfile"))
                .withFileFromPath("target/" + jar.getFileName(), jar)
                .withBuildArg("BASE_IMAGE", images.jre())
                .withBuildImageCmdModifier(cmd -> cmd.withPull(false).withNetworkMode("none"))
                .get();
        removeOtherJarImages(name);
        return built;
    }

    /** The images of earlier jars are of no more use; one a container still runs stays (the engine refuses). */
    private static void removeOtherJarImages(String keep) {
        var client = DockerClientFactory.instance().client();
        for (var image : client.listImagesCmd().withImageNameFilter(REPOSITORY).exec()) {
            for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                if (tag.startsWith(REPOSITORY + ":jar-") && !tag.equals(keep)) {
                    try {
                        client.removeImageCmd(tag).exec();
                    } catch (RuntimeException e) {
                        // in use, or gone meanwhile: left for the next build
                    }
                }
            }
        }
    }

    /** The one {@code reconciliation-backend-*-all.jar} in the module's {@code target/}. */
    static Path shadedJar(Path moduleDir) {
        Path target = moduleDir.resolve("target");
        List<Path> jars;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            jars = files.filter(p -> p.getFileName().toString().matches("reconciliation-backend-.*-all\\.jar")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (jars.size() != 1) {
            throw new ContainerModeUnavailableException("expected one shaded jar reconciliation-backend-*-all.jar in " + target + ", found "
                    + jars + "; build it with ./mvnw -pl reconciliation-backend -am package -DskipTests");
        }
        return jars.get(0);
    }

    private static boolean present(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
