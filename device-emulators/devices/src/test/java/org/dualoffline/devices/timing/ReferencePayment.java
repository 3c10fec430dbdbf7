package org.dualoffline.devices.timing;

import java.util.List;
import org.dualoffline.se.ApduCost;
import org.dualoffline.se.ApduTrace;

/**
 * A synthetic reference payment, as the timing model sees it: a card ("Wei SE", over NFC) pays
 * a POS ("Shop SE", on the POS's internal bus) in 7 APDUs with the sizes of spec v1 (certificate
 * 147 bytes, signed entry 182 bytes) and the costs of the reference wallet: the payer signs once
 * and verifies the payee certificate once; the payee verifies the payer certificate and the
 * payer's entry and signs its receipt; each side writes 450 bytes in 10 writes.
 */
final class ReferencePayment {
    static final String PAYER = "Wei SE";
    static final String PAYEE = "Shop SE";
    static final ApduCost BEGIN_RECEIVE = new ApduCost(0, 0, 0, 1, 0, 16, 0);
    static final ApduCost PAY = new ApduCost(10, 450, 1, 1, 110, 0, 0);
    static final ApduCost RECEIVE = new ApduCost(10, 450, 1, 1, 220, 0, 0);

    private ReferencePayment() {}

    static List<ApduTrace.Exchange> exchanges() {
        ApduTrace t = new ApduTrace("Wei pays Shop");
        t.record(PAYEE, "internal", "SELECT", bytes(15), bytes(2), 0, ApduCost.NONE);
        t.record(PAYER, TapTimer.LINK_NFC, "SELECT", bytes(15), bytes(2), 0, ApduCost.NONE);
        t.record(PAYEE, "internal", "GET CERTIFICATE", bytes(5), bytes(149), 0, ApduCost.NONE);
        t.record(PAYER, TapTimer.LINK_NFC, "GET CERTIFICATE", bytes(5), bytes(149), 0, ApduCost.NONE);
        t.record(PAYEE, "internal", "BEGIN RECEIVE", bytes(157), bytes(18), 0, BEGIN_RECEIVE);
        t.record(PAYER, TapTimer.LINK_NFC, "PAY", bytes(173), bytes(184), 0, PAY);
        t.record(PAYEE, "internal", "RECEIVE", bytes(188), bytes(184), 0, RECEIVE);
        return t.exchanges();
    }

    static TapTime timeOn(SeSpeedProfile profile) {
        return new TapTimer(SeSpeeds.all(profile), new VirtualClock()).time(exchanges());
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        if (n >= 2) {
            b[n - 2] = (byte) 0x90;
        }
        return b;
    }
}
