package org.dualoffline.simulation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.dualoffline.devices.DeviceKind;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.Money;

/**
 * A simulation scenario file ({@code simulations/*.properties}, format 1, documented in
 * {@code docs/simulation.md}): the town - its wallets by form factor and its merchants -, the
 * batteries and who recharges, the issuer's limits and the wallets' storage, the seeded spending
 * pattern over the simulated hours, the rate of power cuts in the middle of a touch and the
 * share of cloned cards. Every key but {@code format} has a default; every problem is a
 * {@link ScenarioFileException} naming the file and the key.
 */
public record TownSpec(
        String name,
        long seed,
        int hours,
        int startHour,
        int stepMinutes,
        Map<DeviceKind, Integer> wallets,
        long walletBalance,
        int posMerchants,
        int tagMerchants,
        Range posBatteryStart,
        double posStandbyHours,
        int posPaymentsPerCharge,
        double posRechargeShare,
        Range phoneBatteryStart,
        double phoneStandbyHours,
        double phoneRechargeShare,
        int rechargeHour,
        double paymentsPerDay,
        Range activeHours,
        Range amount,
        double powerCutRate,
        double cloneShare,
        Limits limits,
        int logCapacity,
        int stormClients,
        boolean shareClasses) {

    /** The format this class reads. */
    public static final int FORMAT = 1;

    /** A closed range of whole numbers (percent, hours, fen). */
    public record Range(long low, long high) {
        public Range {
            if (low > high) {
                throw new IllegalArgumentException("a range's low end " + low + " is above its high end " + high);
            }
        }

        @Override
        public String toString() {
            return low + "-" + high;
        }
    }

    /** The wallet kinds a town holds, in the order the file lists them and the report shows them, with their keys. */
    public static final Map<String, DeviceKind> WALLET_KEYS = orderedWalletKeys();

    private static Map<String, DeviceKind> orderedWalletKeys() {
        Map<String, DeviceKind> m = new LinkedHashMap<>();
        m.put("wallets.card", DeviceKind.CARD);
        m.put("wallets.visual-card", DeviceKind.VISUAL_CARD);
        m.put("wallets.wearable", DeviceKind.WEARABLE);
        m.put("wallets.phone", DeviceKind.PHONE_ESE);
        m.put("wallets.sim-phone", DeviceKind.PHONE_NFC_SIM);
        return java.util.Collections.unmodifiableMap(m);
    }

    static final java.util.Set<String> KNOWN_KEYS = knownKeys();

    private static java.util.Set<String> knownKeys() {
        java.util.Set<String> k = new java.util.HashSet<>(WALLET_KEYS.keySet());
        k.addAll(List.of("format", "name", "seed", "hours", "start-hour", "step-minutes", "wallet.balance", "merchants.pos", "merchants.tag",
                "pos.battery.start", "pos.battery.standby-hours", "pos.battery.payments", "pos.recharge-share", "phone.battery.start",
                "phone.battery.standby-hours", "phone.recharge-share", "recharge.hour", "spending.payments-per-day",
                "spending.active-hours", "spending.amount", "power-cuts.rate", "clones.share", "issuer.max-single",
                "issuer.max-cumulative", "issuer.max-count", "issuer.holding-cap", "storage.log-capacity", "storm.clients", "se.classes"));
        return java.util.Set.copyOf(k);
    }

    /** A scenario file that cannot be used; {@code ./simulate} stops with exit code 2 and this message. */
    public static final class ScenarioFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ScenarioFileException(String message) {
            super(message);
        }
    }

    /** Every wallet the town issues. */
    public int walletCount() {
        return wallets.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Reads a scenario file. */
    public static TownSpec load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ScenarioFileException("scenario file not found: " + file.toAbsolutePath());
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ScenarioFileException("cannot read scenario file " + file + ": " + e.getMessage());
        }
        String fileName = file.getFileName().toString();
        return parse(p, file.toString(), fileName.endsWith(".properties") ? fileName.substring(0, fileName.length() - 11) : fileName);
    }

    /** Reads the keys of a scenario; {@code where} names it in messages, {@code defaultName} is its name unless it gives one. */
    static TownSpec parse(Properties p, String where, String defaultName) {
        List<String> unknown = new ArrayList<>();
        for (String key : p.stringPropertyNames()) {
            if (!KNOWN_KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ScenarioFileException(where + ": unknown keys " + new TreeSet<>(unknown) + "; known keys: " + new TreeSet<>(KNOWN_KEYS));
        }
        Keys k = new Keys(p, where);
        String format = p.getProperty("format", "").trim();
        if (!format.equals(String.valueOf(FORMAT))) {
            throw new ScenarioFileException(where + ": format must be " + FORMAT + " (the scenario format this harness reads), got \""
                    + format + "\"");
        }
        String name = p.getProperty("name", defaultName).trim();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new ScenarioFileException(where + ": name must be 1 to 64 letters, digits, '.', '_' or '-' (it names the report's folder), got \""
                    + name + "\"");
        }
        Map<DeviceKind, Integer> wallets = new LinkedHashMap<>();
        for (Map.Entry<String, DeviceKind> e : WALLET_KEYS.entrySet()) {
            wallets.put(e.getValue(), k.integer(e.getKey(), 0, 0, 1_000_000));
        }
        int total = wallets.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            throw new ScenarioFileException(where + ": the town has no wallets: give at least one of " + WALLET_KEYS.keySet());
        }
        int pos = k.integer("merchants.pos", 1, 0, 100_000);
        int tags = k.integer("merchants.tag", 0, 0, 100_000);
        if (pos + tags == 0) {
            throw new ScenarioFileException(where + ": the town has no merchants: merchants.pos or merchants.tag must be at least 1");
        }
        Limits defaults = Limits.defaults();
        Limits limits = new Limits(1, k.money("issuer.max-single", defaults.maxSingle()), k.money("issuer.max-cumulative", defaults.maxCumulative()),
                k.integer("issuer.max-count", defaults.maxCount(), 1, 65_535), k.money("issuer.holding-cap", defaults.holdingCap()),
                defaults.pinFreeThreshold(), defaults.receivePolicy());
        int step = k.integer("step-minutes", 10, 1, 60);
        if (60 % step != 0) {
            throw new ScenarioFileException(where + ": step-minutes must divide an hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60), got " + step);
        }
        Range active = k.range("spending.active-hours", new Range(8, 21), 0, 24);
        if (active.low() == active.high()) {
            throw new ScenarioFileException(where + ": spending.active-hours must span at least one hour, got " + active);
        }
        return new TownSpec(name, k.longValue("seed", 20_261_130L), k.integer("hours", 72, 1, 24 * 30), k.integer("start-hour", 0, 0, 23),
                k.integer("step-minutes", 10, 1, 60),
                java.util.Collections.unmodifiableMap(wallets), k.money("wallet.balance", 300_00), pos, tags,
                k.range("pos.battery.start", new Range(60, 100), 0, 100), k.decimal("pos.battery.standby-hours", 36, 0.1, 10_000),
                k.integer("pos.battery.payments", 2_000, 1, 10_000_000), k.decimal("pos.recharge-share", 0.1, 0, 1),
                k.range("phone.battery.start", new Range(30, 100), 0, 100), k.decimal("phone.battery.standby-hours", 30, 0.1, 10_000),
                k.decimal("phone.recharge-share", 0.05, 0, 1), k.integer("recharge.hour", 8, 0, 23),
                k.decimal("spending.payments-per-day", 3, 0, 200), active, k.moneyRange("spending.amount", new Range(2_00, 80_00)),
                k.decimal("power-cuts.rate", 0.005, 0, 1), k.decimal("clones.share", 0.01, 0, 0.5), limits,
                k.integer("storage.log-capacity", 0, 0, 64), k.integer("storm.clients", 64, 1, 1_024),
                k.choice("se.classes", "shared", "shared", "per-se").equals("shared"));
    }

    /** Reads one key at a time, with its default and bounds, naming the file and the key when a value is wrong. */
    private record Keys(Properties p, String where) {
        private String raw(String key) {
            String v = p.getProperty(key);
            return v == null ? null : v.trim();
        }

        private ScenarioFileException wrong(String key, String what, String got) {
            return new ScenarioFileException(where + ": " + key + " must be " + what + ", got \"" + got + "\"");
        }

        String choice(String key, String dflt, String... allowed) {
            String v = raw(key);
            if (v == null || v.isEmpty()) {
                return dflt;
            }
            for (String a : allowed) {
                if (a.equals(v)) {
                    return v;
                }
            }
            throw wrong(key, "one of " + String.join(", ", allowed), v);
        }

        long longValue(String key, long dflt) {
            String v = raw(key);
            if (v == null || v.isEmpty()) {
                return dflt;
            }
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw wrong(key, "a whole number", v);
            }
        }

        int integer(String key, int dflt, int min, int max) {
            long v = longValue(key, dflt);
            if (v < min || v > max) {
                throw wrong(key, "a whole number from " + min + " to " + max, raw(key));
            }
            return (int) v;
        }

        double decimal(String key, double dflt, double min, double max) {
            String v = raw(key);
            if (v == null || v.isEmpty()) {
                return dflt;
            }
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw wrong(key, "a number from " + min + " to " + max, v);
            }
            if (!(d >= min && d <= max)) {
                throw wrong(key, "a number from " + min + " to " + max, v);
            }
            return d;
        }

        long money(String key, long dflt) {
            String v = raw(key);
            if (v == null || v.isEmpty()) {
                return dflt;
            }
            return yuan(key, v);
        }

        private long yuan(String key, String v) {
            try {
                long fen = Money.parseYuan(v.startsWith("¥") ? v : "¥" + v);
                if (fen <= 0 || fen > 0xFFFF_FFFFL) {
                    throw wrong(key, "an amount in yuan above 0.00 and at most 42949672.95", v);
                }
                return fen;
            } catch (IllegalArgumentException e) {
                throw wrong(key, "an amount in yuan such as 80.00", v);
            }
        }

        Range range(String key, Range dflt, long min, long max) {
            String v = raw(key);
            if (v == null || v.isEmpty()) {
                return dflt;
            }
            String[] parts = v.split("-", -1);
            try {
                long low = Long.parseLong(parts[0].trim());
                long high = parts.length == 1 ? low : Long.parseLong(parts[1].trim());
                if (parts.length > 2 || low < min || high > max || low > high) {
                    throw wrong(key, "LOW-HIGH with " + min + " <= LOW <= HIGH <= " + max, v);
                }
                return new Range(low, high);
            } catch (NumberFormatException e) {
                throw wrong(key, "LOW-HIGH with " + min + " <= LOW <= HIGH <= " + max, v);
            }
        }

        Range moneyRange(String key, Range dflt) {
            String v = raw(key);
            if (v == null || v.isEmpty()) {
                return dflt;
            }
            String[] parts = v.split("-", -1);
            if (parts.length > 2) {
                throw wrong(key, "LOW-HIGH in yuan, such as 2.00-80.00", v);
            }
            long low = yuan(key, parts[0].trim());
            long high = parts.length == 1 ? low : yuan(key, parts[1].trim());
            if (low > high) {
                throw wrong(key, "LOW-HIGH in yuan with LOW <= HIGH", v);
            }
            return new Range(low, high);
        }
    }
}
