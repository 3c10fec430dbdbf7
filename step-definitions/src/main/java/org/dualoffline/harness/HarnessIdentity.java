package org.dualoffline.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Which harness made a report: its git commit, marked when the checkout has changes not committed. */
public final class HarnessIdentity {
    private HarnessIdentity() {}

    /** The commit checked out at {@code root}, "+modified" when tracked files changed, or why it is unknown. */
    public static String gitCommit(Path root) {
        try {
            Process p = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
            String head = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "unknown (not a git checkout)";
            }
            Process d = new ProcessBuilder("git", "-C", root.toString(), "status", "--porcelain", "--untracked-files=no").redirectErrorStream(true).start();
            String dirty = new String(d.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            d.waitFor(10, TimeUnit.SECONDS);
            return dirty.isEmpty() ? head : head + "+modified";
        } catch (IOException e) {
            return "unknown (git not available)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
