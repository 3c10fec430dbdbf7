package org.dualoffline.faulty;

import org.objectweb.asm.ClassVisitor;

/**
 * A rewrite of the reference wallet's applet class: given the visitor the class is written to,
 * the visitor that changes it on the way. The patches themselves are built by {@link Patches}.
 */
@FunctionalInterface
interface Patch {

    ClassVisitor applyTo(ClassVisitor next);

    /** This patch and {@code other}, each on the methods it names. */
    default Patch and(Patch other) {
        return next -> applyTo(other.applyTo(next));
    }
}
