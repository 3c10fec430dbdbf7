package org.dualoffline.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The clauses of the protocol spec ({@code docs/protocol-spec.md}, ids {@code P-<section>-<n>})
 * or the backend sections of it ({@code §7}, {@code §7.1}, {@code §7.2}) that a step's assertion
 * checks: the contract the assertion holds a device or a backend to. Every step that asserts
 * carries it; the build fails on one that does not, on an id the spec does not have, and on a
 * MUST clause no step checks ({@code ConformanceTraceTest}); {@code docs/conformance-matrix.md}
 * is generated from it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Checks {
    String[] value();
}
