package org.dualoffline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code ./certify} trusts the JVM's exit code only together with the result the
 * harness writes last ({@link CertifyResult}). It runs here as a copy in a repository of its own
 * whose build is up to date (so it never starts ./mvnw), with a stand-in {@code java} first on the
 * PATH that does what each test says.
 */
class CertifyLauncherTest {
    private static final Path LAUNCHER = Path.of("..", "certify").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    private Path repository;
    private Path tmp;
    private Path report;
    private String output;

    @BeforeEach
    void anUpToDateRepository() throws IOException {
        repository = Files.createDirectories(dir.resolve("repository"));
        Files.copy(LAUNCHER, repository.resolve("certify"));
        executable(repository.resolve("certify"));
        for (String module : List.of("protocol", "device-emulators", "reconciliation-backend", "step-definitions", "reports/target")) {
            Files.createDirectories(repository.resolve(module));
        }
        Files.setLastModifiedTime(Files.writeString(repository.resolve("pom.xml"), ""), FileTime.fromMillis(0));
        Files.writeString(repository.resolve("reports/target/certify-classpath.txt"), "");
        tmp = Files.createDirectories(dir.resolve("tmp"));
        report = dir.resolve("certification.json");
    }

    @Test
    void aJvmThatEndsWithZeroBeforeTheHarnessWroteItsResultIsExitTwo() throws Exception {
        assertThat(certify("exit 0", "--profile", "profiles/vendor.properties")).isEqualTo(2);
        assertThat(output).contains("certify: the harness ended without writing its result: an applet or the JVM stopped it early");
    }

    @Test
    void aPassWhoseReportExistsIsExitZero() throws Exception {
        Files.writeString(report, "{}");
        assertThat(certify(writes("certify PASS " + report) + "; exit 0")).isZero();
    }

    @Test
    void aPassWhoseReportIsMissingIsExitTwo() throws Exception {
        assertThat(certify(writes("certify PASS " + report) + "; exit 0")).isEqualTo(2);
        assertThat(output).contains("its report " + report + " does not exist");
    }

    @Test
    void aFailIsExitOneAndAnExitOneWithoutItIsExitTwo() throws Exception {
        assertThat(certify(writes("certify FAIL " + report) + "; exit 1")).isEqualTo(1);
        assertThat(certify("exit 1")).isEqualTo(2);
    }

    @Test
    void aResultCutShortIsNoResult() throws Exception {
        Files.writeString(report, "{}");
        assertThat(certify("printf 'certify PASS " + report + "' > \"$result\"; exit 0")).isEqualTo(2);
    }

    @Test
    void aJvmKilledBySignalIsExitTwo() throws Exception {
        assertThat(certify("kill -KILL $$")).isEqualTo(2);
        assertThat(output).contains("java was stopped by signal 9");
    }

    @Test
    void aHarnessErrorStaysExitTwo() throws Exception {
        assertThat(certify(writes("certify ERROR -") + "; echo 'certify: profile file not found' >&2; exit 2")).isEqualTo(2);
        assertThat(output).isEqualTo("certify: profile file not found\n");
    }

    @Test
    void eachCommandHasItsOwnSuccessAndNoneTakesAnothersForIt() throws Exception {
        Files.writeString(report, "{}");
        assertThat(certify(writes("qualify QUALIFIED " + report) + "; exit 0", "qualify")).isZero();
        assertThat(certify(writes("certify PASS " + report) + "; exit 0", "qualify")).isEqualTo(2);
        assertThat(certify(writes("qualify NOT-QUALIFIED " + report) + "; exit 1", "qualify")).isEqualTo(1);
        assertThat(certify(writes("mutants PASS " + report) + "; exit 0", "mutants", "--count", "3")).isZero();
        assertThat(certify(writes("matrix WRITTEN " + report) + "; exit 0", "matrix")).isZero();
        assertThat(certify(writes("help SHOWN -") + "; exit 0", "--help")).isZero();
        assertThat(certify(writes("tear WRITTEN " + report) + "; exit 0", "tear", "c.campaign")).as("a campaign ran, whatever it found").isZero();
        assertThat(certify(writes("certify PASS " + report) + "; exit 0", "tear", "c.campaign")).isEqualTo(2);
        assertThat(certify(writes("tear ERROR -") + "; exit 2", "tear", "bad.campaign")).isEqualTo(2);
        assertThat(certify(writes("help SHOWN -") + "; exit 0", "tear", "--help")).isZero();
    }

