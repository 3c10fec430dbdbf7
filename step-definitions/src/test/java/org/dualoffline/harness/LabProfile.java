package org.dualoffline.harness;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;

/** A lab's profile of the reference applet, read from its properties as a file's would be, with {@code extra} lines added. */
final class LabProfile {
    private LabProfile() {}

    static Profile parse(String extra) {
        Properties p = new Properties();
        try {
            p.load(new StringReader("profile.name=lab\napplet.class=org.dualoffline.applet.WalletApplet\napplet.aid=f04455414c4f464601\n" + extra));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return Profile.parse(p, Path.of("lab.properties"));
    }
}
