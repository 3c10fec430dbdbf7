package org.dualoffline.se.campaign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a tear campaign file (docs/tear-campaign.md): plain text, one {@code key: value} a line,
 * {@code #} comments, repeated keys kept in order.
 *
 * <pre>
 * # what this campaign shows (the comment lines before the first key describe the campaign)
 * jar: applet.jar                 # relative to this file; leave out for an applet on the classpath
 * class: com.example.MyApplet
 * aid: A0000005272101
 * install: 00                     # optional: the applet's own install parameters
 * setup: 00A4040007A0000005272101 # each must answer 9000 ...
 * setup-any: 80CA000000           # ... unless sent with setup-any
 * tear: 8001000002CAFE            # torn at every one of its persistent writes
 * after: 00A4040007A0000005272101 # optional, repeatable: sent once power is back
 * read: 8010000000                # one or more: the answers that describe the state
 * </pre>
 *
 * Hex may contain spaces; a {@code #} at the start of a line or after a space starts a comment.
 * Every error names the file and the line.
 */
public final class CampaignFile {
    /** The file name extension campaign files use by convention; the campaign's name is the file name without it. */
    public static final String EXTENSION = ".campaign";

    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z][A-Za-z-]*)\\s*:(.*)");
    private static final List<String> SINGLE = List.of("jar", "class", "aid", "install", "tear");
    private static final List<String> REPEATED = List.of("setup", "setup-any", "after", "read");
    /** Install data is one length byte's worth on a Java Card: the AID, its length, a privilege byte and the applet's parameters. */
    private static final int MAX_INSTALL_DATA = 127;

    private final String fileName;
    private final Path baseDir;
    private final Map<String, Integer> seen = new HashMap<>();
    private final List<String> description = new ArrayList<>();
    private Path jar;
    private String className;
    private TearCampaign.Apdu aid;
    private TearCampaign.Apdu install = new TearCampaign.Apdu("", 0, true);
    private TearCampaign.Apdu tear;
    private final List<TearCampaign.Apdu> setup = new ArrayList<>();
    private final List<TearCampaign.Apdu> after = new ArrayList<>();
    private final List<TearCampaign.Apdu> read = new ArrayList<>();

    private CampaignFile(String fileName, Path baseDir) {
        this.fileName = fileName;
        this.baseDir = baseDir;
    }

    /** Reads and checks the campaign in {@code file}; a relative {@code jar:} is taken from the file's folder. */
    public static TearCampaign read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CampaignException("campaign file not found: " + file.toAbsolutePath().normalize(), e);
        } catch (IOException e) {
            throw new CampaignException("cannot read the campaign file " + file + ": " + e.getMessage(), e);
        }
        Path absolute = file.toAbsolutePath().normalize();
        return parse(text, absolute, absolute.getParent());
    }

    /**
     * Parses campaign text; {@code file} names the campaign (and the errors), {@code baseDir} is
     * where a relative {@code jar:} is looked for.
     */
    public static TearCampaign parse(String text, Path file, Path baseDir) {
        String fileName = file.getFileName().toString();
        CampaignFile parser = new CampaignFile(fileName, baseDir);
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            parser.line(i + 1, lines[i]);
        }
        return parser.campaign(file, nameOf(fileName));
    }

    /** "append-record" for "append-record.campaign" (any extension goes). */
    static String nameOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private void line(int number, String raw) {
        String trimmed = raw.strip();
        if (trimmed.startsWith("#")) {
            if (seen.isEmpty()) {
                String text = trimmed.substring(1);
                description.add(text.startsWith(" ") ? text.substring(1) : text);
            }
            return;
        }
        String content = withoutComment(trimmed);
        if (content.isEmpty()) {
            return;
        }
        Matcher m = KEY_VALUE.matcher(content);
        if (!m.matches()) {
            throw error(number, "expected \"key: value\", got \"" + content + "\"");
        }
        String key = m.group(1);
        String value = m.group(2).strip();
        if (!SINGLE.contains(key) && !REPEATED.contains(key)) {
            throw error(number, "unknown key \"" + key + "\"; the keys are " + String.join(", ", SINGLE) + ", " + String.join(", ", REPEATED));
        }
        if (value.isEmpty()) {
            throw error(number, key + ": has no value");
        }
        if (SINGLE.contains(key) && seen.containsKey(key)) {
            throw error(number, "a second " + key + ": (the first is on line " + seen.get(key) + ")"
                    + (key.equals("tear") ? "; a campaign tears one command" : ""));
        }
        seen.putIfAbsent(key, number);
        switch (key) {
            case "jar" -> jar = jar(number, value);
            case "class" -> className = className(number, value);
            case "aid" -> aid = aid(number, value);
            case "install" -> install = hex(number, key, value, true);
            case "setup" -> setup.add(command(number, key, value, true));
            case "setup-any" -> setup.add(command(number, key, value, false));
            case "tear" -> tear = command(number, key, value, true);
            case "after" -> after.add(command(number, key, value, true));
            case "read" -> read.add(command(number, key, value, true));
            default -> throw new IllegalStateException(key);
        }
    }

    /** The line up to a {@code #} that starts it or follows a space or tab. */
    private static String withoutComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i).strip();
            }
        }
        return line;
    }

    private TearCampaign campaign(Path file, String name) {
        List<String> missing = new ArrayList<>();
        if (className == null) {
            missing.add("class:");
        }
        if (aid == null) {
            missing.add("aid:");
        }
        if (tear == null) {
            missing.add("tear:");
        }
        if (read.isEmpty()) {
            missing.add("read:");
        }
        if (!missing.isEmpty()) {
            throw new CampaignException(fileName + ": no " + String.join(", no ", missing) + " line"
                    + (missing.contains("read:") ? " (a campaign needs at least one read-back command)" : ""));
        }
        int installData = 1 + aid.bytes().length + 2 + install.bytes().length;
        if (installData > MAX_INSTALL_DATA) {
            throw error(seen.get("install"), "install: " + install.bytes().length + " bytes of parameters with an AID of " + aid.bytes().length
                    + " make " + installData + " bytes of install data, more than the " + MAX_INSTALL_DATA + " a Java Card takes");
        }
        return new TearCampaign(name, file, trimDescription(), new TearCampaign.Applet(jar, className), aid, install, setup, tear, after,
                read);
    }

    private List<String> trimDescription() {
        List<String> lines = new ArrayList<>(description);
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        return lines;
    }

    private Path jar(int number, String value) {
        Path path = baseDir.resolve(value).normalize();
        if (!Files.isRegularFile(path)) {
            throw error(number, "jar: " + value + " not found (looked for " + path + ")");
        }
        return path;
    }

    private String className(int number, String value) {
        if (!value.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
            throw error(number, "class: \"" + value + "\" is not a fully qualified class name");
        }
        return value;
    }

    private TearCampaign.Apdu aid(int number, String value) {
        TearCampaign.Apdu a = hex(number, "aid", value, true);
        int n = a.bytes().length;
        if (n < 5 || n > 16) {
            throw error(number, "aid: " + n + " bytes; an AID has 5 to 16 (ISO/IEC 7816-5)");
        }
        return a;
    }

    private TearCampaign.Apdu hex(int number, String key, String value, boolean mustSucceed) {
        String digits = value.replace(" ", "").replace("\t", "");
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0) {
                throw error(number, key + ": \"" + value + "\" is not hex (\"" + digits.charAt(i) + "\" at digit " + (i + 1) + ")");
            }
        }
        if ((digits.length() & 1) != 0) {
            throw error(number, key + ": an odd number of hex digits (" + digits.length() + ")");
        }
        return new TearCampaign.Apdu(digits.toUpperCase(Locale.ROOT), number, mustSucceed);
    }

    /** A command APDU in short form (ISO/IEC 7816-4 cases 1 to 4), as a Java Card applet receives it. */
    private TearCampaign.Apdu command(int number, String key, String value, boolean mustSucceed) {
        TearCampaign.Apdu apdu = hex(number, key, value, mustSucceed);
        byte[] c = apdu.bytes();
        if (c.length < 4) {
            throw error(number, key + ": " + c.length + " bytes; a command has a 4-byte header CLA INS P1 P2");
        }
        if (c.length > 5) {
            int lc = c[4] & 0xFF;
            if (lc == 0) {
                throw error(number, key + ": an extended-length command (Lc 00 then more bytes); only short commands are sent");
            }
            if (c.length != 5 + lc && c.length != 6 + lc) {
                throw error(number, key + ": Lc says " + lc + " data bytes, " + (c.length - 5) + " bytes follow it"
                        + " (a command is header, Lc, the data and at most an Le byte)");
            }
        }
        return apdu;
    }

    private CampaignException error(int line, String message) {
        return new CampaignException(fileName + ":" + line + ": " + message);
    }
}
