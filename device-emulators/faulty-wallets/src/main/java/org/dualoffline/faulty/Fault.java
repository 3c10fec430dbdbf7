package org.dualoffline.faulty;

import java.util.function.Function;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A deliberate defect, made by patching the reference wallet's bytecode so that everything
 * else stays exactly as in the reference: each faulty wallet breaks one requirement, and the
 * harness must fail it on that requirement (harness qualification).
 */
public enum Fault {
    /** PAY debits, counts and chains its record with no transaction around it. */
    NON_ATOMIC_DEBIT("non-atomic-debit", "ATOM-01",
            "PAY writes the counter, the debit and the record outside a transaction, so a tear in between debits without a record",
            next -> new MethodPatch(next, "processPay") {
                @Override
                protected MethodVisitor patch(MethodVisitor mv) {
                    return new MethodVisitor(Opcodes.ASM9, mv) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                            boolean transaction = owner.equals("javacard/framework/JCSystem")
                                    && (name.equals("beginTransaction") || name.equals("commitTransaction"));
                            if (!transaction) {
                                super.visitMethodInsn(opcode, owner, name, desc, itf);
                            }
                        }
                    };
                }
            });

    public final String id;
    public final String breaks;
    public final String description;
    final Function<ClassVisitor, ClassVisitor> patch;

    Fault(String id, String breaks, String description, Function<ClassVisitor, ClassVisitor> patch) {
        this.id = id;
        this.breaks = breaks;
        this.description = description;
        this.patch = patch;
    }

    /** Rewrites one method of the wallet applet class; other methods and classes pass unchanged. */
    abstract static class MethodPatch extends ClassVisitor {
        private final String method;
        private boolean applied;

        MethodPatch(ClassVisitor next, String method) {
            super(Opcodes.ASM9, next);
            this.method = method;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
            if (name.equals(method)) {
                applied = true;
                return patch(mv);
            }
            return mv;
        }

        @Override
        public void visitEnd() {
            if (!applied) {
                throw new IllegalStateException("the reference wallet has no method " + method + " to patch");
            }
            super.visitEnd();
        }

        protected abstract MethodVisitor patch(MethodVisitor mv);
    }
}
