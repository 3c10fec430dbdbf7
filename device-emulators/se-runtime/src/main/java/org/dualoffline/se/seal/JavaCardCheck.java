package org.dualoffline.se.seal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.objectweb.asm.ClassReader;

/**
 * Checks an applet's bytecode the way a Java Card converter would before it makes a CAP file,
 * so that the harness installs only code a card could run. An applet is Java Card code when it
 * uses nothing but the Java Card API and its own classes: a vendor's jar that halts the JVM,
 * reads the harness's keys by reflection, starts threads or exits the process is plain JVM code
 * that no card would accept, and must not run in the harness's JVM.
 *
 * <p>What is checked: the applet class, and every class of its code location (its jar or classes
 * folder) that it reaches - superclasses, interfaces, and every class its code names, transitively.
 * Other classes of the location are not checked: nothing can load them without reflection, which
 * is refused (a test-classes folder holds JUnit tests beside its probe applets). In each class:
 * <ul>
 * <li><b>References.</b> The superclass, the interfaces, the declared exceptions, the types of
 * fields, method descriptors, the classes and descriptors of every field and method used, the
 * classes of {@code new}, {@code anewarray}, {@code checkcast}, {@code instanceof} and
 * {@code multianewarray}, catch types: each may be a class of the applet's own code location,
 * any class of {@code javacard.*} or {@code javacardx.*}, or one of the {@code java.*} types of the
 * Java Card 3.0.5 classic API ({@code Object}, {@code Throwable}, {@code Exception},
 * {@code RuntimeException} and eight of its subclasses, {@code java.io.IOException},
 * {@code java.rmi.Remote} and {@code RemoteException}). Of those {@code java.*} types only what
 * Java Card has: the constructor and {@code Object.equals}, no fields; {@code getClass},
 * {@code hashCode}, {@code toString}, {@code clone}, {@code finalize}, {@code wait} and
 * {@code notify} are refused whatever class they are called on, unless the applet declares
 * them itself. So {@code System}, {@code Runtime}, {@code Thread}, {@code Class} and reflection,
 * class loaders, I/O, {@code String}, {@code java.util} and the harness's own classes are refused.</li>
 * <li><b>Types Java Card has not.</b> {@code long}, {@code float}, {@code double} and
 * {@code char}: in any descriptor, any instruction on them (e.g. {@code LADD}, {@code I2L},
 * {@code CALOAD}), any array of them, any constant of them, and any local variable the class's
 * debug information declares with them. Arrays of more than one dimension. {@code int} is an
 * optional Java Card feature and is allowed.</li>
 * <li><b>What Java Card does not do.</b> Native methods; synchronized methods and
 * {@code monitorenter}/{@code monitorexit} (a card has one thread); {@code invokedynamic} (lambdas,
 * method references, string concatenation); {@code String} constants; class literals and other
 * constants the Java Card constant pool has not (method handles and types, dynamic constants).</li>
 * <li><b>What javac adds.</b> An enum (it extends {@code java.lang.Enum}, its {@code values()}
 * clones an array), a record, a switch on an enum or a string, {@code assert}
 * ({@code $assertionsDisabled}, {@code Class.desiredAssertionStatus}), try-with-resources
 * ({@code Throwable.addSuppressed}), autoboxing, {@code Objects.requireNonNull} for
 * {@code outer.new Inner()}: none converts, and each shows as the references above.</li>
 * </ul>
 * Annotations, generic signatures, inner-class and nest attributes are not code and are not
 * checked; nor is what a converter checks beyond the references and types (limits on method
 * size, static initialiser shapes, export files).
 *
 * <p>The harness loads some packages from its own classpath whatever the applet's jar holds
 * ({@code AppletClassLoader}): a class of such a package is never the applet's own, even when
 * the jar has one, so a jar cannot reach the harness by shipping a class under one of its names.
 */
public final class JavaCardCheck {
    private static final String APPLET = "javacard/framework/Applet";

    private final URLClassLoader location;
    private final String where;
    private final Predicate<String> loadedFromHarness;
    private final Map<String, byte[]> classFiles = new HashMap<>();
    private final Map<String, ClassHeader> headers = new HashMap<>();
    private final Set<String> reached = new HashSet<>();
    private final Deque<String> toCheck = new ArrayDeque<>();
    private final Set<Finding> findings = new LinkedHashSet<>();

    private JavaCardCheck(URL location, Predicate<String> loadedFromHarness) {
        this.location = new URLClassLoader(new URL[] {location}, null);
        this.where = describe(location);
        this.loadedFromHarness = name -> name.startsWith("java/") || name.startsWith("javax/") || name.startsWith("javacard/")
                || name.startsWith("javacardx/") || loadedFromHarness.test(name.replace('/', '.'));
    }

    /**
     * Checks the applet class {@code appletClass} (dotted) of the jar or classes folder
     * {@code codeLocation}; returns what a Java Card converter would refuse, empty for Java Card
     * code. Throws {@link IllegalArgumentException} when the class is not there or is not a
     * {@code javacard.framework.Applet}.
     */
    public static List<Finding> check(Path codeLocation, String appletClass) {
        if (!Files.exists(codeLocation)) {
            throw new IllegalArgumentException("no applet code at " + codeLocation.toAbsolutePath());
        }
        try {
            return check(codeLocation.toUri().toURL(), appletClass, name -> false);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("applet code location is not usable: " + codeLocation, e);
        }
    }

