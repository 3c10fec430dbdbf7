package org.dualoffline.devices.timing;

import java.util.ArrayList;
import java.util.List;
import org.dualoffline.se.ApduCost;
import org.dualoffline.se.ApduTrace;

/**
 * How tap time grows with the history a wallet stores, for a wallet whose value-changing
 * commands scan their stored records: every APDU that writes to persistent memory also hashes
 * {@code bytesPerRecord} bytes per stored record (a wallet that re-checks its own hash chain,
 * or searches its log, before it writes). This is the article's "too many offline transactions
 * make the transaction time too long" on a low-power chip.
 *
 * <p>The reference wallet does not scan its log during a payment (its costs do not grow with
 * history); this model shows what a wallet that does would cost, from a recorded touch, without
 * running it again. A wallet whose real costs grow shows it directly in its measured costs.
 *
 * @param bytesPerRecord bytes hashed per stored record
 */
public record HistoryScan(int bytesPerRecord) {
    /** One stored signed entry of the protocol: the 110-byte entry and a DER signature of about 72 bytes. */
    public static final HistoryScan SIGNED_ENTRIES = new HistoryScan(182);

    public HistoryScan {
        if (bytesPerRecord <= 0) {
            throw new IllegalArgumentException("a stored record has at least one byte, got " + bytesPerRecord);
        }
    }

    /** A touch's tap time for one history size. */
    public record Point(int storedRecords, TapTime tapTime) {}

    /** {@code cost} for a wallet holding {@code storedRecords} records: a writing APDU also hashes them all. */
    public ApduCost withStoredRecords(ApduCost cost, int storedRecords) {
        if (storedRecords < 0) {
            throw new IllegalArgumentException("stored records cannot be negative: " + storedRecords);
        }
        if (cost.persistentWrites() == 0) {
            return cost;
        }
        return cost.plus(new ApduCost(0, 0, 0, 0, Math.multiplyExact(storedRecords, bytesPerRecord), 0, 0));
    }

    /** The exchanges of a touch as they would cost if every wallet in it held {@code storedRecords} records. */
    public List<ApduTrace.Exchange> withStoredRecords(List<ApduTrace.Exchange> exchanges, int storedRecords) {
        List<ApduTrace.Exchange> out = new ArrayList<>(exchanges.size());
        for (ApduTrace.Exchange e : exchanges) {
            out.add(new ApduTrace.Exchange(e.seq(), e.se(), e.link(), e.command(), e.commandApdu(), e.responseApdu(), e.nanos(),
                    withStoredRecords(e.cost(), storedRecords)));
        }
        return out;
    }

    /** The tap time of the same touch for each history size, each timed on a fresh clock. */
    public List<Point> growth(List<ApduTrace.Exchange> exchanges, SeSpeeds speeds, int... storedRecordCounts) {
        List<Point> out = new ArrayList<>(storedRecordCounts.length);
        for (int n : storedRecordCounts) {
            out.add(new Point(n, new TapTimer(speeds, new VirtualClock()).time(withStoredRecords(exchanges, n))));
        }
        return out;
    }
}
