package org.dualoffline.se.seal;

/**
 * One thing in an applet's bytecode that a Java Card converter would refuse.
 *
 * @param className the class, dotted ({@code com.example.Purse})
 * @param member the field name or the method's name and descriptor ({@code process(Ljavacard/framework/APDU;)V}),
 *     or null when the finding is about the class itself (its superclass, its interfaces)
 * @param problem what is wrong, e.g. {@code calls java.lang.Runtime.halt(I)V} or {@code uses long arithmetic (LADD)}
 */
public record Finding(String className, String member, String problem) {
    /** {@code com.evil.Halt.process(Ljavacard/framework/APDU;)V calls java.lang.Runtime.halt(I)V}. */
    @Override
    public String toString() {
        return className + (member == null ? "" : "." + member) + " " + problem;
    }
}
