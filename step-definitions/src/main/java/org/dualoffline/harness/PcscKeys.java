package org.dualoffline.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import org.dualoffline.harness.Profile.PcscSettings;
import org.dualoffline.harness.Profile.ProfileException;
import org.dualoffline.harness.Profile.SeKind;
import org.dualoffline.se.pcsc.VpcdCard;

/** The {@code pcsc.*} keys of a profile: required and checked for {@code se.kind=pcsc}, refused for any other kind. */
final class PcscKeys {
    private PcscKeys() {}

    /** The PC/SC settings of a {@code se.kind=pcsc} profile; null for other kinds. */
    static PcscSettings read(Properties p, SeKind seKind, String where) {
        List<String> given = new ArrayList<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("pcsc.")) {
                given.add(k);
            }
        }
        if (seKind != SeKind.PCSC) {
            if (!given.isEmpty()) {
                throw new ProfileException(where + ": " + new TreeSet<>(given) + " only apply to se.kind=pcsc (this profile's se.kind is "
                        + seKind.name().toLowerCase(Locale.ROOT) + ")");
            }
            return null;
        }
        List<String> readers = readers(p, where);
        boolean serve = ProfileProperties.flag(p, "pcsc.vpcd.serve", false, where);
        String host = p.getProperty("pcsc.vpcd.host", "127.0.0.1").trim();
        String portsValue = p.getProperty("pcsc.vpcd.ports", "").trim();
        if (!serve && (p.getProperty("pcsc.vpcd.host") != null || !portsValue.isEmpty())) {
            throw new ProfileException(where + ": pcsc.vpcd.host and pcsc.vpcd.ports only apply with pcsc.vpcd.serve=true");
        }
        List<Integer> ports = serve ? ports(portsValue, readers.size(), where) : List.of();
        String fresh = p.getProperty("pcsc.freshCard.command", "").trim();
        if (serve && !fresh.isEmpty()) {
            throw new ProfileException(where + ": pcsc.freshCard.command does not apply with pcsc.vpcd.serve=true (the harness inserts a fresh SE itself)");
        }
        return new PcscSettings(readers, serve, host, ports, fresh);
    }

    private static List<String> readers(Properties p, String where) {
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
        return readers;
    }

    /** One vpcd port per reader: the ones {@code pcsc.vpcd.ports} names, or vpcd's own from its default port on. */
    private static List<Integer> ports(String portsValue, int readers, String where) {
        List<Integer> ports = new ArrayList<>();
        if (portsValue.isEmpty()) {
            for (int i = 0; i < readers; i++) {
                ports.add(VpcdCard.DEFAULT_PORT + i);
            }
            return ports;
        }
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
        if (ports.size() != readers) {
            throw new ProfileException(where + ": pcsc.vpcd.ports names " + ports.size() + " ports for " + readers
                    + " readers in pcsc.readers: one port per reader, in the same order");
        }
        return ports;
    }
}
