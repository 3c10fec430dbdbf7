package org.dualoffline.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.smartcardio.TerminalFactory;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletState;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.ResponseApdu;
import org.dualoffline.se.SecureElementException;
import org.dualoffline.se.pcsc.PcscException;
import org.dualoffline.se.pcsc.PcscStack;
import org.dualoffline.se.pcsc.PcscTransport;
import org.dualoffline.se.pcsc.VpcdCard;

/**
 * Makes the card in a PC/SC reader a freshly installed wallet before a wallet is issued on it
 * (see {@link PcscReaders}): with {@code pcsc.vpcd.serve=true} a new emulated SE behind the
 * virtual reader's contacts; with a lab's card, {@code pcsc.freshCard.command}, after which the
 * card must hold a wallet in state NEW.
 */
final class FreshCards implements AutoCloseable {
    static final Duration FRESH_CARD_TIMEOUT = Duration.ofMinutes(2);

    private final Profile profile;
    private final Profile.PcscSettings settings;
    private final VpcdCard[] cards;

    FreshCards(Profile profile) {
        this.profile = profile;
        this.settings = profile.pcsc();
        this.cards = new VpcdCard[settings.readers().size()];
    }

    /** Before the reader in {@code slot} is opened: a fresh chip behind the virtual reader, or the lab's fresh-card command run on it. */
    void prepare(int slot, String seName, long seed, Supplier<TerminalFactory> factory) {
        if (settings.serveVpcd()) {
            insertFreshChip(slot, seName, seed);
        } else if (!settings.freshCardCommand().isEmpty()) {
            runFreshCardCommand(PcscStack.resolve(PcscStack.readerNames(factory.get()), settings.readers().get(slot)));
        }
    }

    /** Once the reader is open: a lab's card must hold the profile's applet as freshly installed. */
    void check(PcscTransport t) {
        if (!settings.serveVpcd()) {
            requireFreshWallet(t);
        }
    }

    /** Takes every virtual card out of its reader. */
    @Override
    public void close() {
        for (int i = 0; i < cards.length; i++) {
            if (cards[i] != null) {
                cards[i].close();
                cards[i] = null;
            }
        }
    }

    /**
     * The virtual card in reader {@code slot} gets a new emulated SE; the card itself is inserted
     * once per run (pcscd notices an insertion only at its next poll).
     */
    private void insertFreshChip(int slot, String seName, long seed) {
        JcardsimSecureElement chip = new JcardsimSecureElement(seName, profile.applet(), profile.aid(), profile.installParameters(), seed).speaksWalletProtocol()
                    .commandTimeLimit(profile.commandTimeLimit());
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
