package org.dualoffline.se;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.dualoffline.se.runtime.AppletInstrumenter;

/**
 * Loads an applet's own classes from its jar (or classes folder) first, instrumented for the
 * Java Card memory model ({@link AppletInstrumenter}), and the Java Card API, jcardsim, the
 * runtime and the JDK from the harness. One loader per secure element gives every SE its own
 * copy of the applet's classes, so applet statics are per SE as on real cards, and a vendor
 * class never silently resolves to one on the harness's classpath.
 */
final class AppletClassLoader extends URLClassLoader {
    /** Instrumented bytes per class location: every SE of a run loads the same applet. */
    private static final ConcurrentHashMap<String, byte[]> INSTRUMENTED = new ConcurrentHashMap<>();

    static {
        registerAsParallelCapable();
    }

    private final String location;

    AppletClassLoader(String name, URL location, ClassLoader parent) {
        super(name, new URL[] {location}, parent);
        this.location = location.toString();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (sharedWithHarness(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException e) {
                    c = super.loadClass(name, false);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        byte[] bytes = INSTRUMENTED.computeIfAbsent(location + "!" + resource, k -> {
            URL url = findResource(resource);
            if (url == null) {
                return new byte[0];
            }
            try (InputStream in = url.openStream()) {
                return AppletInstrumenter.instrument(in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + url + ": " + e, e);
            }
        });
        if (bytes.length == 0) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** Whether the class {@code name} (dotted) is always the harness's, whatever the applet's jar holds. */
    static boolean sharedWithHarness(String name) {
        String internal = name.replace('.', '/');
        for (String harness : AppletInstrumenter.HARNESS_PACKAGES) {
            if (internal.startsWith(harness)) {
                return true;
            }
        }
        return false;
    }
}
