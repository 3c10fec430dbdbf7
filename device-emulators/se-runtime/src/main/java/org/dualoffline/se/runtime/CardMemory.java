package org.dualoffline.se.runtime;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualoffline.se.ApduCost;

/**
 * The persistent memory model of one secure element, as a real Java Card runtime keeps it:
 * <ul>
 * <li>which arrays are persistent (allocated with {@code new} by applet code; everything else,
 * the APDU buffer and transient arrays, is RAM);</li>
 * <li>an undo journal: inside a transaction every persistent write first saves the old
 * value, so abort (explicit, by an exception escaping {@code process()}, or by power loss)
 * restores it; {@code arrayCopyNonAtomic}/{@code arrayFillNonAtomic} bypass it as the
 * Java Card specification says;</li>
 * <li>tear points: the persistent writes of the current APDU are counted, and power can be cut
 * at the k-th one (it does not happen; nothing after it happens either);</li>
 * <li>a meter of what the APDU did, for the timing model.</li>
 * </ul>
 * Only the thread currently talking to this SE touches it.
 */
public final class CardMemory {
    private final Set<Object> persistentArrays = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Runnable> undo = new ArrayList<>();
    private boolean inTransaction;
    private int writes;
    /** Writes of this APDU made inside a transaction and journaled, and those of them a commit made final. */
    private int journaled;
    private int journaledCommitted;
    private int journaledInOpenTransaction;
    /** Loads of a public key (working memory, see {@link #workingWrite}) that stand, and those in the open transaction. */
    private int workingStood;
    private int workingInOpenTransaction;
    /** The tear armed for the next APDU; {@link #startApdu} moves it to {@link #armedAt}. */
    private int armedForNext;
    /** The tear point of the APDU running now; gone when the APDU ends, whether it was reached or not. */
    private int armedAt;
    private boolean torn;
    private String tornAt;
    private int persistentBytes;
    private int signatures;
    private int verifications;
    private int digestBytes;
    private int randomBytes;
    private int keyGenerations;
    private int sm2Signatures;
    private int sm2Verifications;
    private int sm3Bytes;
    private int sm2KeyGenerations;
    private final P256Engine p256;
    private final Construction construction = new Construction();
    /** Whether each array an API object holds is transient, once asked: jcardsim looks it up in a list of every transient array. */
    private final java.util.Map<Object, Boolean> apiArrayTransient = new java.util.WeakHashMap<>();
    private final CommandClock clock = new CommandClock();

    /** @param seed this SE's own seed: its key pairs are drawn from it */
    public CardMemory(byte[] seed) {
        this.p256 = new P256Engine(seed);
    }

    P256Engine p256() {
        return p256;
    }

