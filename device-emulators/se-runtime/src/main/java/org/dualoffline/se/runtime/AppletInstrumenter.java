package org.dualoffline.se.runtime;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites an applet class as it is loaded so that it runs on the {@link Jcre} memory model:
 * <ul>
 * <li>field writes ({@code putfield}/{@code putstatic}) and stores into arrays go through the
 * journal and the tear points; in a constructor too, except the object's own fields while
 * nothing persistent refers to it yet (class initialisers run at load time, untouched);</li>
 * <li>Java Card API calls that may change persistent state (arrays passed to them, a PIN's or a
 * key's own state) go through a bridge method added to the class, so the runtime sees, journals
 * and can tear what they change ({@link ApiCall});</li>
 * <li>every method entry and loop turn checks the command's time limit ({@link Jcre#tick});</li>
 * <li>arrays the applet allocates are registered as persistent, and each read of a static array
 * field gives the current SE's own copy of it, persistent too (class initialisers fill the
 * originals once per class loader; on a card each card has its own);</li>
 * <li>{@code JCSystem} transaction calls and {@code Util} copy/fill/set calls get real Java
 * Card semantics;</li>
 * <li>signature, digest, random and key-generation calls are metered.</li>
 * </ul>
 * Control flow is untouched (each replaced instruction becomes a static call with the same
 * stack effect), so the class's stack map frames stay valid.
 */
public final class AppletInstrumenter {
    static final String JCRE = Type.getInternalName(Jcre.class);
    /** The packages an applet's class loader takes from the harness, as AppletClassLoader.sharedWithHarness lists them. */
    public static final java.util.List<String> HARNESS_PACKAGES = java.util.List.of("java/", "javax/", "javacard/", "javacardx/", "com/licel/",
            "org/bouncycastle/", "sun/", "jdk/", "org/dualoffline/se/runtime/", "org/dualoffline/jcx/", "org/objectweb/asm/");

    private AppletInstrumenter() {}

