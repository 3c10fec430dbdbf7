package org.dualoffline.devices.timing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.dualoffline.se.ApduCost;

/**
 * How fast a secure element chip is, as the timing model sees it: a fixed cost per APDU, a
 * cost per ECDSA P-256 operation, per byte hashed or drawn at random, per persistent write
 * and per byte written, and the NFC air interface and host bus it answers on. Multiplied by
 * what an APDU made the SE do ({@link ApduCost}, counted by the instrumented runtime), this
 * gives the APDU's modeled duration.
 *
 * <p>The figures are modeled, not measured on one chip; each is chosen from public smart-card
 * practice and its source and rationale are in {@code docs/timing-and-power.md}. Times are in
 * microseconds, per-byte costs in nanoseconds.
 */
public enum SeSpeedProfile {
    /**
     * An entry-level contactless card (the article's "low computing power under low power
     * consumption"): EEPROM, an older ECC coprocessor, 106 kbit/s and small frames.
     */
    LOW_END_CARD("low-end card", List.of("low end card", "low-end", "low-end chip", "slow card"),
            3_000, 150_000, 220_000, 500_000, 10_000, 20_000, 4_000, 50_000,
            new LinkModel("ISO 14443-4 type A at 106 kbit/s, FSC 64", 106, 9, 64, 3, 500, 10_000),
            new LinkModel("ISO 7816-3 T=1 at 115 kbit/s", 115, 11, 254, 4, 200, 0)),
    /** A current secure-element chip as in a bank card, SIM or POS SAM: flash-backed, ECC accelerator. */
    TYPICAL_SE("typical SE", List.of("typical secure element", "typical", "typical card", "standard SE"),
            1_000, 50_000, 70_000, 75_000, 2_000, 5_000, 1_500, 16_000,
            new LinkModel("ISO 14443-4 type A at 424 kbit/s, FSC 256", 424, 9, 256, 3, 300, 8_000),
            new LinkModel("ISO 7816-3 T=1 at 307 kbit/s", 307, 11, 254, 4, 100, 0)),
    /**
     * A phone's embedded SE: a fast, recent chip, but in card emulation every NFC frame crosses
     * the phone's NFC controller, and phones usually stay at the base 106 kbit/s.
     */
    PHONE_ESE("phone eSE", List.of("phone ese", "embedded se", "phone embedded se", "ese"),
            500, 15_000, 20_000, 40_000, 500, 1_000, 400, 4_000,
            new LinkModel("NFC-A card emulation at 106 kbit/s via the NFC controller, FSC 256", 106, 9, 256, 3, 1_000, 8_000),
            new LinkModel("SPI (GlobalPlatform T=1 over SPI) at 1 Mbit/s", 1_000, 8, 254, 4, 100, 0));

    /** The name a scenario uses ("typical SE"). */
    public final String label;
    private final List<String> aliases;
    /** Fixed cost of any APDU: dispatch to the applet, APDU buffer handling, the JCRE's own writes. */
    public final long apduOverheadMicros;
    /** One ECDSA P-256 signature with SHA-256. */
    public final long signMicros;
    /** One ECDSA P-256 verification. */
    public final long verifyMicros;
    /** One P-256 key pair generation. */
    public final long keyGenerationMicros;
    /** SHA-256, per byte hashed. */
    public final long hashNanosPerByte;
    /** The random generator, per byte drawn. */
    public final long randomNanosPerByte;
    /** One write operation on persistent memory (a page program, with the transaction journal's copy). */
    public final long writeMicros;
    /** Per byte written to persistent memory, beyond the write operation itself. */
    public final long writeNanosPerByte;
    /**
     * SM2 with SM3 (the national-crypto extension): one signature, one verification, one key
     * pair, SM3 per byte. Modeled equal to the P-256 figures: the same 256-bit prime-field
     * arithmetic on the chip's ECC coprocessor (an SM2 verification adds one modular addition), and
     * SM3 compresses 512-bit blocks in 64 rounds as SHA-256 does (docs/timing-and-power.md).
     */
    public final long sm2SignMicros;
    public final long sm2VerifyMicros;
    public final long sm2KeyGenerationMicros;
    public final long sm3NanosPerByte;
    /** The air interface when this SE answers in a reader's field. */
    public final LinkModel nfc;
    /** The bus between a reader and its own SE of this kind. */
    public final LinkModel hostBus;

    SeSpeedProfile(String label, List<String> aliases, long apduOverheadMicros, long signMicros, long verifyMicros,
                   long keyGenerationMicros, long hashNanosPerByte, long randomNanosPerByte, long writeMicros,
                   long writeNanosPerByte, LinkModel nfc, LinkModel hostBus) {
        this.label = label;
        this.aliases = aliases;
        this.apduOverheadMicros = apduOverheadMicros;
        this.signMicros = signMicros;
        this.verifyMicros = verifyMicros;
        this.keyGenerationMicros = keyGenerationMicros;
        this.hashNanosPerByte = hashNanosPerByte;
        this.randomNanosPerByte = randomNanosPerByte;
        this.writeMicros = writeMicros;
        this.writeNanosPerByte = writeNanosPerByte;
        this.sm2SignMicros = signMicros;
        this.sm2VerifyMicros = verifyMicros;
        this.sm2KeyGenerationMicros = keyGenerationMicros;
        this.sm3NanosPerByte = hashNanosPerByte;
        this.nfc = nfc;
        this.hostBus = hostBus;
    }

    /** Modeled microseconds of cryptography for one APDU: signatures, verifications, key pairs, hashing, randomness (P-256 and SM2). */
    public long cryptoMicros(ApduCost cost) {
        long nanos = cost.signatures() * signMicros * 1000 + cost.verifications() * verifyMicros * 1000
                + cost.keyGenerations() * keyGenerationMicros * 1000 + (long) cost.digestBytes() * hashNanosPerByte
                + (long) cost.randomBytes() * randomNanosPerByte
                + cost.sm2Signatures() * sm2SignMicros * 1000 + cost.sm2Verifications() * sm2VerifyMicros * 1000
                + cost.sm2KeyGenerations() * sm2KeyGenerationMicros * 1000 + (long) cost.sm3Bytes() * sm3NanosPerByte;
        return (nanos + 500) / 1000;
    }

    /** Modeled microseconds of persistent writes for one APDU. */
    public long writeMicros(ApduCost cost) {
        long nanos = cost.persistentWrites() * writeMicros * 1000 + (long) cost.persistentBytes() * writeNanosPerByte;
        return (nanos + 500) / 1000;
    }

    /** The link the SE answers on: {@link #nfc} for {@link TapTimer#LINK_NFC}, else the host bus. */
    public LinkModel link(String linkName) {
        return TapTimer.LINK_NFC.equals(linkName) ? nfc : hostBus;
    }

    /**
     * Parses a profile as a scenario says it: "low-end card", "typical SE", "phone eSE" (case and
     * spacing do not matter; the constant names are accepted too).
     *
     * @throws IllegalArgumentException naming the known profiles
     */
    public static SeSpeedProfile parse(String text) {
        String t = normalize(text);
        for (SeSpeedProfile p : values()) {
            if (t.equals(normalize(p.label)) || t.equals(normalize(p.name())) || p.aliases.stream().anyMatch(a -> t.equals(normalize(a)))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown SE speed profile \"" + text + "\"; known: "
                + Arrays.stream(values()).map(p -> p.label).collect(Collectors.joining(", ")));
    }

    private static String normalize(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ').replaceAll("\\s+", " ");
    }

    @Override
    public String toString() {
        return label;
    }
}
