package org.dualoffline.se;

import com.licel.jcardsim.base.SimulatorRuntime;
import java.lang.reflect.Field;

/**
 * jcardsim gives every runtime its own 32 KB response buffer and a 32 KB buffer for an
 * extended-length APDU, 64 KB that hold nothing between two commands (the response is copied
 * out before {@code transmitCommand} returns; no extended command ever reaches an applet here,
 * see {@link JcardsimSecureElement#shortApdu}). Ten thousand idle SEs would keep 640 MB of them.
 * Instead each thread that runs commands owns one pair, lent to the SE it is driving for the
 * length of a command: an SE's fields are pointed at the current thread's pair before anything
 * runs on it, always under the SE's lock. An idle SE's fields may still point at the pair of the
 * thread that last drove it; nothing reads them until a thread lends it its own.
 */
final class ScratchBuffers {
    // WORKAROUND: jcardsim allocates these in SimulatorRuntime's constructor and offers no way to share them.
    private static final Field RESPONSE = accessible(SimulatorRuntime.class, "responseBuffer");
    private static final Field EXTENDED_APDU = accessible(SimulatorRuntime.class, "extendedAPDU");
    private static final Field APDU_BUFFER = accessible(javacard.framework.APDU.class, "buffer");
    private static final ThreadLocal<byte[][]> PAIR = new ThreadLocal<>();

    private ScratchBuffers() {}

    /** Points {@code runtime}'s response and extended-APDU buffers at the current thread's pair (made on first use, the same sizes). */
    static void lend(SimulatorRuntime runtime) {
        try {
            byte[] response = (byte[]) RESPONSE.get(runtime);
            Object extended = EXTENDED_APDU.get(runtime);
            byte[] apdu = (byte[]) APDU_BUFFER.get(extended);
            byte[][] pair = PAIR.get();
            if (pair == null || pair[0].length < response.length || pair[1].length < apdu.length) {
                pair = new byte[][] {new byte[response.length], new byte[apdu.length]};
                PAIR.set(pair);
            }
            if (response != pair[0]) {
                RESPONSE.set(runtime, pair[0]);
            }
            if (apdu != pair[1]) {
                APDU_BUFFER.set(extended, pair[1]);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot lend jcardsim its scratch buffers: " + e, e);
        }
    }

    private static Field accessible(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new ExceptionInInitializerError("jcardsim's " + owner.getSimpleName() + "." + name + " is not as expected: " + e);
        }
    }
}
