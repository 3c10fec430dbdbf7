package org.dualoffline.devices.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dualoffline.se.ApduCost;
import org.junit.jupiter.api.Test;

class HistoryScanTest {
    private final HistoryScan scan = HistoryScan.SIGNED_ENTRIES;

    @Test
    void tapTimeGrowsWithTheStoredHistory() {
        List<HistoryScan.Point> points = scan.growth(ReferencePayment.exchanges(), SeSpeeds.all(SeSpeedProfile.TYPICAL_SE),
                0, 10, 100, 1_000);

        assertThat(points).extracting(HistoryScan.Point::storedRecords).containsExactly(0, 10, 100, 1_000);
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i).tapTime().totalMicros()).isGreaterThan(points.get(i - 1).tapTime().totalMicros());
        }
        assertThat(points.get(0).tapTime()).isEqualTo(ReferencePayment.timeOn(SeSpeedProfile.TYPICAL_SE));
    }

    @Test
    void theGrowthIsTheHashingOfEveryStoredRecordByEachWritingApdu() {
        SeSpeedProfile p = SeSpeedProfile.LOW_END_CARD;
        SeSpeeds speeds = SeSpeeds.all(p);
        List<HistoryScan.Point> points = scan.growth(ReferencePayment.exchanges(), speeds, 0, 100);

        long growth = points.get(1).tapTime().totalMicros() - points.get(0).tapTime().totalMicros();
        // PAY and RECEIVE write; each hashes 100 records of 182 bytes
        assertThat(growth).isEqualTo(2 * 100 * 182 * p.hashNanosPerByte / 1000);
        assertThat(points.get(1).tapTime().linkMicros()).isEqualTo(points.get(0).tapTime().linkMicros());
    }

    @Test
    void aTypicalSeLeavesTheBudgetOnceTheHistoryIsLongEnough() {
        List<HistoryScan.Point> points = scan.growth(ReferencePayment.exchanges(), SeSpeeds.all(SeSpeedProfile.TYPICAL_SE), 0, 500);
        assertThat(points.get(0).tapTime().withinContactlessBudget()).isTrue();
        assertThat(points.get(1).tapTime().withinContactlessBudget()).as(points.get(1).tapTime().summary()).isFalse();
    }

    @Test
    void commandsThatWriteNothingDoNotScan() {
        ApduCost certificate = ApduCost.NONE;
        assertThat(scan.withStoredRecords(certificate, 1_000)).isEqualTo(ApduCost.NONE);
        assertThat(scan.withStoredRecords(ReferencePayment.PAY, 2).digestBytes()).isEqualTo(110 + 2 * 182);
    }
}
