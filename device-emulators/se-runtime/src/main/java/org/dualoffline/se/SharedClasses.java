package org.dualoffline.se;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.dualoffline.se.seal.JavaCardCheck;

/**
 * One copy of an applet's classes for all the SEs of a run, when the applet has no static state
 * for SEs to share: every class it can reach is initialised at once, and each static field must
 * be {@code final} and a primitive (a constant) or an array of primitives. The arrays are kept
 * with a copy of what their initialiser put in them, and compared after every command.
 */
record SharedClasses(Class<? extends javacard.framework.Applet> applet, String notShared, List<Field> arrayFields, List<Object> arrays,
                     List<Object> initial) {

    /** Initialises the applet's classes in {@code appletClass}'s loader and decides whether they can be shared. */
    static SharedClasses load(URL location, String className, Class<? extends javacard.framework.Applet> appletClass) {
        ClassLoader loader = appletClass.getClassLoader();
        List<Field> fields = new ArrayList<>();
        List<Object> arrays = new ArrayList<>();
        List<Object> initial = new ArrayList<>();
        for (String name : JavaCardCheck.ownClasses(location, className, AppletClassLoader::sharedWithHarness)) {
            Class<?> c;
            try {
                c = Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return notShared("its class " + name + " could not be initialised: " + e);
            }
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (!Modifier.isStatic(m) || f.isSynthetic()) {
                    continue;
                }
                String field = name + "." + f.getName();
                if (!Modifier.isFinal(m)) {
                    return notShared("its static field " + field + " is not final");
                }
                Class<?> t = f.getType();
                if (t.isPrimitive()) {
                    continue;
                }
                if (!t.isArray() || !t.getComponentType().isPrimitive()) {
                    return notShared("its static field " + field + " holds an object (" + t.getSimpleName() + ")");
                }
                Object value;
                try {
                    f.setAccessible(true);
                    value = f.get(null);
                } catch (IllegalAccessException | RuntimeException e) {
                    return notShared("its static field " + field + " cannot be read: " + e);
                }
                if (value != null) {
                    fields.add(f);
                    arrays.add(value);
                    initial.add(copy(value));
                }
            }
        }
        return new SharedClasses(appletClass, null, List.copyOf(fields), List.copyOf(arrays), List.copyOf(initial));
    }

    private static SharedClasses notShared(String why) {
        return new SharedClasses(null, why, List.of(), List.of(), List.of());
    }

    /** Throws {@link SharedStaticsWrittenException} when a static array differs from what its initialiser left. */
    void checkUnchanged(String applet) {
        for (int i = 0; i < arrays.size(); i++) {
            if (!java.util.Objects.deepEquals(arrays.get(i), initial.get(i))) {
                Field f = arrayFields.get(i);
                throw new SharedStaticsWrittenException(applet + " wrote its static array " + f.getDeclaringClass().getName() + "." + f.getName()
                        + ", which all SEs of this run share (their classes were loaded once): on cards each SE has its own. The run stops; "
                        + "run it with classes per SE (./simulate: se.classes = per-se).");
            }
        }
    }

    private static Object copy(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        Object out = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), n);
        System.arraycopy(array, 0, out, 0, n);
        return out;
    }
}
