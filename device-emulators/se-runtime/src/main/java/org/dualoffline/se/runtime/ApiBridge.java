package org.dualoffline.se.runtime;

import java.util.Arrays;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A method added to the applet class for one shape of Java Card API call site: it hands the
 * receiver and the array arguments to {@link JcreApi#apiBegin}/{@link JcreApi#apiArray}, makes the
 * call, and calls {@link JcreApi#apiEnd} whether it returned or threw. Static, with the receiver as
 * its first parameter; an instance method for a super call, which only the class itself may make.
 */
record ApiBridge(String className, String name, int opcode, String owner, String method, String desc, boolean itf) {
    /**
     * Whether a Java Card API call may change persistent state the runtime must see: one that
     * takes an array (the API writes into it: a signature, a key, random bytes), or one on a
     * PIN or key object that is not a getter (its own state: a PIN value, key material). The
     * APDU's methods only touch its buffer, which is RAM.
     */
    static final String JCRE_API = Type.getInternalName(JcreApi.class);

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

    static String descriptor(int opcode, String owner, String desc) {
        return opcode == Opcodes.INVOKESTATIC ? desc : "(L" + owner + ";" + desc.substring(1);
    }

    void write(ClassVisitor cv, boolean frames) {
        boolean superCall = opcode == Opcodes.INVOKESPECIAL;
        // A super call's bridge is an instance method: 'this' is local 0 and the receiver.
        String bridgeDesc = superCall ? "(L" + className + ";" + desc.substring(1) : descriptor(opcode, owner, desc);
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
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, JCRE_API, superCall ? "apiBeginSuper" : "apiBegin",
                "(Ljava/lang/String;Ljava/lang/Object;)Ljava/lang/Object;", false);
        mv.visitVarInsn(Opcodes.ASTORE, callSlot);
        int slot = 0;
        for (int i = 0; i < args.length; i++) {
            boolean receiver = i == 0 && opcode != Opcodes.INVOKESTATIC; // or 'this', for a super call
            if (!receiver && args[i].getSort() == Type.ARRAY) {
                mv.visitVarInsn(Opcodes.ALOAD, callSlot);
                mv.visitVarInsn(Opcodes.ALOAD, slot);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, JCRE_API, "apiArray", "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
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
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, JCRE_API, "apiEnd", "(Ljava/lang/Object;)V", false);
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
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, JCRE_API, "apiEnd", "(Ljava/lang/Object;)V", false);
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
