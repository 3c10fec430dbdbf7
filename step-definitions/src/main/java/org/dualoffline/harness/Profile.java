package org.dualoffline.harness;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.dualoffline.se.AppletSource;

/**
 * A device profile: which wallet the suite certifies and which backend it syncs to. Pointing
 * the suite at a vendor's applet jar or backend is a new profile file, never a code change.
 * Profiles are Java properties files (read and checked by {@link ProfileProperties}); see
 * {@code profiles/README.md}.
 */
public record Profile(
        String name,
        Path source,
        String deviceName,
        String deviceVendor,
        String deviceVersion,
        SeKind seKind,
        AppletSource applet,
        byte[] aid,
        byte[] installParameters,
        BackendMode backendMode,
        String backendUrl,
        String operatorToken,
        Map<String, Boolean> capabilities,
        String breaks,
        PcscSettings pcsc,
        java.time.Duration commandTimeLimit,
        String displayFirmware,
        String bleFirmware) {

    /** How long an emulated SE's command may run before the card counts as mute, unless the profile says: a reader's waiting time. */
    public static final java.time.Duration DEFAULT_COMMAND_TIME_LIMIT = java.time.Duration.ofSeconds(5);

    /**
     * How the harness reaches the wallet's secure element: in-process ({@code jcardsim}), or in a
     * PC/SC reader through pcscd ({@code pcsc}; then {@link #pcsc()} says which readers).
     */
    public enum SeKind { JCARDSIM, PCSC }

    /**
     * The PC/SC readers of a {@code se.kind=pcsc} profile, one per wallet a scenario holds at once,
     * in the order the scenario issues its wallets; null for other kinds. Read from the
     * {@code pcsc.*} keys by {@link PcscKeys}.
     *
     * @param readers reader names, or parts of names that match one reader each
     * @param serveVpcd the harness itself puts an emulated SE with the profile's applet into each
     *     reader, through vsmartcard's vpcd on {@code vpcdHost} at {@code vpcdPorts} (one port per reader)
     * @param freshCardCommand a shell command that puts a freshly installed wallet applet on the card in
     *     the reader named by {@code $DUALOFFLINE_READER}, run before each wallet is issued; empty: none
     */
    public record PcscSettings(List<String> readers, boolean serveVpcd, String vpcdHost, List<Integer> vpcdPorts, String freshCardCommand) {
        public PcscSettings {
            readers = List.copyOf(readers);
            vpcdPorts = List.copyOf(vpcdPorts);
        }
    }

    /** Which reconciliation backend the wallets sync to. */
    public enum BackendMode { EMBEDDED, CONTAINER, EXTERNAL }

    public static final String REFERENCE_RESOURCE = "profiles/reference.properties";

    /** The reference wallet on the embedded backend, the default of {@code ./certify}. */
    public static Profile reference() {
        return ProfileProperties.reference();
    }

    /** Reads a profile file; every problem is a {@link ProfileException} that names the file and the key. */
    public static Profile load(Path file) {
        return ProfileProperties.load(file);
    }

    /** A profile from properties already read; {@code file} (null for the reference) names it in messages. */
    static Profile parse(Properties p, Path file) {
        return ProfileProperties.parse(p, file);
    }

    public Profile withBackendMode(BackendMode mode) {
        return new Profile(name, source, deviceName, deviceVendor, deviceVersion, seKind, applet, aid, installParameters, mode,
                backendUrl, operatorToken, capabilities, breaks, pcsc, commandTimeLimit, displayFirmware, bleFirmware);
    }

    /** A profile that cannot be used; the harness stops with exit code 2 and this message. */
    public static class ProfileException extends RuntimeException {
        public ProfileException(String message) {
            super(message);
        }
    }
}
