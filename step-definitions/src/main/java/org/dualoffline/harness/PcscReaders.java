package org.dualoffline.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.TerminalFactory;
import org.dualoffline.se.CardTransport;
import org.dualoffline.se.pcsc.PcscException;
import org.dualoffline.se.pcsc.PcscStack;
import org.dualoffline.se.pcsc.PcscTransport;

/**
 * The PC/SC readers of a {@code se.kind=pcsc} run, handed out one per wallet: the first wallet a
 * scenario issues gets the first reader of {@code pcsc.readers}, the second the second, and so
 * on; when the scenario ends its readers are free again. A scenario that holds more wallets at
 * once than there are readers is NOT APPLICABLE to the profile (each wallet is a card and needs a
 * reader of its own), and says so. Scenarios take the readers one scenario at a time (a second
 * scenario thread waits until the first ends), since a reader cannot serve two scenarios.
 *
 * <p>Each wallet must start as a freshly installed applet, as it does on the emulated SEs. With
 * {@code pcsc.vpcd.serve=true} the harness puts a new emulated SE (the profile's applet, seeded
 * from the run seed and the wallet's name exactly as on the in-process path) behind the virtual
 * reader's contacts for every wallet. With a physical card the lab provides
 * {@code pcsc.freshCard.command} (which reinstalls the applet, e.g. with GlobalPlatformPro), and
 * the harness checks that the card then holds a wallet in state NEW: a card with a used wallet on
 * it would make every scenario fail for a reason that is not the device's ({@link FreshCards}).
 */
public final class PcscReaders implements AutoCloseable {
    /** How long a reader may take to show a card (pcscd polls the vpcd reader every 400 ms). */
    static final Duration CARD_WAIT = Duration.ofSeconds(10);

    private static PcscReaders current;

    private final Profile profile;
    private final Profile.PcscSettings settings;
    private final FreshCards freshCards;
    private final List<PcscTransport> leased = new ArrayList<>();
    private TerminalFactory factory;
    private Thread owner;

    private PcscReaders(Profile profile) {
        this.profile = profile;
        this.settings = profile.pcsc();
        this.freshCards = new FreshCards(profile);
    }

    /** The readers of {@code profile}'s run (made on first use; a run with another profile replaces them). */
    public static synchronized PcscReaders of(Profile profile) {
        if (profile.seKind() != Profile.SeKind.PCSC || profile.pcsc() == null) {
            throw new IllegalArgumentException("profile " + profile.name() + " does not use PC/SC readers");
        }
        if (current != null && current.profile != profile) {
            current.close();
            current = null;
        }
        if (current == null) {
            current = new PcscReaders(profile);
        }
        return current;
    }

    /** Frees the readers the calling scenario holds (its cards are powered off), if any. */
    public static void endScenario() {
        PcscReaders r;
        synchronized (PcscReaders.class) {
            r = current;
        }
        if (r != null) {
            r.release();
        }
    }

    /** Takes every virtual card out of its reader; for the end of the run. */
    public static synchronized void closeAll() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /**
     * The next free reader of the calling scenario, with a fresh wallet applet on its card;
     * {@code seName} and {@code seed} seed the emulated SE when the harness serves the reader itself.
     */
    public synchronized CardTransport lease(String seName, long seed) {
        Thread me = Thread.currentThread();
        while (owner != null && owner != me) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the PC/SC readers", e);
            }
        }
        owner = me;
        List<String> readers = settings.readers();
        if (leased.size() >= readers.size()) {
            throw new NotApplicable("this scenario holds more than " + readers.size()
                    + " wallets at once, and the profile names " + readers.size() + " PC/SC readers (pcsc.readers): through PC/SC "
                    + "each wallet is a card in a reader of its own");
        }
        int slot = leased.size();
        try {
            freshCards.prepare(slot, seName, seed, this::factory);
            PcscTransport t = PcscTransport.open(factory(), readers.get(slot), CARD_WAIT, seName);
            freshCards.check(t);
            leased.add(t);
            return t;
        } catch (PcscException e) {
            if (e.problem() == PcscException.Problem.LINK) {
                throw e;
            }
            throw new Profile.ProfileException("profile " + profile.name() + " (se.kind=pcsc, reader " + (slot + 1) + " of pcsc.readers \""
                    + readers.get(slot) + "\"): " + e.getMessage());
        }
    }

    /** Readers taken by the current scenario so far. */
    public synchronized int leased() {
        return leased.size();
    }

    private synchronized void release() {
        if (owner != Thread.currentThread()) {
            return;
        }
        for (PcscTransport t : leased) {
            t.close();
        }
        leased.clear();
        owner = null;
        notifyAll();
    }

    @Override
    public synchronized void close() {
        for (PcscTransport t : leased) {
            t.close();
        }
        leased.clear();
        freshCards.close();
        owner = null;
        notifyAll();
    }

    private TerminalFactory factory() {
        if (factory == null) {
            factory = PcscStack.factory();
        }
        return factory;
    }
}
