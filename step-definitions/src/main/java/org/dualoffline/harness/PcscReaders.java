package org.dualoffline.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.TerminalFactory;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletState;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.CardTransport;
import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.ResponseApdu;
import org.dualoffline.se.SecureElementException;
import org.dualoffline.se.pcsc.PcscException;
import org.dualoffline.se.pcsc.PcscStack;
import org.dualoffline.se.pcsc.PcscTransport;
import org.dualoffline.se.pcsc.VpcdCard;

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
 * it would make every scenario fail for a reason that is not the device's.
 */
public final class PcscReaders implements AutoCloseable {
    /** How long a reader may take to show a card (pcscd polls the vpcd reader every 400 ms). */
    static final Duration CARD_WAIT = Duration.ofSeconds(10);
    static final Duration FRESH_CARD_TIMEOUT = Duration.ofMinutes(2);

    private static PcscReaders current;

    private final Profile profile;
    private final Profile.PcscSettings settings;
    private final VpcdCard[] cards;
    private final List<PcscTransport> leased = new ArrayList<>();
    private TerminalFactory factory;
    private Thread owner;

    private PcscReaders(Profile profile) {
        this.profile = profile;
        this.settings = profile.pcsc();
        this.cards = new VpcdCard[settings.readers().size()];
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
            if (settings.serveVpcd()) {
                insertFreshChip(slot, seName, seed);
            } else if (!settings.freshCardCommand().isEmpty()) {
                runFreshCardCommand(PcscStack.resolve(PcscStack.readerNames(factory()), readers.get(slot)));
            }
            PcscTransport t = PcscTransport.open(factory(), readers.get(slot), CARD_WAIT, seName);
            if (!settings.serveVpcd()) {
                requireFreshWallet(t);
            }
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
        for (int i = 0; i < cards.length; i++) {
            if (cards[i] != null) {
                cards[i].close();
                cards[i] = null;
            }
        }
        owner = null;
        notifyAll();
    }

    private TerminalFactory factory() {
        if (factory == null) {
            factory = PcscStack.factory();
        }
        return factory;
    }

    /**
     * The virtual card in reader {@code slot} gets a new emulated SE; the card itself is inserted
     * once per run (pcscd notices an insertion only at its next poll).
     */
    private void insertFreshChip(int slot, String seName, long seed) {
        JcardsimSecureElement chip = new JcardsimSecureElement(seName, profile.applet(), profile.aid(), profile.installParameters(), seed);
        VpcdCard card = cards[slot];
        if (card != null && !card.inserted()) {
            throw new PcscException(PcscException.Problem.UNAVAILABLE, "the virtual card at vpcd " + card.endpoint() + " fell out of its reader: "
                    + card.endedBecause());
        }
        if (card == null) {
            cards[slot] = VpcdCard.insert(settings.vpcdHost(), settings.vpcdPorts().get(slot), chip, Duration.ofSeconds(5));
        } else {
            card.swap(chip);
        }
    }

    private void runFreshCardCommand(String reader) {
        String command = settings.freshCardCommand();
        Path log = null;
        try {
            log = Files.createTempFile("dualoffline-fresh-card", ".log");
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("DUALOFFLINE_READER", reader);
            Process process = pb.start();
            if (!process.waitFor(FRESH_CARD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new Profile.ProfileException("pcsc.freshCard.command did not finish within " + FRESH_CARD_TIMEOUT.toSeconds()
                        + " s for reader \"" + reader + "\": " + command);
            }
            if (process.exitValue() != 0) {
                throw new Profile.ProfileException("pcsc.freshCard.command exited with " + process.exitValue() + " for reader \"" + reader
                        + "\": " + command + "; its output ends: " + tail(Files.readString(log, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new Profile.ProfileException("pcsc.freshCard.command could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the card in \"" + reader + "\"", e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temp file left behind
                }
            }
        }
    }

    /** The card must hold the profile's applet as freshly installed (state NEW), else no scenario could be judged on it. */
    private void requireFreshWallet(PcscTransport t) {
        try {
            ResponseApdu.of(t.transceive(WalletCommands.select(profile.aid()))).check("select the wallet applet");
            WalletStatus status = WalletStatus.decode(ResponseApdu.of(t.transceive(WalletCommands.getStatus())).check("read the wallet status"));
            if (status.state() != WalletState.NEW) {
                t.close();
                throw new Profile.ProfileException("the card in PC/SC reader \"" + t.readerName() + "\" holds a wallet in state " + status.state()
                        + ", not a freshly installed one: every wallet of a scenario starts as a new applet, so set pcsc.freshCard.command "
                        + "to a command that reinstalls it (see docs/pcsc.md)");
            }
        } catch (SecureElementException e) {
            t.close();
            throw new Profile.ProfileException("the card in PC/SC reader \"" + t.readerName() + "\" does not answer as a wallet applet "
                    + org.dualoffline.protocol.Hex.of(profile.aid()) + ": " + e.getMessage());
        }
    }

    private static String tail(String output) {
        String s = output.strip();
        return s.length() <= 400 ? s : "..." + s.substring(s.length() - 400);
    }
}
