package org.dualoffline.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Seals the evidence of a run: a {@code MANIFEST.sha256} in {@code sha256sum} format listing
 * every evidence file, and the SHA-256 of that manifest, which goes into the report. A lab
 * verifies the bundle with {@code sha256sum -c MANIFEST.sha256} and the manifest's own hash.
 */
public final class EvidenceBundle {
    public static final String MANIFEST = "MANIFEST.sha256";

    private EvidenceBundle() {}

    /** Writes the manifest over every file under {@code root} (but itself) and returns its SHA-256. */
    public static String seal(Path root, List<Path> alsoInclude) {
        try {
            Files.createDirectories(root);
            List<Path> files;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(MANIFEST)).sorted().toList();
            }
            StringBuilder manifest = new StringBuilder();
            for (Path f : files) {
                manifest.append(sha256(Files.readAllBytes(f))).append("  ").append(root.relativize(f).toString().replace('\\', '/')).append('\n');
            }
            for (Path f : alsoInclude) {
                if (Files.isRegularFile(f)) {
                    manifest.append(sha256(Files.readAllBytes(f))).append("  ").append(root.relativize(f.toAbsolutePath()).toString().replace('\\', '/')).append('\n');
                }
            }
            byte[] bytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
            Files.write(root.resolve(MANIFEST), bytes);
            return sha256(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot seal the evidence under " + root, e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
