package org.dualoffline.faulty;

import java.util.Set;
import java.util.function.Predicate;
import org.dualoffline.protocol.Sw;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * The bytecode patches the {@link Fault}s are made of. Each names what it changes (a status word,
 * a call, the persistent field a write goes to), never a position in the method, so a fault
 * follows the reference wallet's code when it moves; a patch that finds nothing to change fails
 * the build.
 */
final class Patches {
    /** The class that holds everything the reference wallet keeps in EEPROM. */
    static final String PERSISTENT = "org/dualoffline/applet/Persistent";

    /** The platform's PIN, whose {@code reset()} ends a verification. */
    static final String OWNER_PIN = "javacard/framework/OwnerPIN";
    /** {@code parts.ComparingPin}, a PIN of the faulty wallets' own (read as class bytes, never loaded here). */
    static final String COMPARING_PIN = "org/dualoffline/faulty/parts/ComparingPin";
    /** The platform's random generator. */
    static final String RANDOM_DATA = "javacard/security/RandomData";

    private static final String JCSYSTEM = "javacard/framework/JCSystem";
    private static final String UTIL = "javacard/framework/Util";
    private static final String ISO_EXCEPTION = "javacard/framework/ISOException";
    private static final String ARRAY_COMPARE_DESC = "([BS[BSS)B";
    /** Util.arrayCopy(src, srcOff, dest, destOff, length): the destination is the third of five arguments. */
    private static final int ARRAY_COPY_DEST_FROM_TOP = 3;
    /** ... and the source the first. */
    private static final int ARRAY_COPY_SOURCE_FROM_TOP = 5;

    private Patches() {}

    /**
     * Removes every refusal with status word {@code sw} from {@code method}: each
     * {@code ISOException.throwIt(sw)} disappears and the check falls through. Where the refusal
     * was all the code between two stack map frames (the throw of an {@code if (a || b)}, which
     * the first condition jumps to and the last jumps over), a {@code nop} takes its place, so
     * that the two frames stay at two offsets, as the class file requires.
     */
    static Patch ignoreRefusal(String method, int sw) {
        return inMethod(method, method + " has no refusal with " + Sw.describe(sw) + " to remove", m -> {
            int removed = 0;
            for (AbstractInsnNode insn : m.instructions.toArray()) {
                if (isCall(insn, ISO_EXCEPTION, "throwIt") && insn.getPrevious() instanceof IntInsnNode push
                        && push.getOpcode() == Opcodes.SIPUSH && (short) push.operand == (short) sw) {
                    AbstractInsnNode before = push.getPrevious();
                    m.instructions.remove(push);
                    m.instructions.remove(insn);
                    if (frameAt(before, false) && frameAt(before == null ? m.instructions.getFirst() : before.getNext(), true)) {
                        if (before == null) {
                            m.instructions.insert(new InsnNode(Opcodes.NOP));
                        } else {
                            m.instructions.insert(before, new InsnNode(Opcodes.NOP));
                        }
                    }
                    removed++;
                }
            }
            return removed;
        });
    }

    /**
     * Whether a stack map frame is the first node from {@code from} (forward, or backward) that is
     * not a label or a line number, i.e. whether a frame and {@code from} share an offset.
     */
    private static boolean frameAt(AbstractInsnNode from, boolean forward) {
        for (AbstractInsnNode n = from; n != null; n = forward ? n.getNext() : n.getPrevious()) {
            if (n.getType() == AbstractInsnNode.FRAME) {
                return true;
            }
            if (n.getType() != AbstractInsnNode.LABEL && n.getType() != AbstractInsnNode.LINE) {
                return false;
            }
        }
        return false;
    }

    /** Removes the {@code JCSystem.beginTransaction} and {@code commitTransaction} calls of {@code method}: it writes non-atomically. */
    static Patch withoutTransaction(String method) {
        return inMethod(method, method + " has no transaction to remove", m -> removeAll(m.instructions,
                insn -> isCall(insn, JCSYSTEM, "beginTransaction") || isCall(insn, JCSYSTEM, "commitTransaction")));
    }

