package org.dualoffline.se.runtime;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javacard.framework.OwnerPIN;
import javacard.security.Key;
import javacard.security.KeyBuilder;
import javacard.security.KeyPair;

/**
 * One call of applet code into the Java Card API, watched for the persistent state it changes,
 * which a card's runtime journals like any other persistent update:
 * <ul>
 * <li>the persistent arrays passed to it (a signature, a digest, random bytes or a key written
 * into an array the applet allocated): each array the call changes is one atomic write;</li>
 * <li>the API object's own state, for a PIN and a persistent key ({@code OwnerPIN.update},
 * {@code resetAndUnblock}, every key setter, {@code clearKey}, {@code genKeyPair}): one atomic
 * write, journaled inside a transaction;</li>
 * <li>a PIN check's try counter, which the Java Card API keeps out of transactions: the decrement
 * is a write of its own, made before the comparison, and a successful check's reset another.</li>
 * </ul>
 * Each of these writes is a tear point: power cut there, the call's changes from that write on
 * never happened.
 */
final class ApiCall {
    private static final Set<Byte> TRANSIENT_KEY_TYPES = transientKeyTypes();

    private final CardMemory memory;
    private final String what;
    private final List<Object> arrays = new ArrayList<>(2);
    private final List<Object> before = new ArrayList<>(2);
    private ObjectState receiverState;
    private boolean publicKey;
    private OwnerPIN checkedPin;
    private byte triesBefore;
    /** False for a call whose code is the applet's own override: its writes are the applet's, counted as it makes them. */
    private boolean watching = true;

    private ApiCall(CardMemory memory, String what) {
        this.memory = memory;
        this.what = what;
    }

    /**
     * A call of {@code what} ("OwnerPIN.update([BSB)V") on {@code receiver} (null for a static
     * method) is about to be made. {@code exact}: the platform's method is called whatever the
     * receiver's class (a super call); otherwise a receiver of the applet's own class that
     * overrides the method runs its own code, which the runtime instruments: nothing to watch here.
     * A PIN check with tries left writes its try counter first: that is the call's first tear
     * point, before anything else happens.
     */
    static ApiCall begin(CardMemory memory, String what, Object receiver, boolean exact) {
        int paren = what.indexOf('(');
        String display = paren < 0 ? what : what.substring(0, paren);
        ApiCall call = new ApiCall(memory, display);
        String method = display.substring(display.lastIndexOf('.') + 1);
        if (receiver != null && !exact && paren > 0 && !StatefulApi.platformCode(receiver.getClass(), method, what.substring(paren))) {
            call.watching = false;
            return call;
        }
        if (receiver instanceof OwnerPIN pin && method.equals("check")) {
            byte tries = pin.getTriesRemaining();
            if (tries > 0) {
                memory.beforeWrite("the PIN try counter decrement of " + display, 1);
                call.checkedPin = pin;
                call.triesBefore = tries;
            }
        } else if (holdsPersistentState(receiver) && !method.startsWith("get") && !method.startsWith("is")) {
            call.receiverState = ObjectState.of(receiver, memory::transientApiArray);
            call.publicKey = receiver instanceof javacard.security.PublicKey;
        }
        return call;
    }

    /** An array argument of the call: watched if it is persistent. */
    void array(Object array) {
        if (watching && memory.isPersistent(array) && !arrays.contains(array)) {
            arrays.add(array);
            before.add(copy(array));
        }
    }

    /**
     * The call has returned (or thrown): each change it made is a write, journaled inside a
     * transaction; at a tear, this call's changes from the torn write on are undone.
     */
    void end() {
        List<Runnable> undos = new ArrayList<>();
        List<String> writes = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < arrays.size(); i++) {
            Object array = arrays.get(i);
            Object old = before.get(i);
            int[] range = changedRange(old, array);
            if (range != null) {
                undos.add(() -> System.arraycopy(old, range[0], array, range[0], range[1] - range[0]));
                writes.add(what + " into a persistent array");
                sizes.add(range[1] - range[0]);
            }
        }
        int receiverWrite = -1;
        if (receiverState != null && receiverState.changed()) {
            receiverWrite = writes.size();
            undos.add(receiverState::restore);
            writes.add(what);
            sizes.add(receiverState.bytes());
        }
        for (int i = 0; i < writes.size(); i++) {
            try {
                memory.beforeWrite(writes.get(i), sizes.get(i));
            } catch (PowerLoss | CardMute e) {
                for (int j = i; j < undos.size(); j++) {
                    undos.get(j).run();
                }
                throw e;
            }
            memory.journal(undos.get(i));
            if (i == receiverWrite && publicKey) {
                memory.workingWrite();
            }
        }
        if (checkedPin != null && checkedPin.isValidated()) {
            // A correct PIN: the counter decremented before the comparison is reset, a write of its own.
            try {
                memory.beforeWrite("the PIN try counter reset of " + what, 1);
            } catch (PowerLoss | CardMute e) {
                setTries(checkedPin, (byte) (triesBefore - 1));
                throw e;
            }
        }
    }

    private static boolean holdsPersistentState(Object receiver) {
        if (receiver instanceof OwnerPIN || receiver instanceof KeyPair) {
            return true;
        }
        return receiver instanceof Key key && !TRANSIENT_KEY_TYPES.contains(key.getType());
    }

    /** The first changed index and one past the last, or null if the array is unchanged. */
    private static int[] changedRange(Object old, Object now) {
        if (old instanceof byte[] o && now instanceof byte[] a) {
            int first = Arrays.mismatch(o, a);
            if (first < 0) {
                return null;
            }
            int last = a.length - 1;
            while (o[last] == a[last]) {
                last--;
            }
            return new int[] {first, last + 1};
        }
        int n = java.lang.reflect.Array.getLength(now);
        int first = -1;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (!java.lang.reflect.Array.get(old, i).equals(java.lang.reflect.Array.get(now, i))) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        return first < 0 ? null : new int[] {first, last + 1};
    }

    private static Object copy(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        Object c = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), n);
        System.arraycopy(array, 0, c, 0, n);
        return c;
    }

    /** Sets a jcardsim {@code OwnerPIN}'s try counter, which its API only decrements or resets. */
    private static void setTries(OwnerPIN pin, byte tries) {
        try {
            Field f = OwnerPIN.class.getDeclaredField("triesLeft");
            f.setAccessible(true);
            ((byte[]) f.get(pin))[0] = tries;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this jcardsim's OwnerPIN keeps its try counter elsewhere: " + e, e);
        }
    }

    /** KeyBuilder's TYPE_..._TRANSIENT_... constants: keys held in RAM. */
    private static Set<Byte> transientKeyTypes() {
        Set<Byte> types = new HashSet<>();
        for (Field f : KeyBuilder.class.getFields()) {
            if (f.getName().startsWith("TYPE_") && f.getName().contains("TRANSIENT") && f.getType() == byte.class) {
                try {
                    types.add(f.getByte(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Set.copyOf(types);
    }
}
