package org.dualoffline.se.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields that instrumented applet code writes, numbered at instrumentation time. Each site
 * resolves to a {@link VarHandle} per concrete class (every SE loads its own copy of the
 * applet's classes), so the runtime can read the old value for the undo journal and write the
 * new one.
 */
final class FieldSites {
    /** One field written somewhere in applet code. */
    static final class Site {
        final String owner;
        final String name;
        final char type;
        final int bytes;
        private final ClassValue<VarHandle> handles = new ClassValue<>() {
            @Override
            protected VarHandle computeValue(Class<?> type) {
                return resolve(type);
            }
        };

        Site(String owner, String name, String desc) {
            this.owner = owner;
            this.name = name;
            this.type = desc.charAt(0);
            this.bytes = switch (type) {
                case 'Z', 'B' -> 1;
                case 'S', 'C' -> 2;
                case 'I', 'F' -> 4;
                case 'J', 'D' -> 8;
                default -> 2; // a Java Card reference
            };
        }

        /** An int-typed value on the JVM stack as the field's own type, for the VarHandle. */
        Object box(int v) {
            return switch (type) {
                case 'Z' -> v != 0;
                case 'B' -> (byte) v;
                case 'S' -> (short) v;
                case 'C' -> (char) v;
                default -> v;
            };
        }

        /** The handle for this field as declared in {@code start} or its superclasses. */
        VarHandle handle(Class<?> start) {
            return handles.get(start);
        }

        private VarHandle resolve(Class<?> start) {
            String binary = owner.replace('/', '.');
            for (Class<?> c = start; c != null; c = c.getSuperclass()) {
                if (c.getName().equals(binary)) {
                    try {
                        Field f = c.getDeclaredField(name);
                        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
                        return lookup.unreflectVarHandle(f);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot reach field " + binary + "." + name + ": " + e, e);
                    }
                }
            }
            throw new IllegalStateException("field " + binary + "." + name + " not found from " + start.getName());
        }
    }

    private static final Object LOCK = new Object();
    private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();
    /** Copy-on-write: read on every instrumented field write without locking. */
    private static volatile Site[] sites = new Site[0];

    private FieldSites() {}

    static int idOf(String owner, String name, String desc) {
        return IDS.computeIfAbsent(owner + '.' + name + ':' + desc, k -> {
            synchronized (LOCK) {
                Site[] grown = java.util.Arrays.copyOf(sites, sites.length + 1);
                grown[sites.length] = new Site(owner, name, desc);
                sites = grown;
                return sites.length - 1;
            }
        });
    }

    static Site site(int id) {
        return sites[id];
    }
}
