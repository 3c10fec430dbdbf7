package org.dualoffline.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.dualoffline.protocol.Hex;
import org.dualoffline.se.AppletSource;

/**
 * A device profile: which wallet the suite certifies and which backend it syncs to. Pointing
 * the suite at a vendor's applet jar or backend is a new profile file, never a code change.
 * Profiles are Java properties files; see {@code profiles/README.md}.
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
        PcscSettings pcsc) {

    /**
     * How the harness reaches the wallet's secure element: in-process ({@code jcardsim}), or in a
     * PC/SC reader through pcscd ({@code pcsc}; then {@link #pcsc()} says which readers).
     */
    public enum SeKind { JCARDSIM, PCSC }

    /**
     * The PC/SC readers of a {@code se.kind=pcsc} profile, one per wallet a scenario holds at once,
     * in the order the scenario issues its wallets; null for other kinds.
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
    private static final Set<String> KNOWN_KEYS = Set.of(
            "profile.name", "device.name", "device.vendor", "device.version", "se.kind", "applet.jar", "applet.class",
            "applet.aid", "applet.installParameters", "backend.mode", "backend.url", "backend.operatorToken",
            "capabilities.pin", "capabilities.display", "qualification.breaks",
            "pcsc.readers", "pcsc.vpcd.serve", "pcsc.vpcd.host", "pcsc.vpcd.ports", "pcsc.freshCard.command");

    /** The reference wallet on the embedded backend, the default of {@code ./certify}. */
    public static Profile reference() {
        try (InputStream in = Profile.class.getClassLoader().getResourceAsStream(REFERENCE_RESOURCE)) {
            if (in == null) {
                throw new ProfileException("the reference profile " + REFERENCE_RESOURCE + " is missing from the classpath");
            }
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(p, null);
        } catch (IOException e) {
            throw new ProfileException("cannot read the reference profile: " + e.getMessage());
        }
    }

    /** Reads a profile file; every problem is a {@link ProfileException} that names the file and the key. */
    public static Profile load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ProfileException("profile file not found: " + file.toAbsolutePath());
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ProfileException("cannot read profile " + file + ": " + e.getMessage());
        }
        return parse(p, file);
    }

    static Profile parse(Properties p, Path file) {
        String where = file == null ? "reference profile" : "profile " + file;
        List<String> unknown = new ArrayList<>();
        for (String k : p.stringPropertyNames()) {
            if (!KNOWN_KEYS.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ProfileException(where + ": unknown keys " + unknown + "; known keys: " + new java.util.TreeSet<>(KNOWN_KEYS));
        }
        String name = require(p, "profile.name", where);
        SeKind seKind = enumValue(SeKind.class, p.getProperty("se.kind", "jcardsim"), "se.kind", where);
        PcscSettings pcsc = pcsc(p, seKind, where);
        String appletClass = require(p, "applet.class", where);
        String jar = p.getProperty("applet.jar", "").trim();
        AppletSource applet;
        try {
            if (jar.isEmpty()) {
                applet = AppletSource.ofClass(appletClass);
            } else {
                Path jarPath = Path.of(jar);
                if (!jarPath.isAbsolute() && file != null && file.toAbsolutePath().getParent() != null) {
                    Path besideProfile = file.toAbsolutePath().getParent().resolve(jarPath);
                    jarPath = Files.exists(besideProfile) ? besideProfile : jarPath;
                }
                applet = AppletSource.fromJar(jarPath, appletClass);
            }
        } catch (IllegalArgumentException e) {
            throw new ProfileException(where + ": applet.jar / applet.class: " + e.getMessage());
        }
        byte[] aid = hex(p, "applet.aid", where, true);
        if (aid.length < 5 || aid.length > 16) {
            throw new ProfileException(where + ": applet.aid must be 5 to 16 bytes, got " + aid.length);
        }
        byte[] params = hex(p, "applet.installParameters", where, false);
        BackendMode mode = enumValue(BackendMode.class, p.getProperty("backend.mode", "embedded"), "backend.mode", where);
        String url = p.getProperty("backend.url", "").trim();
        if (mode == BackendMode.EXTERNAL && url.isEmpty()) {
            throw new ProfileException(where + ": backend.mode=external needs backend.url (the vendor backend's base URL)");
        }
        if (!url.isEmpty() && !url.matches("https?://.+")) {
            throw new ProfileException(where + ": backend.url must start with http:// or https://, got " + url);
        }
        Map<String, Boolean> caps = new LinkedHashMap<>();
        for (String cap : List.of("pin", "display")) {
            String v = p.getProperty("capabilities." + cap, "true").trim().toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw new ProfileException(where + ": capabilities." + cap + " must be true or false, got " + v);
            }
            caps.put(cap, Boolean.parseBoolean(v));
        }
        return new Profile(name, file, p.getProperty("device.name", name).trim(), p.getProperty("device.vendor", "unknown").trim(),
                p.getProperty("device.version", "unknown").trim(), seKind, applet, aid, params, mode, url,
                p.getProperty("backend.operatorToken", "").trim(), Map.copyOf(caps), p.getProperty("qualification.breaks", "").trim(), pcsc);
    }

    public Profile withBackendMode(BackendMode mode) {
        return new Profile(name, source, deviceName, deviceVendor, deviceVersion, seKind, applet, aid, installParameters, mode,
                backendUrl, operatorToken, capabilities, breaks, pcsc);
    }

    /** The {@code pcsc.*} keys: required and checked for {@code se.kind=pcsc}, refused for any other kind. */
    private static PcscSettings pcsc(Properties p, SeKind seKind, String where) {
        List<String> given = new ArrayList<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("pcsc.")) {
                given.add(k);
            }
        }
        if (seKind != SeKind.PCSC) {
            if (!given.isEmpty()) {
                throw new ProfileException(where + ": " + new java.util.TreeSet<>(given) + " only apply to se.kind=pcsc (this profile's se.kind is "
                        + seKind.name().toLowerCase(Locale.ROOT) + ")");
            }
            return null;
        }
        String readersValue = p.getProperty("pcsc.readers", "").trim();
        if (readersValue.isEmpty()) {
            throw new ProfileException(where + ": se.kind=pcsc needs pcsc.readers: the PC/SC reader names (or a part of each that matches "
                    + "one reader only), comma-separated, one per wallet a scenario holds at once (a payment needs two)");
        }
        List<String> readers = new ArrayList<>();
        for (String r : readersValue.split(",", -1)) {
            String name = r.strip();
            if (name.isEmpty()) {
                throw new ProfileException(where + ": pcsc.readers has an empty reader name in \"" + readersValue + "\"");
            }
            if (readers.stream().anyMatch(name::equalsIgnoreCase)) {
                throw new ProfileException(where + ": pcsc.readers names \"" + name + "\" twice: each wallet needs a reader of its own");
            }
            readers.add(name);
        }
        String serveValue = p.getProperty("pcsc.vpcd.serve", "false").trim().toLowerCase(Locale.ROOT);
        if (!serveValue.equals("true") && !serveValue.equals("false")) {
            throw new ProfileException(where + ": pcsc.vpcd.serve must be true or false, got " + serveValue);
        }
        boolean serve = Boolean.parseBoolean(serveValue);
        String host = p.getProperty("pcsc.vpcd.host", "127.0.0.1").trim();
        List<Integer> ports = new ArrayList<>();
        String portsValue = p.getProperty("pcsc.vpcd.ports", "").trim();
        if (!serve && (p.getProperty("pcsc.vpcd.host") != null || !portsValue.isEmpty())) {
            throw new ProfileException(where + ": pcsc.vpcd.host and pcsc.vpcd.ports only apply with pcsc.vpcd.serve=true");
        }
        if (serve) {
            if (portsValue.isEmpty()) {
                for (int i = 0; i < readers.size(); i++) {
                    ports.add(org.dualoffline.se.pcsc.VpcdCard.DEFAULT_PORT + i);
                }
            } else {
                for (String port : portsValue.split(",", -1)) {
                    try {
                        int n = Integer.parseInt(port.strip());
                        if (n < 1 || n > 65_535) {
                            throw new NumberFormatException();
                        }
                        ports.add(n);
                    } catch (NumberFormatException e) {
                        throw new ProfileException(where + ": pcsc.vpcd.ports must be TCP ports (1 to 65535), comma-separated, got \"" + portsValue + "\"");
                    }
                }
                if (ports.size() != readers.size()) {
                    throw new ProfileException(where + ": pcsc.vpcd.ports names " + ports.size() + " ports for " + readers.size()
                            + " readers in pcsc.readers: one port per reader, in the same order");
                }
            }
        }
        String fresh = p.getProperty("pcsc.freshCard.command", "").trim();
        if (serve && !fresh.isEmpty()) {
            throw new ProfileException(where + ": pcsc.freshCard.command does not apply with pcsc.vpcd.serve=true (the harness inserts a fresh SE itself)");
        }
        return new PcscSettings(readers, serve, host, ports, fresh);
    }

    private static String require(Properties p, String key, String where) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new ProfileException(where + ": " + key + " is required");
        }
        return v.trim();
    }

    private static byte[] hex(Properties p, String key, String where, boolean required) {
        String v = required ? require(p, key, where) : p.getProperty(key, "").trim();
        try {
            return Hex.parse(v);
        } catch (RuntimeException e) {
            throw new ProfileException(where + ": " + key + ": " + e.getMessage());
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String key, String where) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name().toLowerCase(Locale.ROOT));
            }
            throw new ProfileException(where + ": " + key + " must be one of " + names + ", got \"" + value.trim() + "\"");
        }
    }

    /** A profile that cannot be used; the harness stops with exit code 2 and this message. */
    public static class ProfileException extends RuntimeException {
        public ProfileException(String message) {
            super(message);
        }
    }
}
