package org.dualoffline.se;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dualoffline.se.seal.Finding;
import org.dualoffline.se.seal.JavaCardCheck;
import org.dualoffline.se.seal.NotJavaCardException;

/**
 * Where an applet's code comes from: a class on the harness's classpath (the reference wallet)
 * or a class inside a vendor's jar. Each call to {@link #load()} gives the class to install,
 * once its code has passed the Java Card check ({@link JavaCardCheck}): the harness runs only
 * what a card could.
 */
public final class AppletSource {
    private final String className;
    private final Path jar;
    private final String description;
    private final boolean shareClasses;
    /** The Java Card check's findings, once made: the code does not change while the harness runs. */
    private volatile List<Finding> findings;
    /** With {@link #sharingClasses()}: the one copy of the classes, once loaded (or why there cannot be one). */
    private volatile SharedClasses shared;

    private AppletSource(String className, Path jar, boolean shareClasses) {
        this.className = className;
        this.jar = jar;
        this.description = jar == null ? className : className + " from " + jar.getFileName();
        this.shareClasses = shareClasses;
    }

    public static AppletSource ofClass(String className) {
        return new AppletSource(requireName(className), null, false);
    }

    public static AppletSource fromJar(Path jar, String className) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("applet jar not found: " + jar.toAbsolutePath());
        }
        return new AppletSource(requireName(className), jar, false);
    }

    /**
     * The same applet, its classes loaded once for every SE installed from this source rather
     * than once per SE - for runs of thousands of SEs ({@code ./simulate}), where a class loader per
     * SE costs some 50 KB of metaspace each. On a card statics belong to the card; shared
     * classes are therefore used only when they hold no state an SE could change: every static
     * field {@code final}, a primitive or an array of primitives, and every class initialiser
     * constants only ({@link SharedClasses}); static arrays are each SE's own copy in any case.
     * Otherwise each SE gets its own classes, as without this, and {@link #classesNotShared()}
     * says why. Certification never shares classes.
     */
    public AppletSource sharingClasses() {
        return new AppletSource(className, jar, true);
    }

    /** Why this source's SEs each get their own classes after {@link #sharingClasses()}, or null when they share one copy (or were not asked to). */
    public String classesNotShared() {
        SharedClasses s = shared;
        return s == null ? null : s.notShared();
    }

    public String className() {
        return className;
    }

    public String describe() {
        return description;
    }

    /**
     * Checks the applet's code (the first time only) and loads the applet class in a class loader
     * of its own (statics per SE); the message says what is wrong with a vendor's jar. Code a Java
     * Card converter would refuse is a {@link NotJavaCardException} listing every finding, thrown
     * before any of it is loaded.
     */
    public Class<? extends javacard.framework.Applet> load() {
        ClassLoader parent = AppletSource.class.getClassLoader();
        URL location;
        try {
            location = jar != null ? jar.toUri().toURL() : codeLocation(parent);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("applet jar path is not usable: " + jar, e);
        }
        if (findings == null) {
            findings = JavaCardCheck.check(location, className, AppletClassLoader::sharedWithHarness);
        }
        if (!findings.isEmpty()) {
            throw new NotJavaCardException(description, findings);
        }
        if (shareClasses) {
            SharedClasses s = shared;
            if (s == null) {
                synchronized (this) {
                    s = shared;
                    if (s == null) {
                        s = SharedClasses.load(location, className, loadClass(new AppletClassLoader("applet:" + className + " (shared)", location, parent)));
                        shared = s;
                    }
                }
            }
            if (s.applet() != null) {
                return s.applet();
            }
        }
        return loadClass(new AppletClassLoader("applet:" + className, location, parent));
    }

    private Class<? extends javacard.framework.Applet> loadClass(ClassLoader loader) {
        Class<?> c;
        try {
            c = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("applet class " + className + " not found"
                    + (jar == null ? " on the classpath" : " in " + jar) + ": " + e, e);
        }
        if (!javacard.framework.Applet.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException(className + " is not a javacard.framework.Applet");
        }
        return c.asSubclass(javacard.framework.Applet.class);
    }

    /** Where the classpath applet's classes are (its jar or classes folder). */
    private URL codeLocation(ClassLoader parent) {
        String resource = className.replace('.', '/') + ".class";
        URL url = parent.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("applet class " + className + " not found on the classpath");
        }
        String s = url.toString();
        try {
            if (s.startsWith("jar:")) {
                return new URL(s.substring(4, s.indexOf("!/")));
            }
            return new URL(s.substring(0, s.length() - resource.length()));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("cannot locate the classes of " + className + ": " + s, e);
        }
    }

    /** Size of the jar in bytes, or -1 for a classpath applet; for the device identity in reports. */
    public long jarSize() {
        try {
            return jar == null ? -1 : Files.size(jar);
        } catch (IOException e) {
            return -1;
        }
    }

    public Path jar() {
        return jar;
    }

    private static String requireName(String className) {
        if (className == null || className.isBlank()) {
            throw new IllegalArgumentException("applet class name is missing");
        }
        return className.trim();
    }
}
