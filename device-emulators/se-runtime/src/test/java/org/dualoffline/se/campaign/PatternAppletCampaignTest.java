package org.dualoffline.se.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.se.campaign.TearOutcome.AS_BEFORE;
import static org.dualoffline.se.campaign.TearOutcome.OTHER;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The campaign on the pattern applet with the shape of ykneo-oath's list before its fix
 * ({@code patterns.ListApplet}): read back by appending one more entry and listing, it shows the
 * tear at the second write as a list that looks whole but drops what is appended after it.
 */
class PatternAppletCampaignTest {
    private static TearCampaign listCampaign(String appendIns) {
        return CampaignFile.parse("""
                # A second entry appended, torn; then a third appended and the list read.
                class: org.dualoffline.se.patterns.ListApplet
                aid: F000000050415454
                setup: 00A4040008F000000050415454
                setup: 80%1$s0A0000                 # append A
                tear: 80%1$s0B0000                  # append B
                after: 00A4040008F000000050415454
                read: 80%1$s0C0000                  # append C: answers 9000 whatever the state
                read: 8010000000                    # the list
                """.formatted(appendIns), Path.of("list-append.campaign"), Path.of("."));
    }

    @Test
    void aListAppendedOutsideATransactionTornAtItsSecondWriteDropsTheEntryAppendedAfterIt() {
        TearCampaignResult r = new TearCampaignRunner(1).run(listCampaign("01"));

        assertThat(r.before().reads()).containsExactly(new Answer("9000"), new Answer("0A0C" + "9000"));
        assertThat(r.completed().reads()).containsExactly(new Answer("9000"), new Answer("0A0B0C" + "9000"));
        assertThat(r.runs()).extracting(TornRun::where).containsExactly("write 1 (last)", "write 2 (next)");
        assertThat(r.outcomes()).containsExactly(AS_BEFORE, OTHER);
        assertThat(TearReport.markdown(r)).contains("**2 tear points: 1 as before, 0 as completed, 1 other**",
                "| 2 | write 2 (next) | **other** | = before | `0A 9000` |");
    }

    @Test
    void theSameAppendInATransactionLosesNothing() {
        TearCampaignResult r = new TearCampaignRunner(1).run(listCampaign("02"));

        assertThat(r.outcomes()).containsExactly(AS_BEFORE, AS_BEFORE);
    }
}
