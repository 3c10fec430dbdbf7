package org.dualoffline.se;

import com.licel.jcardsim.base.Simulator;
import com.licel.jcardsim.base.SimulatorRuntime;
import org.dualoffline.protocol.Hex;
import org.dualoffline.se.runtime.CardMemory;
import org.dualoffline.se.runtime.Jcre;

/**
 * A secure element emulated in-process by jcardsim: its own {@link SimulatorRuntime} (so
 * selection and transient memory are per SE) with one applet installed, whose classes are
 * loaded for this SE alone and instrumented so that persistent memory behaves as on a real
 * card ({@link CardMemory}): transactions roll back, an exception escaping {@code process()}
 * aborts the open transaction, and power can be cut at any persistent write.
 *
 * <p>Randomness: jcardsim's {@code RandomData} reads its seed from a system property when an
 * applet allocates it, and is otherwise the same unseeded sequence in every SE, so every
 * payee would issue the same challenges. Each SE is therefore installed with its own seed,
 * derived from the run seed and the SE's name. P-256 key pairs come from the SE's own seeded
 * generator and ECDSA signatures are deterministic (RFC 6979), so a run is reproducible from its
 * seed, keys and signatures included (see {@code runtime.P256Engine}).
 */
public final class JcardsimSecureElement implements Tearable, MeteredTransport, Journaled {
    // WORKAROUND: jcardsim's RandomDataImpl reads this property in its constructor only.
    private static final String SEED_PROPERTY = "com.licel.jcardsim.randomdata.seed";
    private static final Object INSTALL_LOCK = new Object();

    static {
        // WORKAROUND: jcardsim's SignatureProxy prints a line to stdout on every Signature.getInstance.
        JcardsimNoiseFilter.install();
    }

    private final String name;
    private final AppletSource source;
    private final byte[] aid;
    private final long seed;
    private final SimulatorRuntime runtime = new SimulatorRuntime();
    private final CardMemory memory;
    private final Simulator simulator;
    private ApduCost lastCost = ApduCost.NONE;
    /** How messages name a command: raw INS bytes unless the applet speaks the wallet protocol. */
    private volatile boolean walletProtocol;
    private int lastCommittedWrites;

    public JcardsimSecureElement(String name, AppletSource source, byte[] aid, byte[] installParameters, long seed) {
        this.name = name;
        this.source = source;
        this.aid = aid.clone();
        this.seed = seed;
        this.memory = new CardMemory(seedBytes(seed, "keys/" + name));
        Class<? extends javacard.framework.Applet> appletClass = source.load();
        synchronized (INSTALL_LOCK) {
            String previous = System.getProperty(SEED_PROPERTY);
            System.setProperty(SEED_PROPERTY, Hex.of(seedBytes(seed, name)));
            CardMemory previousMemory = Jcre.enter(memory);
            try {
                this.simulator = new Simulator(runtime);
                ScratchBuffers.lend(runtime);
                byte[] install = installData(aid, installParameters);
                memory.startApdu(); // the install is held to the default command time limit (5 s): an install that never ends fails here
                simulator.installApplet(new javacard.framework.AID(aid, (short) 0, (byte) aid.length), appletClass, install, (short) 0, (byte) install.length);
                if (memory.mute() != null) {
                    throw new IllegalStateException("the applet's install did not end: " + memory.mute());
                }
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("could not install " + source.describe() + " on " + name + ": " + e, e);
            } finally {
                Jcre.leave(previousMemory);
                if (previous == null) {
                    System.clearProperty(SEED_PROPERTY);
                } else {
                    System.setProperty(SEED_PROPERTY, previous);
                }
            }
        }
    }

    @Override
    public byte[] transceive(byte[] command) {
        byte[] framed = shortApdu(command == null ? new byte[0] : command);
        synchronized (runtime) {
            CardMemory previous = Jcre.enter(memory);
            try {
                ScratchBuffers.lend(runtime);
                memory.startApdu();
                if (framed == null) {
                    lastCost = memory.cost();
                    lastCommittedWrites = 0;
                    return new byte[] {0x67, 0x00}; // the card's OS answers; no applet sees the command
                }
                byte[] response = simulator.transmitCommand(framed);
                lastCost = memory.cost();
                if (memory.mute() != null) {
                    // The reader gave up waiting and cut the field: the card comes back as after a power loss.
                    String why = memory.mute();
                    recoverFromPowerLoss();
                    lastCommittedWrites = memory.committedWrites();
                    throw new CardMuteException(name + " never answered " + commandName(command) + ": " + why);
                }
                if (memory.torn()) {
                    String where = memory.tornAt();
                    recoverFromPowerLoss();
                    lastCommittedWrites = memory.committedWrites() - 1; // the write at the tear never happened
                    throw new PowerLostException(name + " lost power at " + where + " of " + commandName(command));
                }
                if (memory.inTransaction()) {
                    // A real JCRE aborts a transaction still open when process() returns, normally or not.
                    memory.rollback();
                }
                lastCommittedWrites = memory.committedWrites();
                return response;
            } finally {
                Jcre.leave(previous);
            }
        }
    }

