package org.dualoffline.se.pcsc;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.dualoffline.protocol.Hex;
import org.dualoffline.se.Tearable;

/**
 * A secure element in a PC/SC reader, reached through pcscd by {@code javax.smartcardio}: the
 * same bytes the in-process SEs get, so the features never know the difference.
 *
 * <p>Commands go out as raw bytes ({@link CardChannel#transmit(ByteBuffer, ByteBuffer)}), not as
 * parsed {@code CommandAPDU}s, so that a malformed command the harness sends on purpose reaches
 * the card as it is. The JDK's channel already follows ISO 7816-4 for a card that answers
 * {@code 61xx} (it fetches the rest with GET RESPONSE) or {@code 6Cxx} (it repeats the command
 * with the Le the card asked for), for T=0 and T=1 alike, so that is not repeated here.
 *
 * <p>Power: {@link #tear()} disconnects with {@code SCARD_UNPOWER_CARD}, which makes pcscd cut
 * the card's power; the next command connects again, which powers it up. Through PC/SC the
 * harness can only do this between two APDUs: it cannot cut the power in the middle of one.
 */
public final class PcscTransport implements Tearable {
    /** Longest response the JDK may assemble from GET RESPONSE chaining (extended length, plus SW). */
    private static final int MAX_RESPONSE = 65_538;

    private final CardTerminal terminal;
    private final String label;
    private Card card;
    private CardChannel channel;
    private int powerCuts;

    private PcscTransport(CardTerminal terminal, String label) {
        this.terminal = terminal;
        this.label = label;
    }

    /**
     * Connects to the card in the reader {@code wanted} names (a name or a unique part of one),
     * waiting up to {@code waitForCard} for a card to be there.
     */
    public static PcscTransport open(TerminalFactory factory, String wanted, Duration waitForCard, String label) {
        CardTerminal terminal = PcscStack.terminal(factory, wanted);
        try {
            if (!terminal.isCardPresent() && !terminal.waitForCardPresent(Math.max(1, waitForCard.toMillis()))) {
                throw new PcscException(PcscException.Problem.NO_CARD, "no card in PC/SC reader \"" + terminal.getName() + "\" (waited "
                        + waitForCard.toMillis() + " ms)");
            }
        } catch (CardException e) {
            throw new PcscException(PcscException.Problem.LINK, "cannot watch PC/SC reader \"" + terminal.getName() + "\": " + e.getMessage(), e);
        }
        PcscTransport t = new PcscTransport(terminal, label);
        t.connect();
        return t;
    }

    @Override
    public synchronized byte[] transceive(byte[] command) {
        if (command == null || command.length < 4) {
            throw new IllegalArgumentException("a command APDU has at least 4 bytes, got " + (command == null ? 0 : command.length));
        }
        if (channel == null) {
            connect();
        }
        ByteBuffer response = ByteBuffer.allocate(MAX_RESPONSE);
        try {
            int n = channel.transmit(ByteBuffer.wrap(command), response);
            return Arrays.copyOf(response.array(), n);
        } catch (CardException | IllegalStateException e) {
            drop();
            throw new PcscException(PcscException.Problem.LINK, "APDU " + Hex.of(Arrays.copyOf(command, 4)) + "... to PC/SC reader \""
                    + terminal.getName() + "\" failed: " + message(e), e);
        }
    }

    /** Power off between two APDUs (SCARD_UNPOWER_CARD); the next command powers the card up again. */
    @Override
    public synchronized void tear() {
        if (card != null) {
            try {
                card.disconnect(true);
            } catch (CardException | IllegalStateException e) {
                throw new PcscException(PcscException.Problem.LINK, "cannot power off the card in PC/SC reader \"" + terminal.getName() + "\": "
                        + message(e), e);
            } finally {
                card = null;
                channel = null;
            }
        }
        powerCuts++;
    }

    /** How often {@link #tear()} cut the power. */
    public synchronized int powerCuts() {
        return powerCuts;
    }

    /** The ATR of the card as last connected; empty when not connected. */
    public synchronized byte[] atr() {
        return card == null ? new byte[0] : card.getATR().getBytes();
    }

    public String readerName() {
        return terminal.getName();
    }

    @Override
    public String describe() {
        return "PC/SC reader \"" + terminal.getName() + "\"" + (label == null || label.isEmpty() ? "" : ": " + label);
    }

    /** The card leaves the harness's hands powered off, as a card taken out of the field. */
    @Override
    public synchronized void close() {
        if (card != null) {
            try {
                card.disconnect(true);
            } catch (CardException | IllegalStateException e) {
                // The card or reader is already gone; there is nothing left to power off.
            }
            card = null;
            channel = null;
        }
    }

    private void connect() {
        try {
            // "*": whichever protocol the card's ATR offers (T=1 for contactless and virtual cards, T=0 for some contact cards).
            card = terminal.connect("*");
            channel = card.getBasicChannel();
        } catch (CardException e) {
            card = null;
            channel = null;
            PcscException.Problem problem = message(e).contains("SCARD_E_NO_SMARTCARD") || message(e).contains("SCARD_W_REMOVED_CARD")
                    ? PcscException.Problem.NO_CARD : PcscException.Problem.LINK;
            throw new PcscException(problem, (problem == PcscException.Problem.NO_CARD ? "no card in" : "cannot connect to the card in")
                    + " PC/SC reader \"" + terminal.getName() + "\": " + message(e), e);
        }
    }

    private void drop() {
        if (card != null) {
            try {
                card.disconnect(false);
            } catch (CardException | IllegalStateException e) {
                // Already broken: the next command connects afresh.
            }
        }
        card = null;
        channel = null;
    }

    private static String message(Exception e) {
        Throwable c = e.getCause() != null ? e.getCause() : e;
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
