package org.dualoffline.se;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import org.dualoffline.se.seal.JavaCardCheck;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * One copy of an applet's classes for all the SEs of a run, when that copy holds nothing an SE
 * could change or another could see: every static field of every class the applet can reach is
 * {@code final} and a primitive or an array of primitives, and every class initialiser only
 * fills such fields with constants (the shapes a Java Card converter puts in a CAP file's static
 * field image) - it reads nothing, calls nothing, allocates nothing else. The static arrays stay
 * the initialisers' originals, never handed to applet code: each read of a static array gives
 * the current SE its own persistent copy ({@code Jcre.staticArray}), as each card has its own.
 */
record SharedClasses(Class<? extends javacard.framework.Applet> applet, String notShared) {

    /** Decides for the applet's classes (in {@code appletClass}'s loader), initialising them when they can be shared. */
    static SharedClasses load(URL location, String className, Class<? extends javacard.framework.Applet> appletClass) {
        ClassLoader loader = appletClass.getClassLoader();
        java.util.List<String> own = JavaCardCheck.ownClasses(location, className, AppletClassLoader::sharedWithHarness);
        for (String name : own) {
            String why = initialiserNotConstant(loader, name);
            if (why != null) {
                return notShared(why);
            }
        }
        for (String name : own) {
            Class<?> c;
            try {
                c = Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return notShared("its class " + name + " could not be initialised: " + e);
            }
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (!Modifier.isStatic(m)) {
                    continue;
                }
                String field = name + "." + f.getName();
                if (!Modifier.isFinal(m)) {
                    return notShared("its static field " + field + " is not final");
                }
                Class<?> t = f.getType();
                if (!t.isPrimitive() && !(t.isArray() && t.getComponentType().isPrimitive())) {
                    return notShared("its static field " + field + " holds an object (" + t.getSimpleName() + ")");
                }
            }
        }
        return new SharedClasses(appletClass, null);
    }

    private static SharedClasses notShared(String why) {
        return new SharedClasses(null, why);
    }

    /** Why {@code name}'s class initialiser is more than constants into static fields, or null when it is not. */
    private static String initialiserNotConstant(ClassLoader loader, String name) {
        byte[] bytes;
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                return "its class " + name + " cannot be read";
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return "its class " + name + " cannot be read: " + e.getMessage();
        }
        String[] found = new String[1];
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String desc, String signature, String[] exceptions) {
                if (!method.equals("<clinit>")) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    private void refuse(String what) {
                        if (found[0] == null) {
                            found[0] = "the class initialiser of " + name + " does more than put constants into static fields (" + what + ")";
                        }
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        boolean constant = opcode >= Opcodes.ACONST_NULL && opcode <= Opcodes.ICONST_5 || opcode == Opcodes.DUP
                                || opcode == Opcodes.BASTORE || opcode == Opcodes.SASTORE || opcode == Opcodes.IASTORE || opcode == Opcodes.RETURN;
                        if (!constant) {
                            refuse("opcode " + opcode);
                        }
                    }

                    @Override
                    public void visitIntInsn(int opcode, int operand) {
                        if (opcode != Opcodes.BIPUSH && opcode != Opcodes.SIPUSH && opcode != Opcodes.NEWARRAY) {
                            refuse("opcode " + opcode);
                        }
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        if (!(value instanceof Integer)) {
                            refuse("a constant " + value);
                        }
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String fieldDesc) {
                        if (opcode != Opcodes.PUTSTATIC || !owner.equals(name.replace('.', '/'))) {
                            refuse((opcode == Opcodes.GETSTATIC ? "reads " : "writes ") + owner + "." + field);
                        }
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String callee, String calleeDesc, boolean isInterface) {
                        refuse("calls " + owner.replace('/', '.') + "." + callee);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String callee, String calleeDesc, org.objectweb.asm.Handle bsm, Object... args) {
                        refuse("invokedynamic");
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        refuse("allocates or casts to " + type.replace('/', '.'));
                    }

                    @Override
                    public void visitMultiANewArrayInsn(String arrayDesc, int dims) {
                        refuse("a multi-dimensional array");
                    }

                    @Override
                    public void visitVarInsn(int opcode, int var) {
                        refuse("a local variable");
                    }

                    @Override
                    public void visitJumpInsn(int opcode, org.objectweb.asm.Label label) {
                        refuse("a branch");
                    }

                    @Override
                    public void visitTableSwitchInsn(int min, int max, org.objectweb.asm.Label dflt, org.objectweb.asm.Label... labels) {
                        refuse("a switch");
                    }

                    @Override
                    public void visitLookupSwitchInsn(org.objectweb.asm.Label dflt, int[] keys, org.objectweb.asm.Label[] labels) {
                        refuse("a switch");
                    }

                    @Override
                    public void visitIincInsn(int var, int increment) {
                        refuse("a local variable");
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found[0];
    }
}
