package org.dualoffline.devices.timing;

/**
 * The modeled duration of one APDU of a touch, split into what it was spent on: bytes over the
 * link (with the touch's activation on the first NFC exchange), the SE's cryptography, its
 * persistent writes, and its fixed per-APDU overhead.
 *
 * @param seq         the exchange's number in the touch's trace
 * @param se          the SE that processed it ("Wei SE")
 * @param link        the link it went over ("nfc", "internal")
 * @param command     the command in words ("PAY")
 * @param profile     the SE's speed profile
 * @param startMicros modeled time when the command started
 */
public record ApduTime(int seq, String se, String link, String command, SeSpeedProfile profile, long startMicros,
                       long linkMicros, long cryptoMicros, long writeMicros, long overheadMicros) {
    public long totalMicros() {
        return linkMicros + cryptoMicros + writeMicros + overheadMicros;
    }

    public long endMicros() {
        return startMicros + totalMicros();
    }
}
