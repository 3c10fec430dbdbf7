package org.dualoffline.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.TreeSet;
import org.dualoffline.harness.Profile.BackendMode;
import org.dualoffline.harness.Profile.ProfileException;
import org.dualoffline.harness.Profile.SeKind;
import org.dualoffline.protocol.Hex;
import org.dualoffline.se.AppletSource;

/**
 * Reads a {@link Profile} from its properties file: the known keys, which are required, their
 * defaults and checks. Every problem is a {@link ProfileException} naming the file and the key.
 */
final class ProfileProperties {
    static final Set<String> KNOWN_KEYS = Set.of(
            "profile.name", "device.name", "device.vendor", "device.version", "se.kind", "applet.jar", "applet.class",
            "applet.aid", "applet.installParameters", "backend.mode", "backend.url", "backend.operatorToken",
            "capabilities.pin", "capabilities.display", "capabilities.bluetooth", "display.firmware", "ble.firmware", "qualification.breaks", "se.commandTimeLimitMs",
            "pcsc.readers", "pcsc.vpcd.serve", "pcsc.vpcd.host", "pcsc.vpcd.ports", "pcsc.freshCard.command");

    private ProfileProperties() {}

    static Profile reference() {
        try (InputStream in = Profile.class.getClassLoader().getResourceAsStream(Profile.REFERENCE_RESOURCE)) {
            if (in == null) {
                throw new ProfileException("the reference profile " + Profile.REFERENCE_RESOURCE + " is missing from the classpath");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(p, null);
        } catch (IOException e) {
            throw new ProfileException("cannot read the reference profile: " + e.getMessage());
        }
    }

    static Profile load(Path file) {
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
            throw new ProfileException(where + ": unknown keys " + unknown + "; known keys: " + new TreeSet<>(KNOWN_KEYS));
        }
        String name = require(p, "profile.name", where);
        SeKind seKind = enumValue(SeKind.class, p.getProperty("se.kind", "jcardsim"), "se.kind", where);
        Profile.PcscSettings pcsc = PcscKeys.read(p, seKind, where);
        AppletSource applet = applet(p, file, where);
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
        for (String cap : List.of("pin", "display", "bluetooth")) {
            caps.put(cap, flag(p, "capabilities." + cap, true, where));
        }
        return new Profile(name, file, p.getProperty("device.name", name).trim(), p.getProperty("device.vendor", "unknown").trim(),
                p.getProperty("device.version", "unknown").trim(), seKind, applet, aid, params, mode, url,
                p.getProperty("backend.operatorToken", "").trim(), Map.copyOf(caps), p.getProperty("qualification.breaks", "").trim(), pcsc,
                commandTimeLimit(p, where), displayFirmware(p, where), bleFirmware(p, where));
    }

    /**
     * {@code ble.firmware}: what a Bluetooth card's firmware passes from its Bluetooth link to the SE -
     * {@code holder-sessions} (the reference, the default) or {@code relays-everything} (a known-bad firmware
     * that qualifies the harness).
     */
    private static String bleFirmware(Properties p, String where) {
        String v = p.getProperty("ble.firmware", "holder-sessions").trim();
        if (!v.equals("holder-sessions") && !v.equals("relays-everything")) {
            throw new ProfileException(where + ": ble.firmware must be holder-sessions or relays-everything, got \"" + v + "\"");
        }
        return v;
    }

    /**
     * {@code display.firmware}: how a visual card's firmware draws its display - {@code committed-state}
     * (the reference, the default) or {@code requested-amount} (a known-bad firmware that qualifies the harness).
     */
    private static String displayFirmware(Properties p, String where) {
        String v = p.getProperty("display.firmware", "committed-state").trim();
        if (!v.equals("committed-state") && !v.equals("requested-amount")) {
            throw new ProfileException(where + ": display.firmware must be committed-state or requested-amount, got \"" + v + "\"");
        }
        return v;
    }

    /** {@code se.commandTimeLimitMs}: a positive number of milliseconds, {@link Profile#DEFAULT_COMMAND_TIME_LIMIT} when absent. */
    private static java.time.Duration commandTimeLimit(Properties p, String where) {
        String v = p.getProperty("se.commandTimeLimitMs", "").trim();
        if (v.isEmpty()) {
            return Profile.DEFAULT_COMMAND_TIME_LIMIT;
        }
        try {
            long ms = Long.parseLong(v);
            if (ms > 0 && ms <= 600_000) {
                return java.time.Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ProfileException(where + ": se.commandTimeLimitMs must be a number of milliseconds from 1 to 600000, got " + v);
    }

    /** The applet class, from the harness's classpath or from {@code applet.jar} (relative to the profile's folder if it is there). */
    private static AppletSource applet(Properties p, Path file, String where) {
        String appletClass = require(p, "applet.class", where);
        String jar = p.getProperty("applet.jar", "").trim();
        try {
            if (jar.isEmpty()) {
                return AppletSource.ofClass(appletClass);
            }
            Path jarPath = Path.of(jar);
            if (!jarPath.isAbsolute() && file != null && file.toAbsolutePath().getParent() != null) {
                Path besideProfile = file.toAbsolutePath().getParent().resolve(jarPath);
                jarPath = Files.exists(besideProfile) ? besideProfile : jarPath;
            }
            return AppletSource.fromJar(jarPath, appletClass);
        } catch (IllegalArgumentException e) {
            throw new ProfileException(where + ": applet.jar / applet.class: " + e.getMessage());
        }
    }

    /** A {@code true}/{@code false} key (any case), {@code defaultValue} when absent. */
    static boolean flag(Properties p, String key, boolean defaultValue, String where) {
        String v = p.getProperty(key, Boolean.toString(defaultValue)).trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ProfileException(where + ": " + key + " must be true or false, got " + v);
        }
        return Boolean.parseBoolean(v);
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
}
