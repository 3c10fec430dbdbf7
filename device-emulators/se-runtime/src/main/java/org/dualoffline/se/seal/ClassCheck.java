package org.dualoffline.se.seal;

import static org.dualoffline.se.seal.JavaCardCheck.dotted;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** The checks of {@link JavaCardCheck} on one class: its declaration, its fields, its methods and their code. */
final class ClassCheck extends ClassVisitor {
    /** Instructions on types Java Card has not, and the monitors, by opcode: what the finding says they use. */
    private static final Map<Integer, String> UNSUPPORTED = new HashMap<>();

    static {
        unsupported("long values", "LCONST_0 LCONST_1 LLOAD LSTORE LALOAD LASTORE LRETURN");
        unsupported("long arithmetic", "LADD LSUB LMUL LDIV LREM LNEG LSHL LSHR LUSHR LAND LOR LXOR LCMP");
        unsupported("long conversion", "I2L L2I L2F L2D F2L D2L");
        unsupported("float values", "FCONST_0 FCONST_1 FCONST_2 FLOAD FSTORE FALOAD FASTORE FRETURN");
        unsupported("float arithmetic", "FADD FSUB FMUL FDIV FREM FNEG FCMPL FCMPG");
        unsupported("float conversion", "I2F F2I F2D D2F");
        unsupported("double values", "DCONST_0 DCONST_1 DLOAD DSTORE DALOAD DASTORE DRETURN");
        unsupported("double arithmetic", "DADD DSUB DMUL DDIV DREM DNEG DCMPL DCMPG");
        unsupported("double conversion", "I2D D2I");
        unsupported("char values", "CALOAD CASTORE I2C");
        unsupported("synchronization", "MONITORENTER MONITOREXIT");
    }

    private static void unsupported(String what, String opcodes) {
        for (String name : opcodes.split(" ")) {
            try {
                Field f = Opcodes.class.getField(name);
                UNSUPPORTED.put(f.getInt(null), what + " (" + name + ")");
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError("no opcode " + name + " in ASM's Opcodes");
            }
        }
    }

    private final JavaCardCheck check;
    private final Set<Finding> findings;
    private String className;

