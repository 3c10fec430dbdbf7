package org.dualoffline.se.runtime;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The persistent state a Java Card API object keeps for the applet (a PIN's value and try
 * counter, a key's material), captured so that the runtime can tell whether a call changed it,
 * journal it inside a transaction and undo it at a tear. It is read from the runtime's own
 * implementation objects (jcardsim's {@code OwnerPIN}, its key classes and the containers they
 * hold): every instance field of every object of a {@code javacard.*} or {@code com.licel.*}
 * class reachable from the API object, with the contents of the persistent arrays among them.
 * Transient arrays (a PIN's validated flag, a transient key's bytes) are RAM and left out.
 */
final class ObjectState {
    private static final int MAX_DEPTH = 4;

    /** One field of one object, and its value when captured; for a persistent array, its contents too. */
    private record Entry(Object holder, Field field, Object value, Object contents) {}

    private final List<Entry> entries = new ArrayList<>();

    /** The instance fields the platform's classes declare, per class of object: read on every watched API call. */
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                if (!apiClass(c)) {
                    continue;
                }
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        f.setAccessible(true);
                        fields.add(f);
                    }
                }
            }
            return List.copyOf(fields);
        }
    };

    private final java.util.function.Predicate<Object> transientArray;

    private ObjectState(java.util.function.Predicate<Object> transientArray) {
        this.transientArray = transientArray;
    }

    /** {@code transientArray} tells RAM from persistent memory among the API object's arrays. */
    static ObjectState of(Object root, java.util.function.Predicate<Object> transientArray) {
        ObjectState state = new ObjectState(transientArray);
        state.walk(root, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
        return state;
    }

    /** Whether any captured field or persistent array differs from what it is now. */
    boolean changed() {
        for (Entry e : entries) {
            Object now = get(e.field, e.holder);
            if (!sameValue(e.value, now) || e.contents != null && !sameContents(e.contents, now)) {
                return true;
            }
        }
        return false;
    }

    /** Puts every captured field and persistent array back as it was. */
    void restore() {
        for (Entry e : entries) {
            set(e.field, e.holder, e.value);
            if (e.contents != null) {
                System.arraycopy(e.contents, 0, e.value, 0, Array.getLength(e.contents));
            }
        }
    }

    /** Bytes of persistent state the object holds: what one update of it writes, for the meter. */
    int bytes() {
        int n = 0;
        for (Entry e : entries) {
            n += e.contents != null ? Array.getLength(e.contents) : 2;
        }
        return n;
    }

    private void walk(Object o, int depth, Set<Object> seen) {
        if (o == null || depth > MAX_DEPTH || !seen.add(o)) {
            return;
        }
        // The fields the platform's classes declare: an applet's own subclass adds fields its
        // instrumented code writes, and those are journaled as it writes them.
        for (Field f : FIELDS.get(o.getClass())) {
            Object value = get(f, o);
            if (value != null && value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()) {
                if (!transientArray.test(value)) {
                    entries.add(new Entry(o, f, value, copy(value)));
                }
            } else {
                entries.add(new Entry(o, f, value, null));
                walk(value, depth + 1, seen);
            }
        }
    }

    private static boolean apiClass(Class<?> c) {
        String n = c.getName();
        return n.startsWith("javacard.") || n.startsWith("javacardx.") || n.startsWith("com.licel.");
    }

    static boolean isTransient(Object array) {
        try {
            return javacard.framework.JCSystem.isTransient(array) != javacard.framework.JCSystem.NOT_A_TRANSIENT_OBJECT;
        } catch (AssertionError | RuntimeException e) {
            return false; // no simulator on this thread: nothing is transient
        }
    }

    private static Object copy(Object array) {
        int n = Array.getLength(array);
        Object c = Array.newInstance(array.getClass().getComponentType(), n);
        System.arraycopy(array, 0, c, 0, n);
        return c;
    }

    private static boolean sameValue(Object was, Object now) {
        if (was == null || now == null || was.getClass().isArray() || !isBoxed(was)) {
            return was == now;
        }
        return was.equals(now);
    }

    private static boolean isBoxed(Object v) {
        return v instanceof Number || v instanceof Boolean || v instanceof Character;
    }

    private static boolean sameContents(Object was, Object now) {
        return now != null && was.getClass() == now.getClass() && Objects.deepEquals(new Object[] {was}, new Object[] {now});
    }

    private static Object get(Field f, Object holder) {
        try {
            return f.get(holder);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + f + ": " + e, e);
        }
    }

    private static void set(Field f, Object holder, Object value) {
        try {
            f.set(holder, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot restore " + f + ": " + e, e);
        }
    }
}
