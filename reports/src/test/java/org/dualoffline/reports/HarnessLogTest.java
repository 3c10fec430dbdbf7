package org.dualoffline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's log ends up beside the report, and a log file the user gave is left alone. */
class HarnessLogTest {
    @TempDir
    Path dir;
    private String givenLogFile;

    @BeforeEach
    void remember() {
        givenLogFile = System.getProperty(HarnessLog.LOG_FILE_PROPERTY);
    }

    @AfterEach
    void restore() {
        HarnessLog.discard();
        if (givenLogFile == null) {
            System.clearProperty(HarnessLog.LOG_FILE_PROPERTY);
        } else {
            System.setProperty(HarnessLog.LOG_FILE_PROPERTY, givenLogFile);
        }
    }

    @Test
    void aLogFileGivenOnTheCommandLineIsLeftAsItIs() {
        System.setProperty(HarnessLog.LOG_FILE_PROPERTY, dir.resolve("mine.log").toString());

        assertThat(HarnessLog.start()).isNull();

        assertThat(System.getProperty(HarnessLog.LOG_FILE_PROPERTY)).isEqualTo(dir.resolve("mine.log").toString());
    }

    @Test
    void theLogIsCopiedIntoTheReportFolderAndItsTemporaryFileDiscarded() throws Exception {
        Path log = HarnessLog.writeTo(Files.writeString(dir.resolve("run.log"), "WARN something the console did not show\n"));
        Path out = Files.createDirectories(dir.resolve("report"));

        assertThat(HarnessLog.keepIn(out)).isNull();
        HarnessLog.discard();

        assertThat(HarnessLog.current()).isNull();
        assertThat(out.resolve(HarnessLog.FILE)).hasContent("WARN something the console did not show");
        assertThat(log).doesNotExist();
        assertThat(System.getProperty(HarnessLog.LOG_FILE_PROPERTY)).isEqualTo(log.toString());
    }

    @Test
    void theLogGoesBesideAReportButNeverIntoTheDocsTheMatrixWrites() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Path reports = Files.createDirectories(dir.resolve("reports"));
        HarnessLog.writeTo(Files.writeString(dir.resolve("matrix.log"), "x\n"));

        CertifyMain.keepLog(new CertifyResult("matrix", CertifyMain.PASS, docs.resolve("conformance-matrix.md")));

        assertThat(docs.resolve(HarnessLog.FILE)).doesNotExist();
        HarnessLog.writeTo(Files.writeString(dir.resolve("certify.log"), "y\n"));

        CertifyMain.keepLog(new CertifyResult("certify", CertifyMain.FAIL, reports.resolve("certification.json")));

        assertThat(reports.resolve(HarnessLog.FILE)).hasContent("y");
    }

    @Test
    void aReportFolderThatDoesNotExistIsSaid() throws Exception {
        HarnessLog.writeTo(Files.writeString(dir.resolve("run.log"), "x\n"));

        assertThat(HarnessLog.keepIn(dir.resolve("gone"))).contains("no report folder");
    }
}
