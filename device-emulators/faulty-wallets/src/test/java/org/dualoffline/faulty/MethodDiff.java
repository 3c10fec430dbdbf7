package org.dualoffline.faulty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * What a patch did to the reference wallet's applet class, instruction by instruction: the
 * instructions of each method (labels, line numbers and frames left out) before and after, and,
 * for the one method a test looks at, the instructions removed and added (a shortest edit script).
 */
record MethodDiff(List<String> before, List<String> after, List<String> removed, List<String> added,
                  Map<String, List<String>> otherMethodsBefore, Map<String, List<String>> otherMethodsAfter) {

    static MethodDiff of(Patch patch, String method) {
        byte[] reference = referenceApplet();
        Map<String, List<String>> before = methods(reference);
        Map<String, List<String>> after = methods(FaultyWalletBuilder.patch(patch, reference));
        List<String> a = before.remove(method);
        List<String> b = after.remove(method);
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        editScript(a, b, removed, added);
        return new MethodDiff(a, b, removed, added, before, after);
    }

    /** Applies {@code patch} to the reference applet class (for a patch that must fail). */
    static void apply(Patch patch) {
        FaultyWalletBuilder.patch(patch, referenceApplet());
    }

    private static byte[] referenceApplet() {
        try {
            return FaultyWalletBuilder.referenceClass(FaultyWalletBuilder.APPLET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<String>> methods(byte[] classBytes) {
        ClassNode node = new ClassNode();
        new ClassReader(classBytes).accept(node, 0);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (MethodNode m : node.methods) {
            List<String> insns = new ArrayList<>();
            for (AbstractInsnNode insn : m.instructions) {
                if (insn.getOpcode() >= 0) {
                    insns.add(render(insn));
                }
            }
            out.put(m.name, insns);
        }
        return out;
    }

    /** "call Util.arrayCopy([BS[BSS)S", "put Persistent.offlineCount", "sipush 6924", "op 87"; enough to tell instructions apart. */
    static String render(AbstractInsnNode insn) {
        if (insn instanceof MethodInsnNode call) {
            return "call " + simple(call.owner) + "." + call.name + call.desc;
        }
        if (insn instanceof FieldInsnNode f) {
            return (f.getOpcode() == Opcodes.PUTFIELD || f.getOpcode() == Opcodes.PUTSTATIC ? "put " : "get ") + simple(f.owner) + "." + f.name;
        }
        if (insn instanceof IntInsnNode i && i.getOpcode() == Opcodes.SIPUSH) {
            return String.format("sipush %04X", i.operand & 0xFFFF);
        }
        if (insn instanceof IntInsnNode i) {
            return "op " + i.getOpcode() + " " + i.operand;
        }
        if (insn instanceof VarInsnNode v) {
            return "op " + v.getOpcode() + " var " + v.var;
        }
        return switch (insn.getOpcode()) {
            case Opcodes.NOP -> "nop";
            case Opcodes.POP -> "pop";
            case Opcodes.ICONST_0 -> "iconst_0";
            default -> "op " + insn.getOpcode();
        };
    }

    private static String simple(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    /** The instructions of {@code a} not kept in {@code b} and those of {@code b} not in {@code a}, over a longest common subsequence. */
    private static void editScript(List<String> a, List<String> b, List<String> removed, List<String> added) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                added.add(b.get(j++));
            } else {
                removed.add(a.get(i++));
            }
        }
    }
}
