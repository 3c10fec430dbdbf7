package org.dualoffline.faulty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Single-point bytecode mutants of the reference wallet, for the harness's own mutation score:
 * each changes one instruction (or one method's transaction) in one of the ways a vendor's
 * wallet goes wrong, and the certification must FAIL it. Every site of every operator in the
 * wallet's classes is enumerated in a fixed order; {@link #sample} draws a seeded subset.
 *
 * <p>Loops are left alone: an increment of a local variable (a loop counter) is not a site, so
 * no mutant loops forever.
 */
public final class Mutants {
    /** How a mutant differs from the reference. */
    public enum Operator {
        /** {@code ISOException.throwIt(sw)} with a constant status word removed: the check falls through. */
        REFUSAL_REMOVED,
        /** A comparison's boundary moved by one: {@code <} becomes {@code <=}, {@code >} becomes {@code >=}, and back. */
        COMPARISON_SHIFTED,
        /** {@code + 1} or {@code - 1} stored to a field or an array or passed on becomes {@code + 0}. */
        INCREMENT_REMOVED,
        /** A store into a persistent field, or a {@code Util} copy into a persistent array, does not happen. */
        PERSISTENT_WRITE_REMOVED,
        /** A method's {@code beginTransaction} and {@code commitTransaction} removed: it writes non-atomically. */
        TRANSACTION_REMOVED,
        /** One value GET STATUS writes into its response is changed (a byte's lowest bit flipped, a copy skipped). */
        STATUS_FIELD_MISREPORTED
    }

    /** One mutant: the {@code site}-th place of {@code operator} in method {@code method} (name and descriptor) of {@code className}. */
    public record Mutant(String id, Operator operator, String className, String method, String desc, int site, String description) {}

    static final String JCSYSTEM = "javacard/framework/JCSystem";
    static final String UTIL = "javacard/framework/Util";
    static final String ISO_EXCEPTION = "javacard/framework/ISOException";
    private static final String STATUS_METHOD = "processGetStatus";

    private Mutants() {}

    /** Every mutant of the reference wallet, in a fixed order (class, method, operator, site). */
    public static List<Mutant> all() throws IOException {
        List<Mutant> out = new ArrayList<>();
        for (String className : FaultyWalletBuilder.appletClasses()) {
            ClassNode node = new ClassNode();
            new ClassReader(FaultyWalletBuilder.referenceClass(className)).accept(node, 0);
            for (MethodNode m : node.methods) {
                for (Operator op : Operator.values()) {
                    int sites = sites(op, className, m).size();
                    for (int k = 0; k < sites; k++) {
                        String simple = className.substring(className.lastIndexOf('/') + 1);
                        String id = String.format("%s.%s-%s-%d", simple, m.name.replace("<", "").replace(">", ""),
                                op.name().toLowerCase().replace('_', '-'), k + 1);
                        out.add(new Mutant(id, op, className, m.name, m.desc, k, describe(op, simple, m.name, k)));
                    }
                }
            }
        }
        return out;
    }

    /** {@code count} mutants drawn from {@link #all} with {@code seed}, in the order they were drawn. */
    public static List<Mutant> sample(long seed, int count) throws IOException {
        List<Mutant> all = new ArrayList<>(all());
        Collections.shuffle(all, new Random(seed));
        return List.copyOf(all.subList(0, Math.min(count, all.size())));
    }

    /** Writes the mutant's jar: the reference wallet's classes with the one change. */
    public static void write(Mutant mutant, Path jar) throws IOException {
        FaultyWalletBuilder.writeJar(jar, (name, bytes) -> name.equals(mutant.className()) ? mutate(mutant, bytes) : bytes, name -> name,
                "MUTANT.txt", mutant.id() + "\n" + mutant.description() + "\n", java.util.List.of());
    }

    /** The class with the mutant's one change; throws when its site is not there. */
    static byte[] mutate(Mutant mutant, byte[] classBytes) {
        ClassReader reader = new ClassReader(classBytes);
        // a removed instruction can leave code no frame describes: the frames are computed again, from the
        // wallet's and the Java Card API's classes on this class path
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return Mutants.class.getClassLoader();
            }
        };
        boolean[] done = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, desc, signature, exceptions);
                if (!name.equals(mutant.method()) || !desc.equals(mutant.desc())) {
                    return next;
                }
                return new MethodNode(Opcodes.ASM9, access, name, desc, signature, exceptions) {
                    @Override
                    public void visitEnd() {
                        List<AbstractInsnNode> sites = sites(mutant.operator(), mutant.className(), this);
                        if (mutant.site() >= sites.size()) {
                            throw new IllegalStateException(mutant.id() + ": the reference wallet has no such site");
                        }
                        apply(mutant.operator(), this, sites.get(mutant.site()));
                        done[0] = true;
                        accept(next);
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
        if (!done[0]) {
            throw new IllegalStateException(mutant.id() + ": the reference wallet has no method " + mutant.method() + mutant.desc());
        }
        return writer.toByteArray();
    }

    /** The places {@code op} can change in {@code m}, in instruction order. */
    static List<AbstractInsnNode> sites(Operator op, String owner, MethodNode m) {
        List<AbstractInsnNode> out = new ArrayList<>();
        AbstractInsnNode[] insns = m.instructions.toArray();
        switch (op) {
            case REFUSAL_REMOVED -> {
                for (AbstractInsnNode insn : insns) {
                    if (isCall(insn, ISO_EXCEPTION, "throwIt") && insn.getPrevious() != null
                            && insn.getPrevious().getOpcode() == Opcodes.SIPUSH) {
                        out.add(insn);
                    }
                }
            }
            case COMPARISON_SHIFTED -> {
                for (AbstractInsnNode insn : insns) {
                    if (shifted(insn.getOpcode()) != 0) {
                        out.add(insn);
                    }
                }
            }
            case INCREMENT_REMOVED -> {
                for (AbstractInsnNode insn : insns) {
                    if (insn.getOpcode() == Opcodes.ICONST_1 && insn.getNext() != null
                            && (insn.getNext().getOpcode() == Opcodes.IADD || insn.getNext().getOpcode() == Opcodes.ISUB)
                            && !storedToLocal(insn.getNext())) {
                        out.add(insn);
                    }
                }
            }
            case PERSISTENT_WRITE_REMOVED -> {
                Frame<SourceValue>[] stacks = null;
                for (int i = 0; i < insns.length; i++) {
                    AbstractInsnNode insn = insns[i];
                    if (insn.getOpcode() == Opcodes.PUTFIELD && ((FieldInsnNode) insn).owner.equals(Patches.PERSISTENT)
                            && !((FieldInsnNode) insn).desc.equals("J") && !((FieldInsnNode) insn).desc.equals("D")) {
                        out.add(insn);
                    } else if (isCall(insn, UTIL, "arrayCopy") || isCall(insn, UTIL, "arrayCopyNonAtomic")) {
                        stacks = stacks == null ? stackSources(owner, m) : stacks;
                        Frame<SourceValue> before = stacks[i];
                        if (before != null && fromPersistentField(before.getStack(before.getStackSize() - 3))) {
                            out.add(insn);
                        }
                    }
                }
            }
            case TRANSACTION_REMOVED -> {
                for (AbstractInsnNode insn : insns) {
                    if (isCall(insn, JCSYSTEM, "beginTransaction")) {
                        out.add(insn); // one site per method: the whole transaction of the method goes
                        break;
                    }
                }
            }
            case STATUS_FIELD_MISREPORTED -> {
                if (!m.name.equals(STATUS_METHOD)) {
                    break;
                }
                for (AbstractInsnNode insn : insns) {
                    if (insn.getOpcode() == Opcodes.BASTORE || isCall(insn, UTIL, "setShort") || isCall(insn, UTIL, "arrayCopyNonAtomic")) {
                        out.add(insn);
                    }
                }
            }
            default -> throw new IllegalArgumentException(op.name());
        }
        return out;
    }

    private static void apply(Operator op, MethodNode m, AbstractInsnNode site) {
        InsnList list = m.instructions;
        switch (op) {
            case REFUSAL_REMOVED -> {
                list.remove(site.getPrevious());
                list.remove(site);
            }
            case COMPARISON_SHIFTED -> ((JumpInsnNode) site).setOpcode(shifted(site.getOpcode()));
            case INCREMENT_REMOVED -> list.set(site, new InsnNode(Opcodes.ICONST_0));
            case PERSISTENT_WRITE_REMOVED -> {
                if (site.getOpcode() == Opcodes.PUTFIELD) {
                    InsnList drop = new InsnList();
                    drop.add(new InsnNode(Opcodes.POP));
                    drop.add(new InsnNode(Opcodes.POP));
                    list.insertBefore(site, drop);
                    list.remove(site);
                } else {
                    MethodInsnNode copy = (MethodInsnNode) site;
                    copy.name = "arrayCompare";
                    copy.desc = "([BS[BSS)B";
                }
            }
            case TRANSACTION_REMOVED -> {
                for (AbstractInsnNode insn : list.toArray()) {
                    if (isCall(insn, JCSYSTEM, "beginTransaction") || isCall(insn, JCSYSTEM, "commitTransaction")) {
                        list.remove(insn);
                    }
                }
            }
            case STATUS_FIELD_MISREPORTED -> {
                InsnList flip = new InsnList();
                if (site.getOpcode() == Opcodes.BASTORE) {
                    flip.add(new InsnNode(Opcodes.ICONST_1));
                    flip.add(new InsnNode(Opcodes.IXOR));
                    flip.add(new InsnNode(Opcodes.I2B));
                    list.insertBefore(site, flip);
                } else if (isCall(site, UTIL, "setShort")) {
                    flip.add(new InsnNode(Opcodes.ICONST_1));
                    flip.add(new InsnNode(Opcodes.IXOR));
                    flip.add(new InsnNode(Opcodes.I2S));
                    list.insertBefore(site, flip);
                } else {
                    MethodInsnNode copy = (MethodInsnNode) site; // the field is not copied: the buffer keeps what it had
                    copy.name = "arrayCompare";
                    copy.desc = "([BS[BSS)B";
                }
            }
            default -> throw new IllegalArgumentException(op.name());
        }
    }

    private static String describe(Operator op, String simpleClass, String method, int site) {
        String where = simpleClass + "." + method + ", site " + (site + 1);
        return switch (op) {
            case REFUSAL_REMOVED -> "a refusal removed (" + where + ")";
            case COMPARISON_SHIFTED -> "a comparison's boundary moved by one (" + where + ")";
            case INCREMENT_REMOVED -> "an increment or decrement by one removed (" + where + ")";
            case PERSISTENT_WRITE_REMOVED -> "a persistent write removed (" + where + ")";
            case TRANSACTION_REMOVED -> "the method's transaction removed (" + where + ")";
            case STATUS_FIELD_MISREPORTED -> "a GET STATUS field misreported (" + where + ")";
        };
    }

    private static int shifted(int opcode) {
        return switch (opcode) {
            case Opcodes.IF_ICMPLT -> Opcodes.IF_ICMPLE;
            case Opcodes.IF_ICMPLE -> Opcodes.IF_ICMPLT;
            case Opcodes.IF_ICMPGT -> Opcodes.IF_ICMPGE;
            case Opcodes.IF_ICMPGE -> Opcodes.IF_ICMPGT;
            case Opcodes.IFLT -> Opcodes.IFLE;
            case Opcodes.IFLE -> Opcodes.IFLT;
            case Opcodes.IFGT -> Opcodes.IFGE;
            case Opcodes.IFGE -> Opcodes.IFGT;
            default -> 0;
        };
    }

    /** True when the sum is stored back into a local variable (a loop counter, most often): not a site. */
    private static boolean storedToLocal(AbstractInsnNode add) {
        AbstractInsnNode next = add.getNext();
        while (next != null && (next.getOpcode() == Opcodes.I2S || next.getOpcode() == Opcodes.I2B)) {
            next = next.getNext();
        }
        return next != null && next.getOpcode() == Opcodes.ISTORE;
    }

    private static boolean fromPersistentField(SourceValue value) {
        return !value.insns.isEmpty() && value.insns.stream().allMatch(p -> p.getOpcode() == Opcodes.GETFIELD
                && ((FieldInsnNode) p).owner.equals(Patches.PERSISTENT));
    }

    @SuppressWarnings("unchecked")
    private static Frame<SourceValue>[] stackSources(String owner, MethodNode m) {
        try {
            return new Analyzer<>(new SourceInterpreter()).analyze(owner, m);
        } catch (AnalyzerException e) {
            throw new IllegalStateException("cannot follow the operand stack of " + m.name + ": " + e.getMessage(), e);
        }
    }

    private static boolean isCall(AbstractInsnNode insn, String owner, String name) {
        return insn instanceof MethodInsnNode call && call.owner.equals(owner) && call.name.equals(name);
    }

    /** Writes {@code count} mutants drawn with {@code seed} into {@code dir}, one jar each; returns them. */
    public static List<Mutant> writeSample(long seed, int count, Path dir) throws IOException {
        List<Mutant> sample = sample(seed, count);
        for (Mutant m : sample) {
            write(m, dir.resolve(m.id() + ".jar"));
        }
        return sample;
    }

    /** Writes the mutants named by {@code ids} (as {@link #all} names them) into {@code dir}; an unknown id is an error. */
    public static List<Mutant> writeNamed(List<String> ids, Path dir) throws IOException {
        List<Mutant> all = all();
        List<Mutant> named = new ArrayList<>();
        for (String id : ids) {
            Mutant m = all.stream().filter(x -> x.id().equals(id.strip())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no mutant " + id + " in the reference wallet"));
            write(m, dir.resolve(m.id() + ".jar"));
            named.add(m);
        }
        return named;
    }
}
