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
            next -> withoutTransaction(next, "processPay")),
    /** UNLOAD debits, counts and chains its redeem record with no transaction around it. */
    NON_ATOMIC_UNLOAD("non-atomic-unload", "FUND-02",
            "UNLOAD writes the counter, the debit and the redeem record outside a transaction, so a tear in between debits "
                    + "without a redeem record: the value is neither on the card nor ever credited to the bank account",
            next -> withoutTransaction(next, "processUnload")),
    BLOCKLIST_IGNORED("blocklist-ignored", "DS-03",
            "the wallet pays and is paid by wallets on its blocklist: the blocklist arrives in acknowledgements but is never checked",
            next -> ignoreRefusal(ignoreRefusal(next, "processPay", 0x6924), "processBeginReceive", 0x6924)),
    LIMIT_SINGLE_IGNORED("limit-single-ignored", "LIMIT-01", "PAY never refuses an amount over the single-payment limit",
            next -> ignoreRefusal(next, "processPay", 0x6911)),
    LIMIT_COUNT_IGNORED("limit-count-ignored", "LIMIT-02", "PAY never refuses when the offline payment count is used up",
            next -> ignoreRefusal(next, "processPay", 0x6913)),
    LIMIT_CUMULATIVE_IGNORED("limit-cumulative-ignored", "LIMIT-03", "PAY never refuses over the offline cumulative limit",
            next -> ignoreRefusal(next, "processPay", 0x6912)),
    HOLDING_CAP_IGNORED("holding-cap-ignored", "LIMIT-04", "the payee never refuses value beyond its holding cap",
            next -> ignoreRefusal(next, "requireWithinHoldingCap", 0x6914)),
    STORAGE_FULL_IGNORED("storage-full-ignored", "STOR-01",
            "a full log does not stop a payment: the debit happens and the new record overwrites the oldest unacknowledged one",
            next -> ignoreRefusal(next, "requireLogSpace", 0x6A84)),
    FORGED_CERTIFICATE_ACCEPTED("forged-certificate-accepted", "SEC-01",
            "a peer certificate not signed by the issuer is accepted", next -> ignoreRefusal(next, "requireCertificate", 0x6920)),
    CHALLENGE_NOT_CHECKED("challenge-not-checked", "SEC-02",
            "RECEIVE does not check that the record answers its own challenge, so a replayed record is credited again",
            next -> ignoreRefusal(next, "processReceive", 0x6922)),
    PIN_NOT_REQUIRED("pin-not-required", "SEC-03", "payments above the PIN-free threshold go through without the PIN",
            next -> ignoreRefusal(next, "processPay", 0x6982)),
    LOAD_TOKEN_REPLAYED("load-token-replayed", "ATOM-02", "LOAD accepts a load token whose sequence was already used",
            next -> ignoreRefusal(next, "processLoad", 0x6925)),
    COUNTER_NOT_INCREMENTED("counter-not-incremented", "DS-01",
            "PAY signs its record with the next counter but never stores it, so the next record reuses the counter",
            next -> skipCopy(next, "processPay", 1)),
    CHAIN_NOT_UPDATED("chain-not-updated", "DS-01",
            "PAY never stores the hash of its record, so the next record points at the wrong predecessor: a broken hash chain",
            next -> skipCopy(next, "processPay", 4)),
    OFFLINE_COUNT_RESET_BY_ANY_ACK("offline-count-reset-by-any-ack", "LIMIT-06",
            "any acknowledgement, even one the phone presents again, resets the offline payment count to zero instead of counting "
                    + "the payments it does not cover: replaying the last sync's acknowledgement gives a new allowance",
            next -> storeZero(next, "processApplySyncAck", "offlineCount")),
    PIN_TRIES_RESET_BY_POWER_LOSS("pin-tries-reset-by-power-loss", "SEC-05",
            "selecting the wallet, as every reader does after the power comes back, gives back every PIN try: a thief who cuts "
                    + "the power between guesses never runs out of tries",
            next -> renameCall(next, "select", "javacard/framework/OwnerPIN", "reset", "resetAndUnblock")),
    SIGNATURE_NOT_VERIFIED("signature-not-verified", "SEC-04",
            "RECEIVE credits a payment record whose signature does not verify",
            next -> ignoreRefusal(next, "processReceive", 0x6921));

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

    /** Removes the {@code JCSystem.beginTransaction} and {@code commitTransaction} calls of {@code method}: it writes non-atomically. */
    static ClassVisitor withoutTransaction(ClassVisitor next, String method) {
        return new MethodPatch(next, method) {
            @Override
            protected MethodVisitor patch(MethodVisitor mv) {
                return new RequiredEdit(mv, method + " has no transaction to remove") {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                        if (owner.equals("javacard/framework/JCSystem")
                                && (name.equals("beginTransaction") || name.equals("commitTransaction"))) {
                            edited();
                        } else {
                            super.visitMethodInsn(opcode, owner, name, desc, itf);
                        }
                    }
                };
            }
        };
    }

    /** Every store into the field {@code field} in {@code method} stores zero instead of the value computed. */
    static ClassVisitor storeZero(ClassVisitor next, String method, String field) {
        return new MethodPatch(next, method) {
            @Override
            protected MethodVisitor patch(MethodVisitor mv) {
                return new RequiredEdit(mv, method + " does not store " + field) {
                    @Override
                    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
                        if (opcode == Opcodes.PUTFIELD && name.equals(field)) {
                            edited();
                            super.visitInsn(Opcodes.POP);
                            super.visitInsn(Opcodes.ICONST_0);
                        }
                        super.visitFieldInsn(opcode, owner, name, desc);
                    }
                };
            }
        };
    }

    /** In {@code method}, calls of {@code owner.from} become calls of {@code owner.to} (same descriptor). */
    static ClassVisitor renameCall(ClassVisitor next, String method, String owner, String from, String to) {
        return new MethodPatch(next, method) {
            @Override
            protected MethodVisitor patch(MethodVisitor mv) {
                return new RequiredEdit(mv, method + " does not call " + owner + "." + from) {
                    @Override
                    public void visitMethodInsn(int opcode, String o, String name, String desc, boolean itf) {
                        if (o.equals(owner) && name.equals(from)) {
                            edited();
                            super.visitMethodInsn(opcode, o, to, desc, itf);
                        } else {
                            super.visitMethodInsn(opcode, o, name, desc, itf);
                        }
                    }
                };
            }
        };
    }

    /** A method rewrite that must change something: a fault whose patch found nothing to change is a build error. */
    abstract static class RequiredEdit extends MethodVisitor {
        private final String nothingToEdit;
        private int edits;

        RequiredEdit(MethodVisitor mv, String nothingToEdit) {
            super(Opcodes.ASM9, mv);
            this.nothingToEdit = nothingToEdit;
        }

        protected void edited() {
            edits++;
        }

        @Override
        public void visitEnd() {
            if (edits == 0) {
                throw new IllegalStateException(nothingToEdit);
            }
            super.visitEnd();
        }
    }

    /**
     * Removes every refusal with status word {@code sw} from {@code method}: the
     * {@code ISOException.throwIt(sw)} call disappears and the check falls through.
     */
    static ClassVisitor ignoreRefusal(ClassVisitor next, String method, int sw) {
        return new MethodPatch(next, method) {
            @Override
            protected MethodVisitor patch(MethodVisitor mv) {
                return new RefusalRemover(mv, (short) sw);
            }
        };
    }

    /**
     * Turns the {@code nth} {@code Util.arrayCopy} of {@code method} into a comparison of the same
     * bytes: same arguments, nothing written (its result is discarded either way).
     */
    static ClassVisitor skipCopy(ClassVisitor next, String method, int nth) {
        return new MethodPatch(next, method) {
            @Override
            protected MethodVisitor patch(MethodVisitor mv) {
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    private int seen;

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                        if (opcode == Opcodes.INVOKESTATIC && owner.equals("javacard/framework/Util") && name.equals("arrayCopy") && ++seen == nth) {
                            super.visitMethodInsn(opcode, owner, "arrayCompare", "([BS[BSS)B", itf);
                            return;
                        }
                        super.visitMethodInsn(opcode, owner, name, desc, itf);
                    }

                    @Override
                    public void visitEnd() {
                        if (seen < nth) {
                            throw new IllegalStateException(method + " has only " + seen + " Util.arrayCopy calls, not " + nth);
                        }
                        super.visitEnd();
                    }
                };
            }
        };
    }

    /** Drops {@code sipush sw; invokestatic ISOException.throwIt} pairs; fails if none was found. */
    static final class RefusalRemover extends MethodVisitor {
        private final short sw;
        private boolean held;
        private int removed;

        RefusalRemover(MethodVisitor mv, short sw) {
            super(Opcodes.ASM9, mv);
            this.sw = sw;
        }

        private void flush() {
            if (held) {
                held = false;
                super.visitIntInsn(Opcodes.SIPUSH, sw);
            }
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            flush();
            if (opcode == Opcodes.SIPUSH && (short) operand == sw) {
                held = true;
                return;
            }
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            if (held && opcode == Opcodes.INVOKESTATIC && owner.equals("javacard/framework/ISOException") && name.equals("throwIt")) {
                held = false;
                removed++;
                return;
            }
            flush();
            super.visitMethodInsn(opcode, owner, name, desc, itf);
        }

        @Override
        public void visitInsn(int opcode) {
            flush();
            super.visitInsn(opcode);
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            flush();
            super.visitVarInsn(opcode, var);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String desc) {
            flush();
            super.visitFieldInsn(opcode, owner, name, desc);
        }

        @Override
        public void visitJumpInsn(int opcode, org.objectweb.asm.Label label) {
            flush();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLabel(org.objectweb.asm.Label label) {
            flush();
            super.visitLabel(label);
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            flush();
            super.visitFrame(type, numLocal, local, numStack, stack);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            flush();
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitLdcInsn(Object value) {
            flush();
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            flush();
            super.visitIincInsn(var, increment);
        }

        @Override
        public void visitEnd() {
            flush();
            if (removed == 0) {
                throw new IllegalStateException(String.format("no refusal with status word %04X to remove", sw & 0xFFFF));
            }
            super.visitEnd();
        }
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
