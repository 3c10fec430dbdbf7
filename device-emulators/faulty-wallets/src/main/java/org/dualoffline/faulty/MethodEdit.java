package org.dualoffline.faulty;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * One method of the applet read whole, changed by an {@link Edit}, then written on. An edit that
 * finds nothing to change is a build error: a faulty wallet whose fault did not land would be the
 * reference wallet under another name, and would pass qualification's own check for the wrong reason.
 */
final class MethodEdit extends MethodNode {
    /** Changes the instructions of a method; returns how many places it changed. */
    @FunctionalInterface
    interface Edit {
        int apply(MethodEdit method);
    }

    private final MethodVisitor next;
    private final String owner;
    private final String nothingToEdit;
    private final Edit edit;

    MethodEdit(MethodVisitor next, String owner, int access, String name, String desc, String signature, String[] exceptions,
               String nothingToEdit, Edit edit) {
        super(Opcodes.ASM9, access, name, desc, signature, exceptions);
        this.next = next;
        this.owner = owner;
        this.nothingToEdit = nothingToEdit;
        this.edit = edit;
    }

    /**
     * For each instruction (same index as in {@link #instructions}), the operand stack before it,
     * each value naming the instructions that may have pushed it.
     */
    Frame<SourceValue>[] stackSources() {
        try {
            return new Analyzer<>(new SourceInterpreter()).analyze(owner, this);
        } catch (AnalyzerException e) {
            throw new IllegalStateException("cannot follow the operand stack of " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void visitEnd() {
        if (edit.apply(this) == 0) {
            throw new IllegalStateException(nothingToEdit);
        }
        accept(next);
    }
}
