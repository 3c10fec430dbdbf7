package org.dualoffline.se.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.dualoffline.se.AppletSource;

/**
 * A tear campaign for any applet, as its file gives it ({@link CampaignFile}): which applet to
 * install and how, the commands that bring it to where the campaign starts, the one command torn
 * at every one of its persistent writes, and the commands that read its state back once power
 * is back.
 *
 * @param name what the report calls the campaign: its file name without the extension
 * @param file the campaign file, or null for a campaign built in code
 * @param description what the campaign shows: the comment lines before its first key
 * @param applet the applet's class, from a jar or the classpath
 * @param aid the applet's AID, as installed and selected
 * @param install the applet's own install parameters (empty for none)
 * @param setup sent in order on a fresh SE before the torn command
 * @param tear the command torn at every one of its persistent writes
 * @param after sent once power is back, before the read-backs (SELECT, typically)
 * @param read the read-backs: their answers are the state each outcome is judged on
 */
public record TearCampaign(String name, Path file, List<String> description, Applet applet, Apdu aid, Apdu install, List<Apdu> setup,
                           Apdu tear, List<Apdu> after, List<Apdu> read) {
    public TearCampaign {
        description = List.copyOf(description);
        setup = List.copyOf(setup);
        after = List.copyOf(after);
        read = List.copyOf(read);
    }

    /**
     * One hex value of the file: a command, the AID or the install parameters.
     *
     * @param hex uppercase hex, no spaces
     * @param line the line of the campaign file it is on (0 when built in code)
     * @param mustSucceed for a setup command: it must answer 9000 ({@code setup:}), or may answer anything ({@code setup-any:})
     */
    public record Apdu(String hex, int line, boolean mustSucceed) {
        public static Apdu of(String hex) {
            return new Apdu(hex.replace(" ", "").toUpperCase(java.util.Locale.ROOT), 0, true);
        }

        public byte[] bytes() {
            return HexFormat.of().parseHex(hex);
        }

        public boolean isEmpty() {
            return hex.isEmpty();
        }
    }

    /** The applet's class, in {@code jar} (absolute) or, with no jar, on the harness's classpath. */
    public record Applet(Path jar, String className) {
        public AppletSource source() {
            try {
                return jar == null ? AppletSource.ofClass(className) : AppletSource.fromJar(jar, className);
            } catch (IllegalArgumentException e) {
                throw new CampaignException(e.getMessage(), e);
            }
        }

        /** "com.example.MyApplet from my.jar", or the class name alone for a classpath applet. */
        public String describe() {
            return jar == null ? className + " (classpath)" : className + " from " + jar.getFileName();
        }

        /** The SHA-256 of the jar, lowercase hex; null for a classpath applet. */
        public String jarSha256() {
            if (jar == null) {
                return null;
            }
            try (InputStream in = Files.newInputStream(jar)) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
                return HexFormat.of().formatHex(sha.digest());
            } catch (IOException e) {
                throw new CampaignException("cannot read the applet jar " + jar + ": " + e.getMessage(), e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
        }
    }
}
