package org.dualoffline.se.seal;

import java.util.Set;
import org.objectweb.asm.Type;

/**
 * What of the platform a Java Card 3.0.5 (classic) applet can reference: the {@code javacard.*}
 * and {@code javacardx.*} packages whole, and the few {@code java.*} types the classic API has,
 * of which only the members it has. Names are internal names ({@code java/lang/Object}).
 */
final class JavaCardApi {
    /** The {@code java.lang}, {@code java.io} and {@code java.rmi} types of the Java Card 3.0.5 classic API. */
    static final Set<String> JAVA_TYPES = Set.of(
            "java/lang/Object", "java/lang/Throwable", "java/lang/Exception", "java/lang/RuntimeException",
            "java/lang/ArithmeticException", "java/lang/ArrayIndexOutOfBoundsException", "java/lang/ArrayStoreException",
            "java/lang/ClassCastException", "java/lang/IndexOutOfBoundsException", "java/lang/NegativeArraySizeException",
            "java/lang/NullPointerException", "java/lang/SecurityException",
            "java/io/IOException",
            "java/rmi/Remote", "java/rmi/RemoteException");

    /**
     * The members of those types: Java Card's {@code Object} has its constructor and
     * {@code equals} only, each exception class its constructor without a message; none has a field.
     */
    private static final Set<String> JAVA_MEMBERS = Set.of("<init>()V", "equals(Ljava/lang/Object;)Z");

    /**
     * The methods of the JDK's {@code java.lang.Object} that Java Card's has not: a call to one of
     * them is refused whatever class it names, unless the applet declares the method itself.
     */
    static final Set<String> OBJECT_METHODS_NOT_IN_JAVA_CARD = Set.of(
            "getClass()Ljava/lang/Class;", "hashCode()I", "toString()Ljava/lang/String;", "clone()Ljava/lang/Object;",
            "finalize()V", "wait()V", "wait(J)V", "wait(JI)V", "notify()V", "notifyAll()V");

    /**
     * The emulated chip's national-crypto extension ({@code org.dualoffline.jcx.gm.GM}: SM2, SM3):
     * not Java Card, but platform code of the chips that have it, as a chip vendor's package is.
     * Only its entry class: applet code holds what it returns as the Java Card {@code Signature}
     * and {@code MessageDigest} types, whose calls the runtime bridges, meters and journals; the
     * classes behind them are the runtime's.
     */
    static final String NATIONAL_CRYPTO = "org/dualoffline/jcx/gm/GM";

    private JavaCardApi() {}

    /** A class of the Java Card API (any class of {@code javacard.*} or {@code javacardx.*}, or one of {@link #JAVA_TYPES}) or of the national-crypto extension. */
    static boolean isApiClass(String internalName) {
        return internalName.startsWith("javacard/") || internalName.startsWith("javacardx/") || internalName.equals(NATIONAL_CRYPTO)
                || JAVA_TYPES.contains(internalName);
    }

    /** A {@code java.*} type of the API, whose members are few. */
    static boolean isJavaType(String internalName) {
        return JAVA_TYPES.contains(internalName);
    }

    /** Whether Java Card's {@code java.*} types have this method ({@code name} and {@code descriptor}). */
    static boolean javaTypesHave(String name, String descriptor) {
        return JAVA_MEMBERS.contains(name + descriptor);
    }

    /**
     * Why a type cannot appear in Java Card code, or null if it can: Java Card has no
     * {@code long}, {@code float}, {@code double} or {@code char}, and arrays of one dimension
     * only; class types are left to the caller (they may be the applet's own).
     */
    static String whyNotPrimitive(Type type) {
        return switch (type.getSort()) {
            case Type.LONG -> "long";
            case Type.FLOAT -> "float";
            case Type.DOUBLE -> "double";
            case Type.CHAR -> "char";
            case Type.ARRAY -> type.getDimensions() > 1 ? "a multi-dimensional array " + type.getClassName()
                    : whyNotPrimitive(type.getElementType());
            default -> null;
        };
    }
}
