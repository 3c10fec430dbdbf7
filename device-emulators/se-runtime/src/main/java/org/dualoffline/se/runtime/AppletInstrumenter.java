package org.dualoffline.se.runtime;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites an applet class as it is loaded so that it runs on the {@link Jcre} memory model:
 * <ul>
 * <li>field writes ({@code putfield}/{@code putstatic}) outside constructors, and stores into
 * arrays, go through the journal and the tear points;</li>
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
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                boolean initializer = name.equals("<init>") || name.equals("<clinit>");
                return new Rewriter(mv, initializer);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class Rewriter extends MethodVisitor {
        private final boolean initializer;

        Rewriter(MethodVisitor mv, boolean initializer) {
            super(Opcodes.ASM9, mv);
            this.initializer = initializer;
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String desc) {
            // Constructors run at install, when nothing is torn, and may write to an uninitialised 'this'.
            if (initializer || (opcode != Opcodes.PUTFIELD && opcode != Opcodes.PUTSTATIC) || owner.startsWith("javacard/")) {
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
        public void visitInsn(int opcode) {
            switch (opcode) {
                case Opcodes.BASTORE -> jcre("bastore", "(Ljava/lang/Object;II)V");
                case Opcodes.SASTORE -> jcre("sastore", "([SII)V");
                case Opcodes.IASTORE -> jcre("iastore", "([III)V");
                case Opcodes.AASTORE -> jcre("aastore", "([Ljava/lang/Object;ILjava/lang/Object;)V");
                default -> super.visitInsn(opcode);
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
        public void visitTypeInsn(int opcode, String type) {
            super.visitTypeInsn(opcode, type);
            if (opcode == Opcodes.ANEWARRAY) {
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
            String replacement = replacement(opcode, owner, name, desc);
            if (replacement == null) {
                super.visitMethodInsn(opcode, owner, name, desc, itf);
            } else {
                jcre(name, replacement);
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
}