    public static byte[] instrument(byte[] classBytes) {
        ClassReader reader = new ClassReader(classBytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String className;
            private boolean framesNeeded;
            private boolean isInterface;
            private final Map<String, ApiBridge> bridges = new LinkedHashMap<>();

            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(version, access, name, signature, superName, interfaces);
                className = name;
                framesNeeded = (version & 0xFFFF) >= Opcodes.V1_6;
                isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                if (name.equals("<clinit>") || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return mv; // class initialisation is load time on a card, not a command
                }
                return new Rewriter(mv, className, name.equals("<init>"), isInterface ? null : this::bridge);
            }

            /** The name of the bridge method that wraps this API call, generated at the end of the class. */
            private String bridge(int opcode, String owner, String name, String desc, boolean itf) {
                String key = opcode + " " + owner + "." + name + desc;
                return bridges.computeIfAbsent(key, k -> new ApiBridge(className, "$jcre$api$" + bridges.size(), opcode, owner, name, desc, itf)).name();
            }

            @Override
            public void visitEnd() {
                for (ApiBridge b : bridges.values()) {
                    b.write(cv, framesNeeded);
                }
                super.visitEnd();
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Names the bridge method (generated at the end of the class) for an API call that may write persistent state. */
    interface Bridges {
        String bridge(int opcode, String owner, String name, String desc, boolean itf);
    }

    private static final class Rewriter extends MethodVisitor {
        private final String className;
        private final boolean constructor;
        private final Bridges bridges;
        private final Set<Label> seen = new HashSet<>();
        /** In a constructor: objects created with NEW whose own constructor has not been called yet. */
        private int pendingNews;
        /** In a constructor: whether the superclass's (or another own) constructor has been called, so 'this' is usable. */
        private boolean thisInitialised;

        Rewriter(MethodVisitor mv, String className, boolean constructor, Bridges bridges) {
            super(Opcodes.ASM9, mv);
            this.className = className;
            this.constructor = constructor;
            this.bridges = bridges;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            jcre("tick", "()V");
        }

        @Override
        public void visitLabel(Label label) {
            super.visitLabel(label);
            seen.add(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                jcre("tick", "()V"); // a loop turn
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            tickIfBackward(dflt, labels);
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            tickIfBackward(dflt, labels);
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private void tickIfBackward(Label dflt, Label[] labels) {
            boolean backward = seen.contains(dflt);
            for (Label l : labels) {
                backward |= seen.contains(l);
            }
            if (backward) {
                jcre("tick", "()V");
            }
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            super.visitTypeInsn(opcode, type);
            if (opcode == Opcodes.NEW) {
                pendingNews++;
            } else if (opcode == Opcodes.ANEWARRAY) {
                registerNewArray();
            }
        }

        @Override
        public void visitInsn(int opcode) {
            switch (opcode) {
                case Opcodes.BASTORE -> jcre("bastore", "(Ljava/lang/Object;II)V");
                case Opcodes.SASTORE -> jcre("sastore", "([SII)V");
                case Opcodes.IASTORE -> jcre("iastore", "([III)V");
                case Opcodes.AASTORE -> jcre("aastore", "([Ljava/lang/Object;ILjava/lang/Object;)V");
                case Opcodes.RETURN -> {
                    if (constructor && thisInitialised) {
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        jcre("constructed", "(Ljava/lang/Object;)V");
                    }
                    super.visitInsn(opcode);
                }
                default -> super.visitInsn(opcode);
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String desc) {
            if (opcode == Opcodes.GETSTATIC && desc.startsWith("[") && isAppletOwn(owner)) {
                // A static array is the card's own, in persistent memory: each SE gets its copy.
                super.visitFieldInsn(opcode, owner, name, desc);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, JCRE, "staticArray", "(Ljava/lang/Object;)Ljava/lang/Object;", false);
                super.visitTypeInsn(Opcodes.CHECKCAST, desc);
                return;
            }
            // Before its superclass's constructor is called, a constructor may only set its own
            // fields of the uninitialised 'this', which cannot be passed to the runtime.
            if ((opcode != Opcodes.PUTFIELD && opcode != Opcodes.PUTSTATIC) || owner.startsWith("javacard/") || constructor && !thisInitialised) {
                super.visitFieldInsn(opcode, owner, name, desc);
                return;
            }
            int site = FieldSites.idOf(owner, name, desc);
            char kind = switch (desc.charAt(0)) {
                case 'J' -> 'J';
                case 'L', '[' -> 'A';
                case 'F', 'D' -> 'X';
                default -> 'I';
            };
            if (kind == 'X') {
                super.visitFieldInsn(opcode, owner, name, desc);
                return;
            }
            String valueDesc = kind == 'J' ? "J" : kind == 'A' ? "Ljava/lang/Object;" : "I";
            if (constructor && opcode == Opcodes.PUTFIELD && owner.equals(className)) {
                // The class's own field, perhaps final (which only its constructor may set): the
                // runtime counts the write, the instruction itself makes it.
                if (kind != 'J') {
                    super.visitInsn(Opcodes.DUP2);
                    super.visitLdcInsn(site);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, JCRE, "constructorField" + kind, "(Ljava/lang/Object;" + valueDesc + "I)V", false);
                }
                super.visitFieldInsn(opcode, owner, name, desc);
                return;
            }
            if (opcode == Opcodes.PUTFIELD) {
                super.visitLdcInsn(site);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, JCRE, "putField" + kind, "(Ljava/lang/Object;" + valueDesc + "I)V", false);
            } else {
                super.visitLdcInsn(Type.getObjectType(owner));
                super.visitLdcInsn(site);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, JCRE, "putStatic" + kind, "(" + valueDesc + "Ljava/lang/Class;I)V", false);
            }
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            super.visitIntInsn(opcode, operand);
            if (opcode == Opcodes.NEWARRAY) {
                registerNewArray();
            }
        }

        @Override
        public void visitMultiANewArrayInsn(String desc, int dims) {
            super.visitMultiANewArrayInsn(desc, dims);
            registerNewArray();
        }

        private void registerNewArray() {
            super.visitInsn(Opcodes.DUP);
            jcre("persistentArray", "(Ljava/lang/Object;)V");
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>")) {
                super.visitMethodInsn(opcode, owner, name, desc, itf);
                if (pendingNews > 0) {
                    pendingNews--;
                } else if (constructor && !thisInitialised) {
                    thisInitialised = true;
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    jcre("constructing", "(Ljava/lang/Object;)V");
                }
                return;
            }
            String replacement = replacement(opcode, owner, name, desc);
            if (replacement != null) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, replacementOwner(owner), name, replacement, false);
            } else if (bridges != null && ApiBridge.mayWritePersistentState(opcode, owner, name, desc)) {
                String bridge = bridges.bridge(opcode, owner, name, desc, itf);
                if (opcode == Opcodes.INVOKESPECIAL) {
                    // super.update(...) in the applet's own subclass of a platform class: an instance bridge, 'this' stays on the stack
                    super.visitMethodInsn(Opcodes.INVOKESPECIAL, className, bridge, desc, false);
                } else {
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, className, bridge, ApiBridge.descriptor(opcode, owner, desc), false);
                }
            } else {
                super.visitMethodInsn(opcode, owner, name, desc, itf);
            }
        }

        /** Transactions and Util's copies are replaced by Jcre's, the crypto calls by JcreApi's. */
        private static String replacementOwner(String owner) {
            return owner.startsWith("javacard/security/") ? ApiBridge.JCRE_API : JCRE;
        }

        /** The descriptor of the Jcre or JcreApi method that replaces this call, or null to keep it. */
        private static String replacement(int opcode, String owner, String name, String desc) {
            if (opcode == Opcodes.INVOKESTATIC && owner.equals("javacard/framework/JCSystem")) {
                return switch (name) {
                    case "beginTransaction", "commitTransaction", "abortTransaction", "getTransactionDepth" -> desc;
                    default -> null;
                };
            }
            if (opcode == Opcodes.INVOKESTATIC && owner.equals("javacard/framework/Util")) {
                return switch (name) {
                    case "arrayCopy", "arrayCopyNonAtomic", "arrayFillNonAtomic", "setShort" -> desc;
                    default -> null;
                };
            }
            if (opcode != Opcodes.INVOKEVIRTUAL) {
                return null;
            }
            String receiver = "L" + owner + ";";
            return switch (owner + "." + name + desc) {
                case "javacard/security/Signature.sign([BSS[BS)S", "javacard/security/Signature.verify([BSS[BSS)Z",
                        "javacard/security/Signature.init(Ljavacard/security/Key;B)V", "javacard/security/Signature.update([BSS)V",
                        "javacard/security/MessageDigest.doFinal([BSS[BS)S", "javacard/security/MessageDigest.update([BSS)V",
                        "javacard/security/RandomData.generateData([BSS)V", "javacard/security/RandomData.nextBytes([BSS)S",
                        "javacard/security/KeyPair.genKeyPair()V" -> "(" + receiver + desc.substring(1);
                default -> null;
            };
        }

        /** A class of the applet's: not in a package the applet's class loader takes from the harness (AppletClassLoader). */
        private boolean isAppletOwn(String owner) {
            for (String harness : HARNESS_PACKAGES) {
                if (owner.startsWith(harness)) {
                    return false;
                }
            }
            return true;
        }

        private void jcre(String method, String desc) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, JCRE, method, desc, false);
        }
    }
}