    /**
     * The command as the applet's APDU buffer takes it, or null when the card's OS answers it
     * {@code 6700} itself (ISO/IEC 7816-3 and -4 framing): fewer than 4 bytes; a length byte
     * that does not match the bytes after it; an extended-length command (none of the spec's
     * commands is one, and a Java Card applet that does not implement {@code ExtendedLength}
     * never sees one). A command with 255 data bytes and an Le is 261 bytes on the wire; a
     * card's buffer holds the header and the data, not the Le, and so does jcardsim's (260
     * bytes, which it would otherwise overflow with 6F00): the Le is dropped there.
     */
    static byte[] shortApdu(byte[] c) {
        if (c.length < 4) {
            return null;
        }
        if (c.length <= 5) {
            return c; // case 1, or case 2 with its Le
        }
        int lc = c[4] & 0xFF;
        if (lc == 0) {
            return null; // extended length
        }
        if (c.length == 5 + lc) {
            return c; // case 3
        }
        if (c.length == 6 + lc) {
            return lc == 255 ? java.util.Arrays.copyOf(c, 5 + lc) : c; // case 4
        }
        return null;
    }

    /**
     * Arms a tear for the next command and for it alone: power is cut at its {@code k}-th
     * persistent write (1-based) and it throws {@link PowerLostException}; a command that makes
     * fewer writes completes as usual and the tear is gone, it never reaches a later command.
     * 0 disarms.
     */
    public void armTearAtWrite(int k) {
        synchronized (runtime) {
            memory.armTearAtWrite(k);
        }
    }

    /**
     * How long a command may run, in real time, before the reader gives up and the card counts
     * as mute ({@link CardMuteException}): a reader's waiting time. 5 seconds unless set.
     */
    public JcardsimSecureElement commandTimeLimit(java.time.Duration limit) {
        synchronized (runtime) {
            memory.timeLimit(limit);
        }
        return this;
    }

    /** Sends {@code command} with power cut at its {@code k}-th persistent write; see {@link #armTearAtWrite}. */
    public byte[] transceiveTearingAt(byte[] command, int k) {
        synchronized (runtime) {
            armTearAtWrite(k);
            return transceive(command);
        }
    }

    /**
     * Marks the applet as a wallet of the dual-offline protocol: messages name its commands
     * ("PAY") instead of giving their raw instruction byte ("INS 24"), which is all they say for
     * any other applet.
     */
    public JcardsimSecureElement speaksWalletProtocol() {
        walletProtocol = true;
        return this;
    }

    private String commandName(byte[] command) {
        if (walletProtocol) {
            return WalletCommandsNames.of(command);
        }
        return command.length > 1 ? String.format("INS %02X", command[1] & 0xFF) : "a command";
    }

    @Override
    public int lastCommittedWrites() {
        return lastCommittedWrites;
    }

    /** Persistent writes the last command made (up to the tear if it was torn): its tear points. */
    public int lastWrites() {
        return lastCost.persistentWrites();
    }

    @Override
    public ApduCost lastCost() {
        return lastCost;
    }

    private void recoverFromPowerLoss() {
        memory.rollback();
        memory.armTearAtWrite(0);
        ScratchBuffers.lend(runtime);
        simulator.reset();
    }

    /**
     * Power lost and restored: RAM (transient arrays of both kinds) is cleared and no applet is
     * selected, an open transaction is rolled back.
     */
    public void powerCycle() {
        synchronized (runtime) {
            recoverFromPowerLoss();
        }
    }

    @Override
    public void tear() {
        powerCycle();
    }

    public byte[] aid() {
        return aid.clone();
    }

    public String name() {
        return name;
    }

    public long seed() {
        return seed;
    }

    @Override
    public String describe() {
        return "jcardsim " + name + ": " + source.describe();
    }

    /** Java Card install parameters: javacard.framework.AID, no privileges, then the applet's own parameters. */
    static byte[] installData(byte[] aid, byte[] appletParameters) {
        byte[] params = appletParameters == null ? new byte[0] : appletParameters;
        byte[] b = new byte[1 + aid.length + 1 + 1 + params.length];
        int off = 0;
        b[off++] = (byte) aid.length;
        System.arraycopy(aid, 0, b, off, aid.length);
        off += aid.length;
        b[off++] = 0;
        b[off++] = (byte) params.length;
        System.arraycopy(params, 0, b, off, params.length);
        return b;
    }

    /** 32 seed bytes from the run seed and the SE's name (SplitMix64 over both). */
    static byte[] seedBytes(long seed, String name) {
        long x = seed ^ name.hashCode() * 0x9E3779B97F4A7C15L;
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i += 8) {
            x += 0x9E3779B97F4A7C15L;
            long z = x;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            for (int j = 0; j < 8; j++) {
                out[i + j] = (byte) (z >>> (8 * j));
            }
        }
        return out;
    }
}