    ClassCheck(JavaCardCheck check, Set<Finding> findings) {
        super(Opcodes.ASM9);
        this.check = check;
        this.findings = findings;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        className = dotted(name);
        if ((access & Opcodes.ACC_ENUM) != 0) {
            add(null, "is an enum: Java Card has no enums (use byte constants)");
        }
        if (superName != null && !check.mayUse(superName)) {
            add(null, "extends " + dotted(superName));
        }
        for (String i : interfaces) {
            if (!check.mayUse(i)) {
                add(null, "implements " + dotted(i));
            }
        }
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        if (name.equals("$assertionsDisabled") && (access & Opcodes.ACC_SYNTHETIC) != 0) {
            add(name, "is javac's flag for assert statements: Java Card has no assert (nor Class.desiredAssertionStatus)");
        }
        String problem = problem(Type.getType(descriptor));
        if (problem != null) {
            add(name, "uses " + problem);
        }
        return null;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        String member = name + descriptor;
        if ((access & Opcodes.ACC_NATIVE) != 0) {
            add(member, "is native");
        }
        if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            add(member, "is synchronized: Java Card has no threads");
        }
        for (String p : problems(descriptor)) {
            add(member, "uses " + p + " in its signature");
        }
        if (exceptions != null) {
            for (String e : exceptions) {
                if (!check.mayUse(e)) {
                    add(member, "declares it throws " + dotted(e));
                }
            }
        }
        return new CodeCheck(member);
    }

    private void add(String member, String problem) {
        findings.add(new Finding(className, member, problem));
    }

    /**
     * Why {@code type} cannot appear in Java Card code, or null if it can (then the applet's own
     * classes it names are reached).
     */
    private String problem(Type type) {
        String primitive = JavaCardApi.whyNotPrimitive(type);
        if (primitive != null) {
            return primitive;
        }
        Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        return element.getSort() == Type.OBJECT && !check.mayUse(element.getInternalName()) ? element.getClassName() : null;
    }

    /** {@link #problem(Type)} of each type of a method descriptor, each once. */
    private Set<String> problems(String methodDescriptor) {
        Set<String> problems = new java.util.LinkedHashSet<>();
        for (Type t : Type.getArgumentTypes(methodDescriptor)) {
            String p = problem(t);
            if (p != null) {
                problems.add(p);
            }
        }
        String p = problem(Type.getReturnType(methodDescriptor));
        if (p != null) {
            problems.add(p);
        }
        return problems;
    }

    /** The checks of one method's code. */
    private final class CodeCheck extends MethodVisitor {
        private final String member;

        CodeCheck(String member) {
            super(Opcodes.ASM9);
            this.member = member;
        }

        @Override
        public void visitInsn(int opcode) {
            unsupported(opcode);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            unsupported(opcode);
        }

        private void unsupported(int opcode) {
            String what = UNSUPPORTED.get(opcode);
            if (what != null) {
                add(member, "uses " + what);
            }
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            if (opcode == Opcodes.NEWARRAY) {
                String type = switch (operand) {
                    case Opcodes.T_LONG -> "long";
                    case Opcodes.T_FLOAT -> "float";
                    case Opcodes.T_DOUBLE -> "double";
                    case Opcodes.T_CHAR -> "char";
                    default -> null;
                };
                if (type != null) {
                    add(member, "creates a " + type + " array (NEWARRAY)");
                }
            }
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            Type t = Type.getObjectType(type);
            String problem = problem(t);
            String what = switch (opcode) {
                case Opcodes.NEW -> "creates ";
                case Opcodes.ANEWARRAY -> "creates an array of ";
                case Opcodes.CHECKCAST -> "casts to ";
                default -> "tests instanceof ";
            };
            if (problem != null) {
                add(member, what + problem);
            } else if (opcode == Opcodes.ANEWARRAY && t.getSort() == Type.ARRAY) {
                add(member, "creates an array of arrays (" + t.getClassName() + "[]): Java Card arrays have one dimension");
            }
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            add(member, "creates a multi-dimensional array " + Type.getType(descriptor).getClassName() + " (MULTIANEWARRAY)");
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            String action = opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC ? "reads " : "writes ";
            String field = dotted(owner) + "." + name;
            if (!check.mayUse(owner)) {
                add(member, action + field);
            } else if (JavaCardApi.isJavaType(owner)) {
                add(member, action + field + ", which Java Card's " + dotted(owner) + " has not");
            } else {
                String problem = problem(Type.getType(descriptor));
                if (problem != null) {
                    add(member, action + field + ", which uses " + problem);
                }
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String method = name + descriptor;
            String called = "calls " + (owner.startsWith("[") ? Type.getObjectType(owner).getClassName() : dotted(owner)) + "." + method;
            if (owner.startsWith("[")) {
                // an array's methods are Object's
                String problem = problem(Type.getObjectType(owner));
                if (problem != null || !JavaCardApi.javaTypesHave(name, descriptor)) {
                    add(member, called + (problem != null ? ", which uses " + problem : ", which Java Card's arrays have not"));
                    return;
                }
            } else if (!check.mayUse(owner)) {
                add(member, called);
                return;
            } else if (JavaCardApi.isJavaType(owner)) {
                if (!JavaCardApi.javaTypesHave(name, descriptor)) {
                    add(member, called + ", which Java Card's " + dotted(owner) + " has not");
                    return;
                }
            } else if (!check.isOwn(owner)) {
                if (JavaCardApi.OBJECT_METHODS_NOT_IN_JAVA_CARD.contains(method)) {
                    add(member, called + ", which Java Card's Object has not");
                    return;
                }
            } else {
                Set<String> apiInterfaces = new HashSet<>();
                String from = check.inheritedFrom(owner, method, apiInterfaces);
                if (from != null && JavaCardApi.OBJECT_METHODS_NOT_IN_JAVA_CARD.contains(method)) {
                    add(member, called + ", which Java Card's Object has not");
                    return;
                }
                if (from != null && JavaCardApi.isJavaType(from) && apiInterfaces.isEmpty() && !JavaCardApi.javaTypesHave(name, descriptor)) {
                    add(member, called + ", inherited from " + dotted(from) + ", which has not that method in Java Card");
                    return;
                }
            }
            Set<String> problems = problems(descriptor);
            if (!problems.isEmpty()) {
                add(member, called + ", which uses " + String.join(", ", problems));
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... bootstrapArguments) {
            add(member, "uses invokedynamic (a lambda, a method reference or a string concatenation: "
                    + dotted(bootstrap.getOwner()) + "." + bootstrap.getName() + ")");
        }

        @Override
        public void visitLdcInsn(Object value) {
            if (value instanceof String s) {
                add(member, "uses the String constant \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"");
            } else if (value instanceof Long) {
                add(member, "uses long values (LDC2_W)");
            } else if (value instanceof Double) {
                add(member, "uses double values (LDC2_W)");
            } else if (value instanceof Float) {
                add(member, "uses float values (LDC)");
            } else if (value instanceof Type t && t.getSort() == Type.METHOD) {
                add(member, "uses a method type constant " + t.getDescriptor());
            } else if (value instanceof Type t) {
                String problem = problem(t);
                add(member, "uses the class literal " + t.getClassName() + ".class (java.lang.Class)"
                        + (problem != null && !problem.equals(t.getClassName()) ? ", which uses " + problem : ""));
            } else if (value instanceof Handle h) {
                add(member, "uses a method handle " + dotted(h.getOwner()) + "." + h.getName() + h.getDesc());
            } else if (value instanceof ConstantDynamic c) {
                add(member, "uses a dynamic constant " + c.getName());
            }
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if (type != null && !check.mayUse(type)) {
                add(member, "catches " + dotted(type));
            }
        }

        @Override
        public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end, int index) {
            String primitive = JavaCardApi.whyNotPrimitive(Type.getType(descriptor));
            if (primitive != null) {
                add(member, "has a local variable " + name + " that uses " + primitive);
            }
        }
    }
}
