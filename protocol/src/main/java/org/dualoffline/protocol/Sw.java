package org.dualoffline.protocol;

import java.util.Map;

/** Status words of spec v1 (section 6), with their names for traces and assertions. */
public final class Sw {
    public static final int OK = 0x9000;
    public static final int WRONG_LENGTH = 0x6700;
    public static final int PIN_REQUIRED = 0x6982;
    public static final int PIN_BLOCKED = 0x6983;
    public static final int CONDITIONS_NOT_SATISFIED = 0x6985;
    public static final int WRONG_DATA = 0x6A80;
    public static final int STORAGE_FULL = 0x6A84;
    public static final int WRONG_P1P2 = 0x6A86;
    public static final int INS_NOT_SUPPORTED = 0x6D00;
    public static final int CLA_NOT_SUPPORTED = 0x6E00;
    public static final int FILE_NOT_FOUND = 0x6A82;
    public static final int INSUFFICIENT_FUNDS = 0x6910;
    public static final int LIMIT_SINGLE = 0x6911;
    public static final int LIMIT_CUMULATIVE = 0x6912;
    public static final int LIMIT_COUNT = 0x6913;
    public static final int HOLDING_CAP = 0x6914;
    public static final int BAD_CERTIFICATE = 0x6920;
    public static final int BAD_SIGNATURE = 0x6921;
    public static final int WRONG_CHALLENGE = 0x6922;
    public static final int WRONG_PAYEE = 0x6923;
    public static final int BLOCKLISTED_PEER = 0x6924;
    public static final int REPLAY = 0x6925;
    public static final int WRONG_WALLET = 0x6926;
    public static final int CHAIN_MISMATCH = 0x6927;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(OK, "OK"),
            Map.entry(WRONG_LENGTH, "WRONG_LENGTH"),
            Map.entry(PIN_REQUIRED, "PIN_REQUIRED"),
            Map.entry(PIN_BLOCKED, "PIN_BLOCKED"),
            Map.entry(CONDITIONS_NOT_SATISFIED, "CONDITIONS_NOT_SATISFIED"),
            Map.entry(WRONG_DATA, "WRONG_DATA"),
            Map.entry(STORAGE_FULL, "STORAGE_FULL"),
            Map.entry(WRONG_P1P2, "WRONG_P1P2"),
            Map.entry(INS_NOT_SUPPORTED, "INS_NOT_SUPPORTED"),
            Map.entry(CLA_NOT_SUPPORTED, "CLA_NOT_SUPPORTED"),
            Map.entry(FILE_NOT_FOUND, "FILE_NOT_FOUND"),
            Map.entry(INSUFFICIENT_FUNDS, "INSUFFICIENT_FUNDS"),
            Map.entry(LIMIT_SINGLE, "LIMIT_SINGLE"),
            Map.entry(LIMIT_CUMULATIVE, "LIMIT_CUMULATIVE"),
            Map.entry(LIMIT_COUNT, "LIMIT_COUNT"),
            Map.entry(HOLDING_CAP, "HOLDING_CAP"),
            Map.entry(BAD_CERTIFICATE, "BAD_CERTIFICATE"),
            Map.entry(BAD_SIGNATURE, "BAD_SIGNATURE"),
            Map.entry(WRONG_CHALLENGE, "WRONG_CHALLENGE"),
            Map.entry(WRONG_PAYEE, "WRONG_PAYEE"),
            Map.entry(BLOCKLISTED_PEER, "BLOCKLISTED_PEER"),
            Map.entry(REPLAY, "REPLAY"),
            Map.entry(WRONG_WALLET, "WRONG_WALLET"),
            Map.entry(CHAIN_MISMATCH, "CHAIN_MISMATCH"));

    /**
     * Answers that come from a device's firmware, never from a wallet: named in traces, but not
     * in the spec's table, so {@link #isInSpec} stays false for a wallet that gives one.
     */
    private static final Map<Integer, String> DEVICE_NAMES = Map.of(
            0x6986, "NOT_OVER_BLUETOOTH (a Bluetooth card's link firmware)");

    private Sw() {}

    /** A wrong PIN's answer, 63Cx: x the tries left (0 to 15). */
    public static int pinWrong(int triesLeft) {
        if (triesLeft < 0 || triesLeft > 0x0F) {
            throw new IllegalArgumentException("63Cx carries 0 to 15 tries left, got " + triesLeft);
        }
        return PIN_WRONG_BASE | triesLeft;
    }

    /** True for 63Cx, a wrong PIN's answer whatever the tries left. */
    public static boolean isPinWrong(int sw) {
        return (sw & 0xFFF0) == PIN_WRONG_BASE;
    }

    private static final int PIN_WRONG_BASE = 0x63C0;

    /** "6911 LIMIT_SINGLE", "63C2 PIN_WRONG (2 tries left)" or "6F00 UNKNOWN". */
    public static String describe(int sw) {
        String hex = String.format("%04X", sw & 0xFFFF);
        if (isPinWrong(sw)) {
            return hex + " PIN_WRONG (" + (sw & 0x0F) + " tries left)";
        }
        return hex + " " + NAMES.getOrDefault(sw & 0xFFFF, DEVICE_NAMES.getOrDefault(sw & 0xFFFF, "UNKNOWN"));
    }

    /** The bare name, e.g. "LIMIT_SINGLE". */
    public static String name(int sw) {
        String d = describe(sw);
        return d.substring(5);
    }

    /** True for a status word of the spec's table (section 6), 63Cx included: the only answers a wallet may give. */
    public static boolean isInSpec(int sw) {
        return NAMES.containsKey(sw & 0xFFFF) || isPinWrong(sw);
    }

    /** Looks a status word up by its name ("LIMIT_SINGLE"); throws for an unknown name. */
    public static int byName(String name) {
        for (Map.Entry<Integer, String> e : NAMES.entrySet()) {
            if (e.getValue().equalsIgnoreCase(name)) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("unknown status word name: " + name + "; known: " + NAMES.values());
    }
}
