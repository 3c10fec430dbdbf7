package org.dualoffline.faulty;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites one method of the wallet applet class with a {@link MethodEdit}; other methods and
 * classes pass unchanged. A method the reference wallet does not have is a build error.
 */
final class MethodPatch extends ClassVisitor {
    private final String method;
    private final String nothingToEdit;
    private final MethodEdit.Edit edit;
    private String owner;
    private boolean applied;

    MethodPatch(ClassVisitor next, String method, String nothingToEdit, MethodEdit.Edit edit) {
        super(Opcodes.ASM9, next);
        this.method = method;
        this.nothingToEdit = nothingToEdit;
        this.edit = edit;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        owner = name;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
        if (!name.equals(method)) {
            return mv;
        }
        applied = true;
        return new MethodEdit(mv, owner, access, name, desc, signature, exceptions, nothingToEdit, edit);
    }

    @Override
    public void visitEnd() {
        if (!applied) {
            throw new IllegalStateException("the reference wallet has no method " + method + " to patch");
        }
        super.visitEnd();
    }
}
