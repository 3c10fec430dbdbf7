package org.dualoffline.harness.tearing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tearing evidence of a scenario: what the certification reads and what a reader of the evidence sees. */
class TearingReportsTest {
    @Test
    void aCampaignIsFiledAsOneResultPerFlowAndOneLogLinePerTearPoint(@TempDir Path dir) throws IOException {
        TearingReports reports = new TearingReports();
        reports.add(new CampaignReport(List.of(new FlowResult("pay", 2, List.of(), List.of("before PAY to Wei SE (APDU 6): value created")),
                new FlowResult("receive", 1, List.of(), List.of())), List.of("line 1", "line 2", "line 3")));

        reports.writeTo(dir);

        assertThat(Files.readString(dir.resolve(TearingReports.TEARING_LOG))).isEqualTo("""
                # pay: 2 tear points, 1 violations
                VIOLATION before PAY to Wei SE (APDU 6): value created
                # receive: 1 tear points, 0 violations

                # every tear point, with what the touch did and the verdict
                line 1
                line 2
                line 3
                """);
        assertThat(Files.readString(dir.resolve(TearingReports.TEARING_FILE))).isEqualToIgnoringWhitespace("""
                [ {"flow" : "pay", "tearPoints" : 2, "violations" : 1, "violationDetails" : [ "before PAY to Wei SE (APDU 6): value created" ]},
                  {"flow" : "receive", "tearPoints" : 1, "violations" : 0, "violationDetails" : [ ]} ]""");
    }

    @Test
    void aScenarioWithoutACampaignHasNoTearingEvidence(@TempDir Path dir) throws IOException {
        new TearingReports().writeTo(dir);

        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