    /** Every store into the persistent field {@code field} in {@code method} stores zero instead of the value computed. */
    static Patch storeZero(String method, String field) {
        return inMethod(method, method + " does not store " + field, m -> {
            int edited = 0;
            for (AbstractInsnNode insn : m.instructions.toArray()) {
                if (insn.getOpcode() == Opcodes.PUTFIELD && isField((FieldInsnNode) insn, field)) {
                    m.instructions.insertBefore(insn, zeroInstead());
                    edited++;
                }
            }
            return edited;
        });
    }

    /** The reference wallet's unsigned 32-bit arithmetic. */
    static final String ARITH = "org/dualoffline/applet/Arith";

    /**
     * In {@code method}, the carry out of every {@code Arith.add} is dropped (taken as 0): a sum
     * beyond 32 bits wraps around instead of failing its check, as a wallet that adds amounts in
     * a plain 32-bit register would.
     */
    static Patch carryIgnored(String method) {
        return inMethod(method, method + " adds nothing with Arith.add", m -> {
            int edited = 0;
            for (AbstractInsnNode insn : m.instructions.toArray()) {
                if (isCall(insn, ARITH, "add")) {
                    m.instructions.insert(insn, zeroInstead());
                    edited++;
                }
            }
            return edited;
        });
    }

