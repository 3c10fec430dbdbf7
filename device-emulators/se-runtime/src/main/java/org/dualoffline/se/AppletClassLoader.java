package org.dualoffline.se;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads an applet's own classes from its jar (or classes folder) first, and the Java Card API,
 * jcardsim and the JDK from the harness. One loader per secure element gives every SE its own
 * copy of the applet's classes, so applet statics are per SE as on real cards, and a vendor
 * class never silently resolves to one on the harness's classpath.
 */
final class AppletClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    AppletClassLoader(String name, URL location, ClassLoader parent) {
        super(name, new URL[] {location}, parent);
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

    private static boolean sharedWithHarness(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("javacard.") || name.startsWith("javacardx.")
                || name.startsWith("com.licel.") || name.startsWith("org.bouncycastle.") || name.startsWith("sun.") || name.startsWith("jdk.");
    }
}