    @Test
    void aShardAndAMergeHaveTheirOwnResultsAndNeitherPassesForACertification() throws Exception {
        Files.writeString(report, "{}");
        assertThat(certify(writes("shard PASS " + report) + "; exit 0", "--seed", "3", "--shard", "1/2")).isZero();
        assertThat(certify(writes("shard FAIL " + report) + "; exit 1", "--shard", "2/2", "--no-allure")).isEqualTo(1);
        assertThat(certify(writes("certify PASS " + report) + "; exit 0", "--shard", "1/2")).as("a shard is not a certification").isEqualTo(2);
        assertThat(certify(writes("shard PASS " + report) + "; exit 0")).as("nor is a certification a shard").isEqualTo(2);
        assertThat(certify(writes("shard ERROR -") + "; exit 2", "--shard", "3/2")).isEqualTo(2);
        assertThat(certify(writes("help SHOWN -") + "; exit 0", "--shard", "1/2", "--help")).isZero();
        assertThat(certify(writes("merge PASS " + report) + "; exit 0", "merge", "s1", "s2")).isZero();
        assertThat(certify(writes("merge FAIL " + report) + "; exit 1", "merge", "s1", "s2")).isEqualTo(1);
        assertThat(certify(writes("certify PASS " + report) + "; exit 0", "merge", "s1", "s2")).isEqualTo(2);
        assertThat(certify(writes("merge ERROR -") + "; exit 2", "merge", "s1")).isEqualTo(2);
        assertThat(certify(writes("help SHOWN -") + "; exit 0", "merge", "--help")).isZero();
    }

    @Test
    void javaGetsAFreshResultFileThatIsGoneAfterwards() throws Exception {
        certify("printf '%s\\n' \"$@\" > " + dir.resolve("java-arguments") + "; exit 0", "--profile", "p.properties");

        List<String> arguments = Files.readAllLines(dir.resolve("java-arguments"));
        assertThat(arguments.get(0)).isEqualTo("-Ddualoffline.root=" + repository);
        assertThat(arguments.get(1)).startsWith("-Ddualoffline.resultFile=" + tmp + "/certify-result.");
        assertThat(arguments.subList(arguments.size() - 3, arguments.size()))
                .containsExactly("org.dualoffline.reports.CertifyMain", "--profile", "p.properties");
        try (var left = Files.list(tmp)) {
            assertThat(left).as("temporary files left").isEmpty();
        }
    }

    @Test
    void javaGetsTestcontainersSettingsAndARunIdWhoseContainersAreRemovedHoweverTheJvmEnds() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path dockerLog = dir.resolve("docker-calls");
        Files.writeString(bin.resolve("docker"), String.join("\n", "#!/usr/bin/env bash", "echo \"$*\" >> " + dockerLog,
                "if [ \"$1\" = ps ]; then echo c0ffee; echo decaf; fi", ""));
        executable(bin.resolve("docker"));
        Path seen = dir.resolve("java-saw");

        int code = certify("printf '%s\\n' \"$@\" \"ryuk=$TESTCONTAINERS_RYUK_DISABLED\" \"host=$TESTCONTAINERS_HOST_OVERRIDE\" > " + seen
                + "; kill -KILL $$", "--backend", "container");

        assertThat(code).isEqualTo(2);
        List<String> saw = Files.readAllLines(seen);
        assertThat(saw).contains("ryuk=true", "host=127.0.0.1");
        String runId = saw.stream().filter(a -> a.startsWith("-Ddualoffline.runId=")).findFirst().orElseThrow().substring("-Ddualoffline.runId=".length());
        assertThat(runId).matches("certify-[0-9]+-[0-9]+");
        assertThat(Files.readAllLines(dockerLog)).containsExactly("ps -aq --filter label=org.dualoffline.run=" + runId, "rm -f c0ffee decaf");
        assertThat(output).contains("certify: removing the containers the run left behind: c0ffee decaf");
    }

    /** Shell code for the stand-in java: writes {@code line} and a newline as the harness's result. */
    private static String writes(String line) {
        return "printf '%s\\n' '" + line + "' > \"$result\"";
    }

    /** Runs the launcher with {@code args}, java doing {@code javaDoes} (with $result the result file); its output in {@link #output}. */
    private int certify(String javaDoes, String... args) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, String.join("\n", "#!/usr/bin/env bash", "result=",
                "for a; do case \"$a\" in -Ddualoffline.resultFile=*) result=\"${a#*=}\" ;; esac; done", javaDoes, ""));
        executable(java);
        List<String> command = new ArrayList<>(List.of(repository.resolve("certify").toString()));
        command.addAll(List.of(args));
        ProcessBuilder launcher = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile());
        launcher.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        launcher.environment().put("TMPDIR", tmp.toString());
        launcher.environment().put("DOCKER_HOST", "unix://" + dir.resolve("no-engine.sock")); // the stand-in docker, if any, answers
        launcher.environment().remove("TESTCONTAINERS_RYUK_DISABLED");
        launcher.environment().remove("TESTCONTAINERS_HOST_OVERRIDE");
        Process p = launcher.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        output = Files.readString(dir.resolve("output.txt"));
        return p.exitValue();
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