    /**
     * In {@code method}, objects of class {@code owner} are created as {@code replacement} (a
     * subclass with the same constructor) instead.
     */
    static Patch newInstead(String method, String owner, String replacement) {
        return inMethod(method, method + " creates no " + owner, m -> {
            int changed = 0;
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof org.objectweb.asm.tree.TypeInsnNode t && t.getOpcode() == Opcodes.NEW && t.desc.equals(owner)) {
                    t.desc = replacement;
                    changed++;
                } else if (insn instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESPECIAL && call.owner.equals(owner)
                        && call.name.equals("<init>")) {
                    call.owner = replacement;
                }
            }
            return changed;
        });
    }

    /** In {@code method}, calls of {@code owner.from} become calls of {@code owner.to} (same descriptor). */
    static Patch renameCall(String method, String owner, String from, String to) {
        return inMethod(method, method + " does not call " + owner + "." + from, m -> {
            int renamed = 0;
            for (AbstractInsnNode insn : m.instructions) {
                if (isCall(insn, owner, from)) {
                    ((MethodInsnNode) insn).name = to;
                    renamed++;
                }
            }
            return renamed;
        });
    }

    /**
     * Removes every call of {@code owner.name} (a method that returns nothing) from {@code method}:
     * its receiver and arguments are popped off the operand stack instead, so the method goes on as
     * if the call had never been written.
     */
    static Patch removeCall(String method, String owner, String name) {
        return inMethod(method, method + " does not call " + owner + "." + name, m -> {
            int removed = 0;
            for (AbstractInsnNode insn : m.instructions.toArray()) {
                if (isCall(insn, owner, name)) {
                    MethodInsnNode call = (MethodInsnNode) insn;
                    if (Type.getReturnType(call.desc) != Type.VOID_TYPE) {
                        throw new IllegalStateException(owner + "." + name + call.desc + " returns a value: removing the call leaves no value");
                    }
                    InsnList pops = new InsnList();
                    Type[] arguments = Type.getArgumentTypes(call.desc);
                    for (int i = arguments.length - 1; i >= 0; i--) {
                        pops.add(new InsnNode(arguments[i].getSize() == 2 ? Opcodes.POP2 : Opcodes.POP));
                    }
                    if (call.getOpcode() != Opcodes.INVOKESTATIC) {
                        pops.add(new InsnNode(Opcodes.POP));
                    }
                    m.instructions.insertBefore(call, pops);
                    m.instructions.remove(call);
                    removed++;
                }
            }
            return removed;
        });
    }

    /**
     * In {@code method}, every {@code RandomData.generateData(buffer, offset, length)} becomes
     * {@code buffer[offset + length - 1]++}: the bytes keep what they held, and the last goes up by
     * one, so the "random" bytes count (from zero, in RAM cleared at each selection).
     */
    static Patch countInsteadOfDrawing(String method) {
        return inMethod(method, method + " does not call " + RANDOM_DATA + ".generateData", m -> {
            int replaced = 0;
            for (AbstractInsnNode insn : m.instructions.toArray()) {
                if (isCall(insn, RANDOM_DATA, "generateData")) {
                    InsnList count = new InsnList(); // random, buffer, offset, length
                    count.add(new InsnNode(Opcodes.IADD));
                    count.add(new InsnNode(Opcodes.ICONST_1));
                    count.add(new InsnNode(Opcodes.ISUB)); // random, buffer, last
                    count.add(new InsnNode(Opcodes.DUP2));
                    count.add(new InsnNode(Opcodes.BALOAD));
                    count.add(new InsnNode(Opcodes.ICONST_1));
                    count.add(new InsnNode(Opcodes.IADD));
                    count.add(new InsnNode(Opcodes.I2B)); // random, buffer, last, value + 1
                    count.add(new InsnNode(Opcodes.BASTORE));
                    count.add(new InsnNode(Opcodes.POP)); // the generator
                    m.instructions.insertBefore(insn, count);
                    m.instructions.remove(insn);
                    replaced++;
                }
            }
            return replaced;
        });
    }

    /**
     * In {@code method}, every {@code Util.arrayCopy} into the persistent field {@code field} (the
     * copy whose destination array is read from that field, found by following the operand stack)
     * becomes a {@code Util.arrayCompare} of the same bytes: same arguments, nothing written (the
     * result is discarded either way). Every other copy of the method still writes.
     */
    static Patch skipCopyInto(String method, String field) {
        return skipCopy(method, field, "arrayCopy", ARRAY_COPY_DEST_FROM_TOP, " has no Util.arrayCopy into ");
    }

    /**
     * In {@code method}, the status word a wrong PIN is refused with ({@code 63C0 | tries left},
     * computed, then thrown) becomes {@code 6983} where no try is left: the answer for the guess
     * that uses up the last try that the spec also allows. Branch-free, so no stack map changes:
     * {@code sw + ((((sw & 0xF) - 1) >>> 31) * (0x6983 - 0x63C0))}.
     */
    static Patch blockedWhenNoTryLeft(String method) {
        return inMethod(method, method + " throws no computed status word", m -> {
            int edited = 0;
            for (AbstractInsnNode insn : m.instructions.toArray()) {
                if (isCall(insn, ISO_EXCEPTION, "throwIt") && insn.getPrevious() != null && insn.getPrevious().getOpcode() == Opcodes.I2S) {
                    InsnList adjust = new InsnList();
                    adjust.add(new InsnNode(Opcodes.DUP));
                    adjust.add(new IntInsnNode(Opcodes.BIPUSH, 0x0F));
                    adjust.add(new InsnNode(Opcodes.IAND));
                    adjust.add(new InsnNode(Opcodes.ICONST_1));
                    adjust.add(new InsnNode(Opcodes.ISUB));
                    adjust.add(new IntInsnNode(Opcodes.BIPUSH, 31));
                    adjust.add(new InsnNode(Opcodes.IUSHR));
                    adjust.add(new IntInsnNode(Opcodes.SIPUSH, Sw.PIN_BLOCKED - Sw.pinWrong(0)));
                    adjust.add(new InsnNode(Opcodes.IMUL));
                    adjust.add(new InsnNode(Opcodes.IADD));
                    m.instructions.insertBefore(insn.getPrevious(), adjust);
                    edited++;
                }
            }
            return edited;
        });
    }

    /** In {@code method}, the try limit given to {@code new OwnerPIN(tryLimit, maxPinSize)} becomes {@code tries}. */
    static Patch pinTryLimit(String method, int tries) {
        return inMethod(method, method + " creates no OwnerPIN", m -> {
            int edited = 0;
            for (AbstractInsnNode insn : m.instructions.toArray()) {
                if (insn instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESPECIAL
                        && call.owner.equals("javacard/framework/OwnerPIN") && call.name.equals("<init>")) {
                    AbstractInsnNode limit = insn.getPrevious().getPrevious();
                    m.instructions.set(limit, new IntInsnNode(Opcodes.BIPUSH, tries));
                    edited++;
                }
            }
            return edited;
        });
    }

    /**
     * In {@code method}, every {@code Util.arrayCopyNonAtomic} out of the persistent field {@code field} (the copy whose source array is read from that field)
     * becomes a {@code Util.arrayCompare} of the same bytes: nothing is copied, the destination
     * keeps what it held (for GET STATUS: zeros, so the field is reported as zero).
     */
    static Patch skipCopyFrom(String method, String field) {
        return skipCopy(method, field, "arrayCopyNonAtomic", ARRAY_COPY_SOURCE_FROM_TOP, " has no Util.arrayCopyNonAtomic out of ");
    }

    /**
     * Every {@code Util.<copy>} of {@code method} whose array argument {@code fromTop} places below
     * the top of the operand stack is read from the persistent field {@code field} becomes a
     * {@code Util.arrayCompare} of the same arguments: nothing is written.
     */
    private static Patch skipCopy(String method, String field, String copyMethod, int fromTop, String nothing) {
        return inMethod(method, method + nothing + field, m -> {
            Frame<SourceValue>[] stacks = m.stackSources();
            int skipped = 0;
            for (int i = 0; i < m.instructions.size(); i++) {
                AbstractInsnNode insn = m.instructions.get(i);
                if (isCall(insn, UTIL, copyMethod) && stacks[i] != null
                        && readsOnlyField(stacks[i].getStack(stacks[i].getStackSize() - fromTop), field)) {
                    MethodInsnNode copy = (MethodInsnNode) insn;
                    copy.name = "arrayCompare";
                    copy.desc = ARRAY_COMPARE_DESC;
                    skipped++;
                }
            }
            return skipped;
        });
    }

    /**
     * In {@code method}, every {@code Util.arrayCopy} into the persistent field {@code field} of a
     * constant number of bytes becomes that many single byte stores, one after the other: the
     * same bytes written, inside the same transaction (each store is journaled, so the copy is as
     * atomic as before), as a vendor may write a small field - but one persistent write per byte
     * instead of one for the copy. The copy's result (destination offset + length) is pushed as
     * {@code arrayCopy} would.
     */
    static Patch copyEachByte(String method, String field) {
        return inMethod(method, method + " has no Util.arrayCopy of a constant length into " + field, m -> {
            Frame<SourceValue>[] stacks = m.stackSources();
            int edited = 0;
            AbstractInsnNode[] insns = m.instructions.toArray();
            for (int i = 0; i < insns.length; i++) {
                AbstractInsnNode insn = insns[i];
                Integer length = constant(insn.getPrevious());
                if (!isCall(insn, UTIL, "arrayCopy") || stacks[i] == null || length == null
                        || !readsOnlyField(stacks[i].getStack(stacks[i].getStackSize() - ARRAY_COPY_DEST_FROM_TOP), field)) {
                    continue;
                }
                int src = m.maxLocals;
                int srcOff = src + 1;
                int dest = src + 2;
                int destOff = src + 3;
                int len = src + 4;
                m.maxLocals += 5;
                InsnList stores = new InsnList();
                stores.add(new org.objectweb.asm.tree.VarInsnNode(Opcodes.ISTORE, len));
                stores.add(new org.objectweb.asm.tree.VarInsnNode(Opcodes.ISTORE, destOff));
                stores.add(new org.objectweb.asm.tree.VarInsnNode(Opcodes.ASTORE, dest));
                stores.add(new org.objectweb.asm.tree.VarInsnNode(Opcodes.ISTORE, srcOff));
                stores.add(new org.objectweb.asm.tree.VarInsnNode(Opcodes.ASTORE, src));
                for (int b = 0; b < length; b++) {
                    stores.add(new org.objectweb.asm.tree.VarInsnNode(Opcodes.ALOAD, dest));
                    stores.add(new org.objectweb.asm.tree.VarInsnNode(Opcodes.ILOAD, destOff));
                    stores.add(new IntInsnNode(Opcodes.BIPUSH, b));
                    stores.add(new InsnNode(Opcodes.IADD));
                    stores.add(new org.objectweb.asm.tree.VarInsnNode(Opcodes.ALOAD, src));
                    stores.add(new org.objectweb.asm.tree.VarInsnNode(Opcodes.ILOAD, srcOff));
                    stores.add(new IntInsnNode(Opcodes.BIPUSH, b));
                    stores.add(new InsnNode(Opcodes.IADD));
                    stores.add(new InsnNode(Opcodes.BALOAD));
                    stores.add(new InsnNode(Opcodes.BASTORE));
                }
                stores.add(new org.objectweb.asm.tree.VarInsnNode(Opcodes.ILOAD, destOff));
                stores.add(new org.objectweb.asm.tree.VarInsnNode(Opcodes.ILOAD, len));
                stores.add(new InsnNode(Opcodes.IADD));
                stores.add(new InsnNode(Opcodes.I2S));
                m.instructions.insert(insn, stores);
                m.instructions.remove(insn);
                edited++;
            }
            return edited;
        });
    }

    /** The int a constant push leaves on the stack, or null when {@code insn} is no constant push. */
    private static Integer constant(AbstractInsnNode insn) {
        if (insn == null) {
            return null;
        }
        int op = insn.getOpcode();
        if (op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) {
            return op - Opcodes.ICONST_0;
        }
        if (op == Opcodes.BIPUSH || op == Opcodes.SIPUSH) {
            return ((IntInsnNode) insn).operand;
        }
        return null;
    }

    /** Drops the int on top of the operand stack and pushes 0 in its place. */
    private static InsnList zeroInstead() {
        InsnList zero = new InsnList();
        zero.add(new InsnNode(Opcodes.POP));
        zero.add(new InsnNode(Opcodes.ICONST_0));
        return zero;
    }

    private static Patch inMethod(String method, String nothingToEdit, MethodEdit.Edit edit) {
        return next -> new MethodPatch(next, method, nothingToEdit, edit);
    }

    private static int removeAll(InsnList instructions, Predicate<AbstractInsnNode> which) {
        int removed = 0;
        for (AbstractInsnNode insn : instructions.toArray()) {
            if (which.test(insn)) {
                instructions.remove(insn);
                removed++;
            }
        }
        return removed;
    }

    private static boolean isCall(AbstractInsnNode insn, String owner, String name) {
        return insn instanceof MethodInsnNode call && call.owner.equals(owner) && call.name.equals(name);
    }

    private static boolean isField(FieldInsnNode insn, String field) {
        return insn.owner.equals(PERSISTENT) && insn.name.equals(field);
    }

    private static SourceValue destinationOfCopy(Frame<SourceValue> before) {
        return before.getStack(before.getStackSize() - ARRAY_COPY_DEST_FROM_TOP);
    }

    /** True if every instruction that may have pushed {@code value} reads the persistent field {@code field}. */
    private static boolean readsOnlyField(SourceValue value, String field) {
        Set<AbstractInsnNode> producers = value.insns;
        return !producers.isEmpty() && producers.stream()
                .allMatch(p -> p.getOpcode() == Opcodes.GETFIELD && isField((FieldInsnNode) p, field));
    }
}
