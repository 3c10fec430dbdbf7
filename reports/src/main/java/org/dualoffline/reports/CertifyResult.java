package org.dualoffline.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a run of {@code ./certify} came to, as its launcher reads it back: CertifyMain writes it to
 * the file the system property {@value #FILE_PROPERTY} names, as the very last thing it does
 * (after the report). The launcher trusts the JVM's exit code only together with this line, so a
 * JVM stopped early - by an applet, a crash or a signal - is never taken for a PASS.
 *
 * <p>The file holds one line, ended by a newline: {@code COMMAND VERDICT FILE}, e.g.
 * {@code certify PASS /lab/reports/latest/certification.json}. COMMAND is {@code certify},
 * {@code qualify}, {@code mutants}, {@code matrix}, {@code tear} or {@code help}; VERDICT is {@code PASS} or
 * {@code FAIL} (certify, mutants), {@code QUALIFIED} or {@code NOT-QUALIFIED} (qualify),
 * {@code WRITTEN} (matrix; tear, whatever its campaign found), {@code SHOWN} (help), or {@code ERROR}
 * for any command the harness could not run; FILE is the report written (absolute) or {@code -}.
 *
 * @param report the report the command wrote, or null (help, or a harness error)
 */
record CertifyResult(String command, int exitCode, Path report) {
    static final String FILE_PROPERTY = "dualoffline.resultFile";

    /** The result of a command the harness could not run (exit code 2). */
    static CertifyResult error(String command) {
        return new CertifyResult(command, CertifyMain.HARNESS_ERROR, null);
    }

    String verdict() {
        return switch (exitCode) {
            case CertifyMain.PASS -> switch (command) {
                case "qualify" -> "QUALIFIED";
                case "matrix", TearCommand.COMMAND -> "WRITTEN";
                case "help" -> "SHOWN";
                default -> "PASS";
            };
            case CertifyMain.FAIL -> command.equals("qualify") ? "NOT-QUALIFIED" : "FAIL";
            default -> "ERROR";
        };
    }

    String line() {
        return command + " " + verdict() + " " + (report == null || exitCode == CertifyMain.HARNESS_ERROR ? "-" : report.toAbsolutePath());
    }

    /** Writes the line into {@code file} (replacing what it holds). */
    void writeTo(Path file) throws IOException {
        Files.writeString(file, line() + "\n", StandardCharsets.UTF_8);
    }
}
