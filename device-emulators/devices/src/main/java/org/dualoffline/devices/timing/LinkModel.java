package org.dualoffline.devices.timing;

/**
 * How long bytes take between a reader and a secure element over one kind of link: the NFC
 * air interface (ISO/IEC 14443-4 blocks) or the reader's bus to its own SE (ISO/IEC 7816-3
 * T=1 blocks, or SPI in a phone).
 *
 * <p>A command and its response each travel in one or more frames of at most
 * {@code maxFrameBytes} (FSC / IFSC), each carrying {@code frameOverheadBytes} of protocol
 * bytes (PCB and CRC on NFC; NAD, PCB, LEN and LRC on T=1). Every frame but the last of a
 * chain is acknowledged by an empty block. Every frame also costs a fixed turnaround (frame
 * delay time, guard times, the reader's driver). The first exchange with an SE over a link
 * pays {@code activationMicros} once per touch (on NFC: field on, anticollision, RATS/ATS).
 *
 * @param name               what the link is, for reports ("ISO 14443-4 at 424 kbit/s")
 * @param kbitPerSecond      the bit rate
 * @param bitsPerByte        bits on the wire per data byte (9 on NFC-A: 8 and a parity bit; 11 on ISO 7816 with guard time)
 * @param maxFrameBytes      the largest frame the SE accepts, protocol bytes included
 * @param frameOverheadBytes protocol bytes in every frame
 * @param turnaroundMicros   fixed time per frame
 * @param activationMicros   once per touch, before the first frame
 */
public record LinkModel(String name, int kbitPerSecond, int bitsPerByte, int maxFrameBytes, int frameOverheadBytes,
                        int turnaroundMicros, int activationMicros) {
    public LinkModel {
        if (kbitPerSecond <= 0 || bitsPerByte <= 0 || maxFrameBytes <= frameOverheadBytes || frameOverheadBytes < 0
                || turnaroundMicros < 0 || activationMicros < 0) {
            throw new IllegalArgumentException("inconsistent link model " + name);
        }
    }

    /** Nanoseconds one data byte takes on the wire. */
    public long nanosPerByte() {
        return bitsPerByte * 1_000_000L / kbitPerSecond;
    }

    /** Modeled microseconds to carry a command of {@code commandBytes} and its response of {@code responseBytes}. */
    public long transferMicros(int commandBytes, int responseBytes) {
        int payload = maxFrameBytes - frameOverheadBytes;
        int commandFrames = frames(commandBytes, payload);
        int responseFrames = frames(responseBytes, payload);
        int acks = Math.max(0, commandFrames - 1) + Math.max(0, responseFrames - 1);
        int allFrames = commandFrames + responseFrames + acks;
        long bytes = (long) commandBytes + responseBytes + (long) allFrames * frameOverheadBytes;
        long nanos = bytes * nanosPerByte() + allFrames * turnaroundMicros * 1000L;
        return (nanos + 500) / 1000;
    }

    private static int frames(int bytes, int payload) {
        return bytes == 0 ? 0 : (bytes + payload - 1) / payload;
    }
}
