package org.dualoffline.se.runtime;

import java.lang.invoke.VarHandle;

/**
 * What instrumented applet code calls instead of writing persistent memory directly, instead of
 * jcardsim's transaction calls (which do not roll back) and around crypto: the Java Card
 * runtime semantics that matter for atomicity, on the {@link CardMemory} of the SE the current
 * thread is talking to. With no SE current (applet code run outside the harness), every call
 * simply does the plain operation.
 *
 * <p>Public because rewritten applet classes in other class loaders call it; not an API.
 */
public final class Jcre {
    private static final ThreadLocal<CardMemory> CURRENT = new ThreadLocal<>();

    private Jcre() {}

    /** The SE the current thread's applet code runs in, or null outside the harness. */
    static CardMemory current() {
        return CURRENT.get();
    }

    /** Makes {@code memory} the SE that applet code on this thread runs in; returns the previous one. */
    public static CardMemory enter(CardMemory memory) {
        CardMemory previous = CURRENT.get();
        CURRENT.set(memory);
        return previous;
    }

    public static void leave(CardMemory previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    // ------------------------------------------------------------ allocation

    /** After every {@code new} array in applet code: arrays the applet allocates live in persistent memory. */
    public static void persistentArray(Object array) {
        CardMemory m = CURRENT.get();
        if (m != null) {
            m.registerPersistent(array);
        }
    }

    /**
     * After every read of a static array field in applet code: the current SE's own copy of that
     * array (made on its first read, from the class initialiser's contents, and persistent), so
     * that SEs whose classes are loaded once share no static array. With no SE current, the array.
     */
    public static Object staticArray(Object array) {
        CardMemory m = CURRENT.get();
        return m == null || array == null ? array : m.staticCopy(array);
    }

    // ------------------------------------------------------------ fields

    public static void putFieldI(Object target, int value, int siteId) {
        FieldSites.Site site = FieldSites.site(siteId);
        writeField(site, site.handle(target.getClass()), target, site.box(value));
    }

    public static void putFieldJ(Object target, long value, int siteId) {
        FieldSites.Site site = FieldSites.site(siteId);
        writeField(site, site.handle(target.getClass()), target, value);
    }

    public static void putFieldA(Object target, Object value, int siteId) {
        FieldSites.Site site = FieldSites.site(siteId);
        storing(value);
        writeField(site, site.handle(target.getClass()), target, value);
    }

    public static void putStaticI(int value, Class<?> owner, int siteId) {
        FieldSites.Site site = FieldSites.site(siteId);
        writeField(site, site.handle(owner), null, site.box(value));
    }

    public static void putStaticJ(long value, Class<?> owner, int siteId) {
        FieldSites.Site site = FieldSites.site(siteId);
        writeField(site, site.handle(owner), null, value);
    }

    public static void putStaticA(Object value, Class<?> owner, int siteId) {
        FieldSites.Site site = FieldSites.site(siteId);
        storing(value);
        writeField(site, site.handle(owner), null, value);
    }

    /**
     * A constructor sets a field of its own class (perhaps final: the instruction itself makes
     * the write). A write once the object is reachable from persistent state is a tear point; it
     * is not journaled: the store that made the object reachable is, and rolled back it leaves
     * the object unreachable again.
     */
    public static void constructorFieldI(Object target, int value, int siteId) {
        constructorField(target, siteId);
    }

    public static void constructorFieldA(Object target, Object value, int siteId) {
        storing(value);
        constructorField(target, siteId);
    }

    private static void constructorField(Object target, int siteId) {
        CardMemory m = CURRENT.get();
        if (m != null && m.construction().persistent(target)) {
            FieldSites.Site site = FieldSites.site(siteId);
            m.beforeWrite(site.name, site.bytes);
        }
    }

    private static void storing(Object value) {
        CardMemory m = CURRENT.get();
        if (m != null) {
            m.construction().stored(value);
        }
    }

    private static void writeField(FieldSites.Site site, VarHandle handle, Object target, Object value) {
        CardMemory m = CURRENT.get();
        if (m != null && (target == null || m.construction().persistent(target))) {
            m.beforeWrite(site.name, site.bytes);
            m.journalField(handle, target, target == null ? handle.get() : handle.get(target));
        }
        if (target == null) {
            handle.set(value);
        } else {
            handle.set(target, value);
        }
    }

    // ------------------------------------------------------------ array elements

    /** BASTORE: byte[] or boolean[]. */
    public static void bastore(Object array, int index, int value) {
        CardMemory m = CURRENT.get();
        if (m != null && m.isPersistent(array)) {
            checkIndex(array, index);
            m.beforeWrite("array element", 1);
            m.journalElement(array, index);
        }
        if (array instanceof boolean[] b) {
            b[index] = (value & 1) != 0;
        } else {
            ((byte[]) array)[index] = (byte) value;
        }
    }

    public static void sastore(short[] array, int index, int value) {
        CardMemory m = CURRENT.get();
        if (m != null && m.isPersistent(array)) {
            checkIndex(array, index);
            m.beforeWrite("array element", 2);
            m.journalElement(array, index);
        }
        array[index] = (short) value;
    }

    public static void iastore(int[] array, int index, int value) {
        CardMemory m = CURRENT.get();
        if (m != null && m.isPersistent(array)) {
            checkIndex(array, index);
            m.beforeWrite("array element", 4);
            m.journalElement(array, index);
        }
        array[index] = value;
    }

    public static void aastore(Object[] array, int index, Object value) {
        CardMemory m = CURRENT.get();
        if (m != null && m.isPersistent(array)) {
            checkIndex(array, index);
            m.construction().stored(value);
            m.beforeWrite("array element", 2);
            m.journalElement(array, index);
        }
        array[index] = value;
    }

    private static void checkIndex(Object array, int index) {
        // The store must fail exactly as the plain instruction would, before anything is counted.
        if (index < 0 || index >= java.lang.reflect.Array.getLength(array)) {
            throw new ArrayIndexOutOfBoundsException(index);
        }
    }

    // ------------------------------------------------------------ constructors and the clock

    /** A constructor of applet code has called its superclass's: {@code o}'s own fields are not persistent state yet. */
    public static void constructing(Object o) {
        CardMemory m = CURRENT.get();
        if (m != null) {
            m.construction().started(o);
        }
    }

    /** That constructor returns. */
    public static void constructed(Object o) {
        CardMemory m = CURRENT.get();
        if (m != null) {
            m.construction().ended(o);
        }
    }

    /** At every method entry and backward jump of applet code: a command past its time limit makes the card mute. */
    public static void tick() {
        CardMemory m = CURRENT.get();
        if (m != null) {
            m.tick();
        }
    }

    // ------------------------------------------------------------ javacard.framework.Util

    /** Atomic: all bytes or none, journaled inside a transaction. One tear point. */
    public static short arrayCopy(byte[] src, short srcOff, byte[] dest, short destOff, short length) {
        checkRange(src, srcOff, length);
        checkRange(dest, destOff, length);
        CardMemory m = CURRENT.get();
        if (m != null && m.isPersistent(dest) && length > 0) {
            m.beforeWrite("Util.arrayCopy", length);
            m.journalBytes(dest, destOff, length);
        }
        System.arraycopy(src, srcOff, dest, destOff, length);
        return (short) (destOff + length);
    }

    /**
     * Not atomic and outside any transaction. Two tear points on persistent memory: before the
     * first byte, and after half of the bytes (a torn copy leaves a mix of old and new bytes).
     */
    public static short arrayCopyNonAtomic(byte[] src, short srcOff, byte[] dest, short destOff, short length) {
        checkRange(src, srcOff, length);
        checkRange(dest, destOff, length);
        CardMemory m = CURRENT.get();
        if (m != null && m.isPersistent(dest) && length > 0) {
            int half = length / 2;
            m.beforeWrite("Util.arrayCopyNonAtomic", half);
            byte[] snapshot = java.util.Arrays.copyOfRange(src, srcOff, srcOff + length);
            System.arraycopy(snapshot, 0, dest, destOff, half);
            m.beforeWrite("Util.arrayCopyNonAtomic (second half)", length - half);
            System.arraycopy(snapshot, half, dest, destOff + half, length - half);
            return (short) (destOff + length);
        }
        System.arraycopy(src, srcOff, dest, destOff, length);
        return (short) (destOff + length);
    }

    /** Not atomic and outside any transaction; two tear points like {@link #arrayCopyNonAtomic}. */
    public static short arrayFillNonAtomic(byte[] array, short offset, short length, byte value) {
        if (length < 0) {
            throw new ArrayIndexOutOfBoundsException();
        }
        checkRange(array, offset, length);
        CardMemory m = CURRENT.get();
        if (m != null && m.isPersistent(array) && length > 0) {
            int half = length / 2;
            m.beforeWrite("Util.arrayFillNonAtomic", half);
            java.util.Arrays.fill(array, offset, offset + half, value);
            m.beforeWrite("Util.arrayFillNonAtomic (second half)", length - half);
            java.util.Arrays.fill(array, offset + half, offset + length, value);
            return (short) (offset + length);
        }
        java.util.Arrays.fill(array, offset, offset + length, value);
        return (short) (offset + length);
    }

    /** Two bytes written as one update, journaled inside a transaction. */
    public static short setShort(byte[] array, short offset, short value) {
        checkRange(array, offset, (short) 2);
        CardMemory m = CURRENT.get();
        if (m != null && m.isPersistent(array)) {
            m.beforeWrite("Util.setShort", 2);
            m.journalBytes(array, offset, 2);
        }
        array[offset] = (byte) (value >> 8);
        array[offset + 1] = (byte) value;
        return (short) (offset + 2);
    }

    private static void checkRange(byte[] array, int offset, int length) {
        if (array == null) {
            throw new NullPointerException();
        }
        if (offset < 0 || length < 0 || offset + length > array.length) {
            throw new ArrayIndexOutOfBoundsException();
        }
    }

    // ------------------------------------------------------------ javacard.framework.JCSystem

    public static void beginTransaction() {
        CardMemory m = CURRENT.get();
        if (m == null) {
            javacard.framework.JCSystem.beginTransaction();
        } else {
            m.begin();
        }
    }

    public static void commitTransaction() {
        CardMemory m = CURRENT.get();
        if (m == null) {
            javacard.framework.JCSystem.commitTransaction();
        } else {
            m.commit();
        }
    }

    public static void abortTransaction() {
        CardMemory m = CURRENT.get();
        if (m == null) {
            javacard.framework.JCSystem.abortTransaction();
        } else {
            m.abort();
        }
    }

    public static byte getTransactionDepth() {
        CardMemory m = CURRENT.get();
        return m == null ? javacard.framework.JCSystem.getTransactionDepth() : (byte) (m.inTransaction() ? 1 : 0);
    }
}