    /**
     * Arms a tear at the {@code k}-th persistent write (1-based) of the next APDU, and of that APDU
     * only: an APDU with fewer writes completes and the tear is gone; 0 disarms.
     */
    public void armTearAtWrite(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("tear point must be >= 0, got " + k);
        }
        this.armedForNext = k;
    }

    /**
     * How long a command (or the install) may run, in real time, before the card counts as mute:
     * a reader's waiting time ({@link CommandClock}).
     */
    public void timeLimit(java.time.Duration limit) {
        clock.limit(limit);
    }

    public java.time.Duration timeLimit() {
        return clock.limit();
    }

    /** Resets the per-APDU counters and takes the tear armed for this APDU; called before each APDU. */
    public void startApdu() {
        armedAt = armedForNext;
        armedForNext = 0;
        construction.clear();
        clock.start();
        writes = 0;
        journaled = 0;
        journaledCommitted = 0;
        journaledInOpenTransaction = 0;
        workingStood = 0;
        workingInOpenTransaction = 0;
        torn = false;
        tornAt = null;
        persistentBytes = 0;
        signatures = 0;
        verifications = 0;
        digestBytes = 0;
        randomBytes = 0;
        keyGenerations = 0;
        sm2Signatures = 0;
        sm2Verifications = 0;
        sm3Bytes = 0;
        sm2KeyGenerations = 0;
    }

    /** Why the card went mute during the last APDU (it ran past the time limit), or null if it did not. */
    public String mute() {
        return clock.mute();
    }

    /** Whether power was lost during the last APDU (an armed tear point was reached). */
    public boolean torn() {
        return torn;
    }

    public String tornAt() {
        return tornAt;
    }

    /** Persistent writes of the last APDU, up to the tear if it was torn. */
    public int writes() {
        return writes;
    }

    /**
     * Persistent writes of the last APDU that stand: those made outside a transaction (or not
     * journaled, as a non-atomic copy), and those of a committed transaction; a write rolled back
     * (transaction aborted, left open, or torn) does not count. Zero for a command that changed
     * no persistent state. Nor does loading a public key count ({@link #workingWrite}).
     */
    public int committedWrites() {
        return writes - journaled + journaledCommitted - workingStood;
    }

    public ApduCost cost() {
        return new ApduCost(writes, persistentBytes, signatures, verifications, digestBytes, randomBytes, keyGenerations, sm2Signatures,
                sm2Verifications, sm3Bytes, sm2KeyGenerations);
    }

    public boolean inTransaction() {
        return inTransaction;
    }

    /**
     * What the card does when power comes back or {@code process()} returns with a transaction
     * open: every journaled write is undone, newest first.
     */
    public void rollback() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        undo.clear();
        inTransaction = false;
        journaledInOpenTransaction = 0;
        workingInOpenTransaction = 0;
    }

    // ---------------------------------------------------------------- used by Jcre

    boolean isPersistent(Object array) {
        return array != null && persistentArrays.contains(array);
    }

    void registerPersistent(Object array) {
        persistentArrays.add(array);
    }

    /** Static arrays of the applet's classes (the initialiser's originals) and this SE's copies of them. */
    private final Map<Object, Object> staticCopies = new IdentityHashMap<>();

    /** This SE's copy of the static array {@code original}: made on first use, persistent. */
    Object staticCopy(Object original) {
        Object copy = staticCopies.get(original);
        if (copy == null) {
            int n = java.lang.reflect.Array.getLength(original);
            copy = java.lang.reflect.Array.newInstance(original.getClass().getComponentType(), n);
            System.arraycopy(original, 0, copy, 0, n);
            staticCopies.put(original, copy);
            registerPersistent(copy);
        }
        return copy;
    }

    void begin() {
        if (inTransaction) {
            javacard.framework.TransactionException.throwIt(javacard.framework.TransactionException.IN_PROGRESS);
        }
        inTransaction = true;
    }

    void commit() {
        if (!inTransaction) {
            javacard.framework.TransactionException.throwIt(javacard.framework.TransactionException.NOT_IN_PROGRESS);
        }
        undo.clear();
        inTransaction = false;
        journaledCommitted += journaledInOpenTransaction;
        journaledInOpenTransaction = 0;
        workingStood += workingInOpenTransaction;
        workingInOpenTransaction = 0;
    }

    void abort() {
        if (!inTransaction) {
            javacard.framework.TransactionException.throwIt(javacard.framework.TransactionException.NOT_IN_PROGRESS);
        }
        rollback();
    }

    /** A persistent write is about to happen: count it, and cut the power if this is the armed point. */
    void beforeWrite(String what, int bytes) {
        clock.checkNotMute();
        if (torn) {
            throw new PowerLoss("after the tear (" + what + ")");
        }
        writes++;
        if (armedAt != 0 && writes == armedAt) {
            torn = true;
            armedAt = 0;
            tornAt = "write " + writes + " (" + what + ")";
            throw new PowerLoss(tornAt);
        }
        persistentBytes += bytes;
    }

    void journalField(VarHandle handle, Object target, Object oldValue) {
        if (inTransaction) {
            countJournaled();
            undo.add(target == null ? () -> handle.set(oldValue) : () -> handle.set(target, oldValue));
        }
    }

    void journalBytes(byte[] array, int offset, int length) {
        if (inTransaction && length > 0) {
            countJournaled();
            byte[] old = java.util.Arrays.copyOfRange(array, offset, offset + length);
            undo.add(() -> System.arraycopy(old, 0, array, offset, old.length));
        }
    }

    void journalElement(Object array, int index) {
        if (!inTransaction) {
            return;
        }
        countJournaled();
        if (array instanceof short[] a) {
            short old = a[index];
            undo.add(() -> a[index] = old);
        } else if (array instanceof boolean[] a) {
            boolean old = a[index];
            undo.add(() -> a[index] = old);
        } else if (array instanceof int[] a) {
            int old = a[index];
            undo.add(() -> a[index] = old);
        } else if (array instanceof Object[] a) {
            Object old = a[index];
            undo.add(() -> a[index] = old);
        } else if (array instanceof byte[] a) {
            byte old = a[index];
            undo.add(() -> a[index] = old);
        }
    }

    /**
     * The write just made loaded a public key. It is a persistent write, a tear point and
     * journaled like any other, but it is working memory, not the applet's state: Java Card has
     * no transient public keys, so an applet verifying a signature loads the signer's key into a
     * persistent one on every card. It does not count among the {@link #committedWrites} that show
     * whether a refused command changed anything.
     */
    void workingWrite() {
        if (inTransaction) {
            workingInOpenTransaction++;
        } else {
            workingStood++;
        }
    }

    /** Journals an undo of a persistent update the runtime made for an API call, if a transaction is open. */
    void journal(Runnable undoIt) {
        if (inTransaction) {
            countJournaled();
            undo.add(undoIt);
        }
    }

    /** A loop turn or a method call of applet code: past the time limit, the card is mute from here on. */
    void tick() {
        clock.tick();
    }

    Construction construction() {
        return construction;
    }

    /** Whether an array inside an API object (a PIN's flags, a key's bytes) is RAM; arrays compare by identity. */
    boolean transientApiArray(Object array) {
        return apiArrayTransient.computeIfAbsent(array, ObjectState::isTransient);
    }

    private void countJournaled() {
        journaled++;
        journaledInOpenTransaction++;
    }

    void countSm2Signature() {
        sm2Signatures++;
    }

    void countSm2Verification() {
        sm2Verifications++;
    }

    void countSm3(int bytes) {
        sm3Bytes += bytes;
    }

    void countSm2KeyGeneration() {
        sm2KeyGenerations++;
    }

    void countSignature() {
        signatures++;
    }

    void countVerification() {
        verifications++;
    }

    void countDigest(int bytes) {
        digestBytes += bytes;
    }

    void countRandom(int bytes) {
        randomBytes += bytes;
    }

    void countKeyGeneration() {
        keyGenerations++;
    }
}
