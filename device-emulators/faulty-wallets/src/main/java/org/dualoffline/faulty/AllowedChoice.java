package org.dualoffline.faulty;

import static org.dualoffline.faulty.Patches.blockedWhenNoTryLeft;
import static org.dualoffline.faulty.Patches.pinTryLimit;

import java.util.Map;

/**
 * The catalogue of known-good wallets, the mirror of {@link Fault}: each makes one choice the
 * spec leaves to the vendor differently from the reference wallet (by its install data, by a
 * bytecode patch, or by where its classes live), and the harness must PASS it on every
 * requirement the reference PASSes (harness qualification: a harness that FAILs a wallet the
 * contract allows holds vendors to the reference instead of the spec). {@code profiles/good/}
 * has one profile per choice, named by its id.
 */
public enum AllowedChoice {
    LOG_CAPACITY_64("log-capacity-64", "a log of 64 entries, the most the install data may ask for, instead of 32", "40",
            Map.of(), null),
    LOG_CAPACITY_16("log-capacity-16", "a log of 16 entries instead of 32", "10", Map.of(), null),
    PIN_BLOCKED_ON_LAST_TRY("pin-blocked-on-last-try",
            "the wrong guess that uses up the last PIN try is answered 6983 (PIN blocked) instead of 63C0: both fit it", null,
            Map.of(FaultyWalletBuilder.APPLET, blockedWhenNoTryLeft("processVerifyPin")), null),
    PIN_TRIES_5("pin-tries-5", "5 PIN tries instead of 3", null, Map.of(Patches.PERSISTENT, pinTryLimit("<init>", 5)), null),
    PIN_TRIES_15("pin-tries-15", "15 PIN tries, the most GET STATUS can report in 63Cx, instead of 3", null,
            Map.of(Patches.PERSISTENT, pinTryLimit("<init>", 15)), null),
    BALANCE_BYTE_BY_BYTE("balance-byte-by-byte",
            "the balance written one byte at a time (four single byte stores, each journaled in the transaction) instead of with one "
                    + "Util.arrayCopy, by every command that changes it: the same atomicity, three persistent writes more per command, "
                    + "well within the tap budget", null,
            Map.of(FaultyWalletBuilder.APPLET, Patches.copyEachByte("processPay", "balance")
                    .and(Patches.copyEachByte("processApplySyncAck", "balance")).and(Patches.copyEachByte("processLoad", "balance"))
                    .and(Patches.copyEachByte("processUnload", "balance"))), null),
    VENDOR_PACKAGE("vendor-package", "the same wallet with a vendor's own package and class names (com.example.purse.Purse, ...)",
            null, Map.of(), "com/example/purse/");

    public final String id;
    public final String description;
    /** Install data in hex for the profile ({@code applet.installParameters}), or null for none. */
    public final String installParameters;
    /** Patches by internal class name of the reference wallet. */
    final Map<String, Patch> patches;
    /** The package the classes move to (internal form, ending in '/'), or null where they stay. */
    final String packageMovedTo;

    AllowedChoice(String id, String description, String installParameters, Map<String, Patch> patches, String packageMovedTo) {
        this.id = id;
        this.description = description;
        this.installParameters = installParameters;
        this.patches = patches;
        this.packageMovedTo = packageMovedTo;
    }

    /**
     * Where a class of the reference wallet (internal name) lives in this wallet: moved to
     * {@link #packageMovedTo}, the applet itself renamed {@code Purse}; else where it was.
     */
    String moved(String internalName) {
        if (packageMovedTo == null || !internalName.startsWith(REFERENCE_PACKAGE)) {
            return internalName;
        }
        String simple = internalName.substring(REFERENCE_PACKAGE.length());
        return packageMovedTo + (internalName.equals(FaultyWalletBuilder.APPLET) ? "Purse" : simple);
    }

    /** The applet's class name as a profile gives it ({@code applet.class}). */
    public String appletClass() {
        return moved(FaultyWalletBuilder.APPLET).replace('/', '.');
    }

    private static final String REFERENCE_PACKAGE = "org/dualoffline/applet/";
}
