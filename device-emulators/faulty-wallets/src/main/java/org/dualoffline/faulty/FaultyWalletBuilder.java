package org.dualoffline.faulty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * Writes one jar per {@link Fault}: the reference wallet's classes, with the fault patched
 * into the wallet applet class; and one per {@link AllowedChoice}, the reference with that choice
 * made differently. Each is then certified like any vendor's jar.
 */
public final class FaultyWalletBuilder {
    static final String APPLET = "org/dualoffline/applet/WalletApplet";

    private FaultyWalletBuilder() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: FaultyWalletBuilder FAULTY_DIR GOOD_DIR");
        }
        Path out = Files.createDirectories(Path.of(args[0]));
        for (Fault f : Fault.values()) {
            Path jar = out.resolve(f.id + ".jar");
            write(f, jar);
            System.out.println("faulty wallet " + f.id + " (breaks " + f.breaks + "): " + jar);
        }
        Path good = Files.createDirectories(Path.of(args[1]));
        for (AllowedChoice c : AllowedChoice.values()) {
            Path jar = good.resolve(c.id + ".jar");
            write(c, jar);
            System.out.println("known-good wallet " + c.id + " (" + c.description + "): " + jar);
        }
    }

    static void write(AllowedChoice choice, Path jar) throws IOException {
        for (String missing : choice.patches.keySet()) {
            if (!appletClasses().contains(missing)) {
                throw new IllegalStateException("the reference wallet has no class " + missing + " to patch");
            }
        }
        writeJar(jar, (name, bytes) -> {
            Patch patch = choice.patches.get(name);
            byte[] changed = patch == null ? bytes : patch(patch, bytes);
            return choice.packageMovedTo == null ? changed
                    : patch(next -> new org.objectweb.asm.commons.ClassRemapper(next, new org.objectweb.asm.commons.Remapper() {
                        @Override
                        public String map(String internalName) {
                            return choice.moved(internalName);
                        }
                    }), changed);
        }, choice::moved, "CHOICE.txt", choice.id + ": a choice the spec allows\n" + choice.description + "\n", java.util.List.of());
    }

    static void write(Fault fault, Path jar) throws IOException {
        for (String missing : fault.patches.keySet()) {
            if (!appletClasses().contains(missing)) {
                throw new IllegalStateException("the reference wallet has no class " + missing + " to patch");
            }
        }
        writeJar(jar, (name, bytes) -> {
            Patch patch = fault.patches.get(name);
            return patch == null ? bytes : patch(patch, bytes);
        }, name -> name, "FAULT.txt", fault.id + ": breaks " + fault.breaks + "\n" + fault.description + "\n", fault.addedClasses);
    }

    /**
     * Writes a jar of the reference wallet's classes, each as {@code change} makes it and under the
     * name {@code rename} gives it, with a text entry that says what the jar is; entries carry no
     * time, so the same wallet gives the same bytes. {@code added}: classes of this module the jar
     * carries too, as they are compiled (Java Card code a fault needs besides the reference's).
     */
    static void writeJar(Path jar, java.util.function.BiFunction<String, byte[], byte[]> change,
                         java.util.function.UnaryOperator<String> rename, String readmeName, String readme,
                         java.util.List<String> added) throws IOException {
        Path parent = jar.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            for (String name : appletClasses()) {
                JarEntry e = new JarEntry(rename.apply(name) + ".class");
                e.setTime(0);
                out.putNextEntry(e);
                out.write(change.apply(name, referenceClass(name)));
                out.closeEntry();
            }
            for (String internalName : added) {
                String name = internalName + ".class";
                try (java.io.InputStream in = FaultyWalletBuilder.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("no class file for " + internalName);
                    }
                    JarEntry e = new JarEntry(name);
                    e.setTime(0);
                    out.putNextEntry(e);
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            JarEntry text = new JarEntry(readmeName);
            text.setTime(0);
            out.putNextEntry(text);
            out.write(readme.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    /** The applet class with {@code patch} applied; a patch that finds nothing to change throws. */
    static byte[] patch(Patch patch, byte[] classBytes) {
        ClassReader reader = new ClassReader(classBytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(patch.applyTo(writer), 0);
        return writer.toByteArray();
    }

    /** Every class of the reference wallet's package, from its jar or classes folder. */
    static java.util.List<String> appletClasses() throws IOException {
        URL url = FaultyWalletBuilder.class.getClassLoader().getResource(APPLET + ".class");
        if (url == null) {
            throw new IOException("the reference wallet is not on the classpath");
        }
        String pkg = APPLET.substring(0, APPLET.lastIndexOf('/') + 1);
        java.util.List<String> names = new java.util.ArrayList<>();
        if (url.getProtocol().equals("jar")) {
            String jarPath = url.getPath().substring("file:".length(), url.getPath().indexOf("!/"));
            try (java.util.jar.JarFile jf = new java.util.jar.JarFile(java.net.URLDecoder.decode(jarPath, java.nio.charset.StandardCharsets.UTF_8))) {
                jf.stream().map(JarEntry::getName).filter(n -> n.startsWith(pkg) && n.endsWith(".class"))
                        .forEach(n -> names.add(n.substring(0, n.length() - ".class".length())));
            }
        } else {
            Path dir;
            try {
                dir = Path.of(url.toURI()).getParent();
            } catch (java.net.URISyntaxException e) {
                throw new IOException(e);
            }
            try (var files = Files.list(dir)) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class"))
                        .forEach(n -> names.add(pkg + n.substring(0, n.length() - ".class".length())));
            }
        }
        java.util.Collections.sort(names);
        return names;
    }

    /** The bytes of one class of the reference wallet, e.g. {@link #APPLET}. */
    static byte[] referenceClass(String name) throws IOException {
        URL url = FaultyWalletBuilder.class.getClassLoader().getResource(name + ".class");
        if (url == null) {
            throw new IOException("the reference wallet class " + name + " is not on the classpath");
        }
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        }
    }
}