    /**
     * {@link #check(Path, String)} on a code location as a class loader finds it (a {@code file:}
     * jar or folder); {@code loadedFromHarness} says which classes (dotted names) the applet's
     * class loader takes from the harness rather than from the location: they are never the
     * applet's own, and so must be Java Card API to be used.
     */
    public static List<Finding> check(URL codeLocation, String appletClass, Predicate<String> loadedFromHarness) {
        JavaCardCheck check = new JavaCardCheck(codeLocation, loadedFromHarness);
        try {
            return check.run(appletClass.replace('.', '/'));
        } finally {
            try {
                check.location.close();
            } catch (IOException e) {
                // nothing was written; the check's result stands
            }
        }
    }

    /**
     * The applet's own classes (dotted, sorted) that {@link #check(URL, String, Predicate)} reaches
     * from {@code appletClass}: every class of the location its code can use.
     */
    public static List<String> ownClasses(URL codeLocation, String appletClass, Predicate<String> loadedFromHarness) {
        JavaCardCheck check = new JavaCardCheck(codeLocation, loadedFromHarness);
        try {
            check.run(appletClass.replace('.', '/'));
            return check.reached.stream().map(JavaCardCheck::dotted).sorted().toList();
        } finally {
            try {
                check.location.close();
            } catch (IOException e) {
                // nothing was written
            }
        }
    }

    private List<Finding> run(String applet) {
        if (classFile(applet) == null) {
            throw new IllegalArgumentException("applet class " + dotted(applet) + " not found in " + where);
        }
        if (!extendsApplet(applet)) {
            throw new IllegalArgumentException(dotted(applet) + " is not a javacard.framework.Applet");
        }
        if (loadedFromHarness.test(applet)) {
            findings.add(new Finding(dotted(applet), null, "is in a package the harness loads from its own classpath, not from "
                    + where));
            return List.copyOf(findings);
        }
        reach(applet);
        while (!toCheck.isEmpty()) {
            String name = toCheck.poll();
            new ClassReader(classFile(name)).accept(new ClassCheck(this, findings), 0);
        }
        return List.copyOf(findings);
    }

    /** Whether {@code name}'s superclasses lead to {@code javacard.framework.Applet}, through classes of the location. */
    private boolean extendsApplet(String name) {
        Set<String> seen = new HashSet<>();
        for (String c = name; c != null && seen.add(c); c = classFile(c) == null ? null : header(c).superName()) {
            if (c.equals(APPLET)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the applet may use class {@code internalName}: a Java Card API class, or one of its
     * own (which is then checked in turn). Array types are not classes: callers pass the element.
     */
    boolean mayUse(String internalName) {
        if (JavaCardApi.isApiClass(internalName)) {
            return true;
        }
        if (isOwn(internalName)) {
            reach(internalName);
            return true;
        }
        return false;
    }

    /** A class of the applet's code location that its class loader takes from there. */
    boolean isOwn(String internalName) {
        return !loadedFromHarness.test(internalName) && classFile(internalName) != null;
    }

    /**
     * Where the method {@code nameAndDescriptor} called on the applet's own class {@code owner}
     * comes from: null when the applet declares it (in the class, its own superclasses or their
     * own interfaces), else the first class above its own ones, whose method it inherits -
     * {@code java/lang/Object} or an API class. {@code apiInterfaces} gets the API interfaces its
     * own classes implement, from which it may inherit the method too.
     */
    String inheritedFrom(String owner, String nameAndDescriptor, Set<String> apiInterfaces) {
        String c = owner;
        Set<String> seen = new HashSet<>();
        while (c != null && isOwn(c) && seen.add(c)) {
            ClassHeader h = header(c);
            if (h.methods().contains(nameAndDescriptor) || interfacesDeclare(h.interfaces(), nameAndDescriptor, apiInterfaces, seen)) {
                return null;
            }
            c = h.superName();
        }
        return c;
    }

    private boolean interfacesDeclare(List<String> interfaces, String nameAndDescriptor, Set<String> apiInterfaces, Set<String> seen) {
        for (String i : interfaces) {
            if (!isOwn(i)) {
                apiInterfaces.add(i);
            } else if (seen.add(i)) {
                ClassHeader h = header(i);
                if (h.methods().contains(nameAndDescriptor) || interfacesDeclare(h.interfaces(), nameAndDescriptor, apiInterfaces, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void reach(String internalName) {
        if (reached.add(internalName)) {
            toCheck.add(internalName);
        }
    }

    private ClassHeader header(String internalName) {
        return headers.computeIfAbsent(internalName, n -> ClassHeader.of(classFile(n)));
    }

    /** The class file of {@code internalName} in the location only (never a parent's), or null. */
    private byte[] classFile(String internalName) {
        if (internalName.startsWith("[")) {
            return null;
        }
        byte[] bytes = classFiles.computeIfAbsent(internalName, n -> {
            URL url = location.findResource(n + ".class");
            if (url == null) {
                return new byte[0];
            }
            try (InputStream in = url.openStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + url + ": " + e.getMessage(), e);
            }
        });
        return bytes.length == 0 ? null : bytes;
    }

    /** A {@code file:} location as its path, others as their URL. */
    private static String describe(URL location) {
        try {
            return location.getProtocol().equals("file") ? Path.of(location.toURI()).toString() : location.toString();
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return location.toString();
        }
    }

    static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }

    /** What the check needs of a class besides its code: its superclass, interfaces and declared methods. */
    record ClassHeader(String superName, List<String> interfaces, Set<String> methods) {
        static ClassHeader of(byte[] classFile) {
            ClassReader reader = new ClassReader(classFile);
            Set<String> methods = new HashSet<>();
            reader.accept(new org.objectweb.asm.ClassVisitor(org.objectweb.asm.Opcodes.ASM9) {
                @Override
                public org.objectweb.asm.MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                                    String[] exceptions) {
                    methods.add(name + descriptor);
                    return null;
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return new ClassHeader(reader.getSuperName(), List.of(reader.getInterfaces()), methods);
        }
    }
}
