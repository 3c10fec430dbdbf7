package org.dualoffline.se.seal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Writes compiled test classes into a jar under {@code target/applet-jars/}, as a vendor would ship an applet. */
final class AppletJars {
    private AppletJars() {}

    /** The jar {@code name}.jar holding exactly {@code classes}, as compiled. */
    static Path write(String name, Class<?>... classes) throws IOException {
        Path jar = Files.createDirectories(Path.of("target", "applet-jars")).resolve(name + ".jar").toAbsolutePath();
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    if (in == null) {
                        throw new IOException("no class file for " + c.getName());
                    }
                    out.putNextEntry(new JarEntry(entry));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }
}
