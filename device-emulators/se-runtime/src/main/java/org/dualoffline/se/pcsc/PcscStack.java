package org.dualoffline.se.pcsc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;

/**
 * The host's PC/SC stack as {@code javax.smartcardio} sees it: the readers pcscd knows, found by
 * name. A lab's reader names are long and carry serial numbers and slot numbers
 * ("Identiv uTrust 3700 F CL Reader [...] 00 00"), so a profile may give any part of a name
 * that matches one reader only.
 */
public final class PcscStack {
    /** The JDK's property naming the PC/SC library to load. */
    public static final String LIBRARY_PROPERTY = "sun.security.smartcardio.library";

    /**
     * Where Linux distributions put pcsc-lite's client library. WORKAROUND: upstream JDKs look for
     * {@code /usr/lib/libpcsclite.so} only, which multiarch distributions (Debian, Ubuntu) do not
     * have; Debian's own JDK is patched, others fail with a bare "SCardEstablishContext" error.
     */
    static final List<String> LIBRARY_CANDIDATES = List.of(
            "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1", "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1",
            "/usr/lib64/libpcsclite.so.1", "/usr/lib/libpcsclite.so.1", "/lib/x86_64-linux-gnu/libpcsclite.so.1");

    private PcscStack() {}

    /**
     * The PC/SC terminal factory, with the library property set first if it was not (it is read
     * once, on the first use of {@code javax.smartcardio} in the JVM).
     */
    public static TerminalFactory factory() {
        synchronized (PcscStack.class) {
            if (System.getProperty(LIBRARY_PROPERTY) == null) {
                for (String candidate : LIBRARY_CANDIDATES) {
                    if (Files.isReadable(Path.of(candidate))) {
                        System.setProperty(LIBRARY_PROPERTY, candidate);
                        break;
                    }
                }
            }
        }
        TerminalFactory factory = TerminalFactory.getDefault();
        if ("PC/SC".equals(factory.getType())) {
            return factory;
        }
        // The default falls back to a factory without terminals and hides why; asking by name tells.
        try {
            return TerminalFactory.getInstance("PC/SC", null);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new PcscException(PcscException.Problem.UNAVAILABLE, "PC/SC unavailable: " + whyUnavailable(e), e);
        }
    }

    /** The JDK's reason in a lab's words: no pcscd, or no pcsc-lite library. */
    static String whyUnavailable(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = String.valueOf(root.getMessage());
        if (why.contains("SCARD_E_NO_SERVICE") || why.contains("SCARD_E_SERVICE_STOPPED")) {
            return "pcscd is not running (" + why + "); start it (Debian: apt-get install pcscd, then pcscd or systemctl start pcscd.socket)";
        }
        return "the JDK could not load the PC/SC library (" + LIBRARY_PROPERTY + "=" + System.getProperty(LIBRARY_PROPERTY) + "): " + why
                + "; install pcsc-lite (Debian: apt-get install pcscd libpcsclite1)";
    }

    /** The names of the readers pcscd knows, in its order. */
    public static List<String> readerNames(TerminalFactory factory) {
        List<String> names = new ArrayList<>();
        for (CardTerminal t : terminals(factory)) {
            names.add(t.getName());
        }
        return names;
    }

    /** The reader {@code wanted} names (see {@link #resolve}). */
    public static CardTerminal terminal(TerminalFactory factory, String wanted) {
        String name = resolve(readerNames(factory), wanted);
        CardTerminal t = factory.terminals().getTerminal(name);
        if (t == null) {
            throw new PcscException(PcscException.Problem.NO_SUCH_READER, "PC/SC reader \"" + name + "\" disappeared while it was being opened");
        }
        return t;
    }

    /**
     * The one reader name among {@code present} that {@code wanted} names: the name itself, or
     * else the only name containing it (case ignored). The message of a miss lists the readers
     * that are there, since that is what the lab needs to fix its profile.
     */
    public static String resolve(List<String> present, String wanted) {
        String w = wanted == null ? "" : wanted.strip();
        if (w.isEmpty()) {
            throw new IllegalArgumentException("a PC/SC reader name (or part of one) is needed");
        }
        if (present.contains(w)) {
            return w;
        }
        List<String> matches = new ArrayList<>();
        for (String name : present) {
            if (name.toLowerCase(Locale.ROOT).contains(w.toLowerCase(Locale.ROOT))) {
                matches.add(name);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new PcscException(PcscException.Problem.NO_SUCH_READER, "no PC/SC reader matches \"" + w + "\"; "
                    + (present.isEmpty() ? "pcscd knows no readers (is the reader plugged in, is its driver installed?)"
                    : "readers present: " + quoted(present)));
        }
        throw new PcscException(PcscException.Problem.NO_SUCH_READER, "\"" + w + "\" matches " + matches.size() + " PC/SC readers, "
                + quoted(matches) + "; give more of the name");
    }

    private static List<CardTerminal> terminals(TerminalFactory factory) {
        try {
            return factory.terminals().list();
        } catch (CardException e) {
            String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            if (cause != null && (cause.contains("SCARD_E_NO_READERS_AVAILABLE"))) {
                return List.of();
            }
            throw new PcscException(PcscException.Problem.UNAVAILABLE, "PC/SC unavailable: pcscd does not answer (" + cause
                    + "); start it (Debian: apt-get install pcscd, then pcscd or systemctl start pcscd.socket)", e);
        }
    }

    private static String quoted(List<String> names) {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            b.append(b.length() == 0 ? "" : ", ").append('"').append(n).append('"');
        }
        return b.toString();
    }
}
