package org.dualoffline.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs Allure 2's command line (unpacked from Maven Central by the build) to turn results into HTML, offline. */
public final class AllureCli {
    private AllureCli() {}

    /** Generates the report; returns null on success or the reason it could not. */
    public static String generate(Path root, Path results, Path report) {
        Path home = root.resolve("reports/target/allure-commandline");
        Path bin;
        try (Stream<Path> s = Files.isDirectory(home) ? Files.list(home) : Stream.empty()) {
            bin = s.map(d -> d.resolve("bin/allure")).filter(Files::isRegularFile).findFirst().orElse(null);
        } catch (IOException e) {
            return "cannot look for Allure under " + home + ": " + e.getMessage();
        }
        if (bin == null) {
            return "Allure command line not found under " + home + " (it is unpacked by ./mvnw package)";
        }
        if (!Files.isDirectory(results)) {
            return "no Allure results at " + results;
        }
        try {
            bin.toFile().setExecutable(true);
            Process p = new ProcessBuilder(List.of(bin.toString(), "generate", results.toString(), "-o", report.toString(), "--clean"))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return "allure generate did not finish in 5 minutes";
            }
            return p.exitValue() == 0 ? null : "allure generate failed (" + p.exitValue() + "): " + output.trim();
        } catch (IOException e) {
            return "cannot run " + bin + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
