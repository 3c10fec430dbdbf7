package org.dualoffline.se.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tear campaign's report on the sample campaigns of the docs: what a lab reads, and what a tool reads. */
class TearReportTest {
    private static final Path DOCS = Path.of("../../docs/examples/tear-campaign");
    private static final long SEED = 20261123;

    private static TearCampaignResult sample(String name) {
        return new TearCampaignRunner(SEED).run(CampaignFile.read(DOCS.resolve(name + CampaignFile.EXTENSION)));
    }

    @Test
    void everyTearPointIsARowWithItsWriteItsOutcomeAndTheAnswersThatDifferFromAReferenceState() {
        String md = TearReport.markdown(sample("append-record"));

        assertThat(md).contains("""
                | tear point | where the power was cut | outcome | read 1 |
                |---|---|---|---|
                | 1 | write 1 (count) | as before | = before |
                | 2 | write 2 (array element) | **other** | `021111111100000000 9000` |
                | 3 | write 3 (array element) | **other** | `021111111122000000 9000` |
                | 4 | write 4 (array element) | **other** | `021111111122220000 9000` |
                | 5 | write 5 (array element) | **other** | `021111111122222200 9000` |
                | 6 | write 6 (appends) | as completed | = completed |
                """);
        assertThat(md).contains("""
                | state | read 1 |
                |---|---|
                | before: the command never ran | `0111111111 9000` |
                | completed: the command ran whole | `021111111122222222 9000` |
                """);
    }

    @Test
    void theReportSaysWhatRanOnWhatAndTheSummary() {
        String md = TearReport.markdown(sample("append-record"));

        assertThat(md).startsWith("""
                # Tear campaign: append-record

                > APPEND adds a second record to the list of the sample applet, with no transaction: it counts
                """);
        assertThat(md).contains("| applet | `org.dualoffline.se.campaign.sample.RecordListApplet` (on the harness's classpath) |\n",
                "| AID | `F000000054454152` |\n", "| install parameters | none |\n", "| seed | 20261123 |\n",
                "| tear points | 6 (the persistent writes of the torn command; 6 of them stand once it has run whole) |\n",
                "**6 tear points: 1 as before, 1 as completed, 4 other**\n",
                "| setup 2 | `800100000411111111` | `9000` |\n", "| **tear** | `800100000422222222` | `9000` |\n",
                "| after 1 | `00A4040008F000000054454152` | `9000` |\n", "| read 1 | `8010000000` | `021111111122222222 9000` |\n");
        assertThat(md).doesNotContain("## Warnings", "jar SHA-256");
    }

    @Test
    void theTransactionalAppendHasNoOtherOutcome() {
        String md = TearReport.markdown(sample("append-record-atomic"));

        assertThat(md).contains("**6 tear points: 5 as before, 1 as completed, 0 other**", "| 5 | write 5 (array element) | as before | = before |",
                "| 6 | write 6 (appends) | as completed | = completed |");
        assertThat(md).contains("6 (the persistent writes of the torn command; 6 of them stand once it has run whole)");
        assertThat(md).doesNotContain("**other**");
    }

    @Test
    void theJsonHoldsTheSameOutcomesAndAnswers(@TempDir Path dir) throws IOException {
        TearReport.write(sample("append-record"), dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve(TearReport.JSON).toFile());

        assertThat(json.get("campaign").asText()).isEqualTo("append-record");
        assertThat(json.get("file").asText()).isEqualTo("append-record.campaign");
        assertThat(json.get("applet").get("jarSha256").isNull()).isTrue();
        assertThat(json.get("seed").asLong()).isEqualTo(SEED);
        assertThat(json.get("tearPoints").asInt()).isEqualTo(6);
        assertThat(json.get("summary").asText()).isEqualTo("6 tear points: 1 as before, 1 as completed, 4 other");
        assertThat(json.get("outcomes").get("other").asInt()).isEqualTo(4);
        assertThat(json.get("before").get("readAnswers").get(0).asText()).isEqualTo("01111111119000");
        List<String> outcomes = new ArrayList<>();
        json.get("runs").forEach(run -> outcomes.add(run.get("tearPoint").asInt() + " " + run.get("outcome").asText()));
        assertThat(outcomes).containsExactly("1 as before", "2 other", "3 other", "4 other", "5 other", "6 as completed");
        assertThat(json.get("runs").get(1).get("where").asText()).isEqualTo("write 2 (array element)");
        assertThat(json.get("runs").get(1).get("readAnswers").get(0).asText()).isEqualTo("0211111111000000009000");
        assertThat(json.get("runs").get(1).get("afterAnswers").get(0).asText()).isEqualTo("9000");
        assertThat(Files.readString(dir.resolve(TearReport.MARKDOWN))).isEqualTo(TearReport.markdown(sample("append-record")));
    }

    @Test
    void theSameCampaignGivesTheSameReportByteForByte(@TempDir Path dir) throws IOException {
        TearReport.write(sample("append-record"), dir.resolve("a"));
        TearReport.write(sample("append-record"), dir.resolve("b"));

        for (String file : List.of(TearReport.MARKDOWN, TearReport.JSON)) {
            assertThat(Files.readString(dir.resolve("a").resolve(file))).as(file).isEqualTo(Files.readString(dir.resolve("b").resolve(file)));
        }
    }

    @Test
    void aCampaignWithWarningsListsThem() {
        String md = TearReport.markdown(new TearCampaignRunner(SEED).run(TearCampaignRunnerTest.appendCampaign("8010000000")));

        assertThat(md).contains("## Warnings\n\n- the command made no persistent write: there is nothing to tear\n",
                "| - | the command made no persistent write | - | - |");
    }
}
