package org.dualoffline.se.runtime;

import java.util.Arrays;
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
 * <li>arrays the applet allocates are registered as persistent;</li>
 * <li>{@code JCSystem} transaction calls and {@code Util} copy/fill/set calls get real Java
 * Card semantics;</li>
 * <li>signature, digest, random and key-generation calls are metered.</li>
 * </ul>
 * Control flow is untouched (each replaced instruction becomes a static call with the same
 * stack effect), so the class's stack map frames stay valid.
 */
public final class AppletInstrumenter {
    static final String JCRE = Type.getInternalName(Jcre.class);

    private AppletInstrumenter() {}

    public static byte[] instrument(byte[] classBytes) {
        ClassReader reader = new ClassReader(classBytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String className;
            private boolean framesNeeded;
            private boolean isInterface;
            private final Map<String, Bridge> bridges = new LinkedHashMap<>();

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
                return bridges.computeIfAbsent(key, k -> new Bridge(className, "$jcre$api$" + bridges.size(), opcode, owner, name, desc, itf)).name;
            }

            @Override
            public void visitEnd() {
                for (Bridge b : bridges.values()) {
                    b.write(cv, framesNeeded);
                }
                super.visitEnd();
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Names the bridge for an API call that may write persistent state, or null to keep the call as it is. */
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
                jcre(name, replacement);
            } else if (bridges != null && mayWritePersistentState(opcode, owner, name, desc)) {
                String bridge = bridges.bridge(opcode, owner, name, desc, itf);
                if (opcode == Opcodes.INVOKESPECIAL) {
                    // super.update(...) in the applet's own subclass of a platform class: an instance bridge, 'this' stays on the stack
                    super.visitMethodInsn(Opcodes.INVOKESPECIAL, className, bridge, desc, false);
                } else {
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, className, bridge, bridgeDescriptor(opcode, owner, desc), false);
                }
            } else {
                super.visitMethodInsn(opcode, owner, name, desc, itf);
            }
        }

        /** The descriptor of the Jcre method that replaces this call, or null to keep it. */
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
                        "javacard/security/Signature.init(Ljavacard/security/Key;B)V",
                        "javacard/security/MessageDigest.doFinal([BSS[BS)S", "javacard/security/MessageDigest.update([BSS)V",
                        "javacard/security/RandomData.generateData([BSS)V", "javacard/security/RandomData.nextBytes([BSS)S",
                        "javacard/security/KeyPair.genKeyPair()V" -> "(" + receiver + desc.substring(1);
                default -> null;
            };
        }

        private void jcre(String method, String desc) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, JCRE, method, desc, false);
        }
    }

    /**
     * Whether a Java Card API call may change persistent state the runtime must see: one that
     * takes an array (the API writes into it: a signature, a key, random bytes), or one on a
     * PIN or key object that is not a getter (its own state: a PIN value, key material). The
     * APDU's methods only touch its buffer, which is RAM.
     */
    static boolean mayWritePersistentState(int opcode, String owner, String name, String desc) {
        if (name.equals("<init>") || name.equals("<clinit>")) {
            return false;
        }
        if (!(owner.startsWith("javacard/") || owner.startsWith("javacardx/"))) {
            // The applet's own class (a subclass of OwnerPIN, say) called by a platform method's
            // name: the runtime looks at the receiver to see whose code runs.
            return opcode == Opcodes.INVOKEVIRTUAL && StatefulApi.SIGNATURES.contains(name + desc);
        }
        if (owner.equals("javacard/framework/APDU") || owner.equals("javacard/framework/JCSystem") || owner.equals("javacard/framework/Util")) {
            return false;
        }
        if (Arrays.stream(Type.getArgumentTypes(desc)).anyMatch(t -> t.getSort() == Type.ARRAY)) {
            return true;
        }
        boolean stateful = owner.startsWith("javacard/security/") || owner.startsWith("javacardx/crypto/")
                || owner.startsWith("javacard/framework/") && owner.contains("PIN");
        return opcode != Opcodes.INVOKESTATIC && stateful && !name.startsWith("get") && !name.startsWith("is");
    }

    private static String bridgeDescriptor(int opcode, String owner, String desc) {
        return opcode == Opcodes.INVOKESTATIC ? desc : "(L" + owner + ";" + desc.substring(1);
    }

    /**
     * A static method added to the applet class for one API call site shape: it hands the
     * receiver and the array arguments to {@link Jcre#apiBegin}/{@link Jcre#apiArray}, makes the
     * call, and calls {@link Jcre#apiEnd} whether it returned or threw.
     */
    private record Bridge(String className, String name, int opcode, String owner, String method, String desc, boolean itf) {
        void write(ClassVisitor cv, boolean frames) {
            boolean superCall = opcode == Opcodes.INVOKESPECIAL;
            // A super call's bridge is an instance method: 'this' is local 0 and the receiver.
            String bridgeDesc = superCall ? "(L" + className + ";" + desc.substring(1) : bridgeDescriptor(opcode, owner, desc);
            Type[] args = Type.getArgumentTypes(bridgeDesc);
            int access = Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC | (superCall ? 0 : Opcodes.ACC_STATIC);
            MethodVisitor mv = cv.visitMethod(access, name, superCall ? desc : bridgeDesc, null, null);
            mv.visitCode();
            int callSlot = 0;
            for (Type t : args) {
                callSlot += t.getSize();
            }
            mv.visitLdcInsn(owner.substring(owner.lastIndexOf('/') + 1) + "." + method + desc);
            if (opcode == Opcodes.INVOKESTATIC) {
                mv.visitInsn(Opcodes.ACONST_NULL);
            } else {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
            }
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, JCRE, superCall ? "apiBeginSuper" : "apiBegin",
                    "(Ljava/lang/String;Ljava/lang/Object;)Ljava/lang/Object;", false);
            mv.visitVarInsn(Opcodes.ASTORE, callSlot);
            int slot = 0;
            for (int i = 0; i < args.length; i++) {
                boolean receiver = i == 0 && opcode != Opcodes.INVOKESTATIC; // or 'this', for a super call
                if (!receiver && args[i].getSort() == Type.ARRAY) {
                    mv.visitVarInsn(Opcodes.ALOAD, callSlot);
                    mv.visitVarInsn(Opcodes.ALOAD, slot);
                    mv.visitMethodInsn(Opcodes.INVOKESTATIC, JCRE, "apiArray", "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
                }
                slot += args[i].getSize();
            }
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
            mv.visitLabel(start);
            slot = 0;
            for (Type t : args) {
                mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), slot);
                slot += t.getSize();
            }
            mv.visitMethodInsn(opcode, owner, method, desc, itf);
            mv.visitLabel(end);
            mv.visitVarInsn(Opcodes.ALOAD, callSlot);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, JCRE, "apiEnd", "(Ljava/lang/Object;)V", false);
            mv.visitInsn(Type.getReturnType(desc).getOpcode(Opcodes.IRETURN));
            mv.visitLabel(handler);
            if (frames) {
                Object[] locals = new Object[args.length + 1];
                for (int i = 0; i < args.length; i++) {
                    locals[i] = frameType(args[i]);
                }
                locals[args.length] = "java/lang/Object";
                mv.visitFrame(Opcodes.F_FULL, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
            }
            mv.visitVarInsn(Opcodes.ALOAD, callSlot);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, JCRE, "apiEnd", "(Ljava/lang/Object;)V", false);
            mv.visitInsn(Opcodes.ATHROW);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }

        private static Object frameType(Type t) {
            return switch (t.getSort()) {
                case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
                case Type.LONG -> Opcodes.LONG;
                case Type.FLOAT -> Opcodes.FLOAT;
                case Type.DOUBLE -> Opcodes.DOUBLE;
                default -> t.getInternalName();
            };
        }
    }
}
