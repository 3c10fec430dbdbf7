package org.dualoffline.se.pcsc;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.dualoffline.protocol.Hex;
import org.dualoffline.se.CardTransport;
import org.dualoffline.se.Tearable;

/**
 * The card side of a vsmartcard virtual reader: puts a chip (any {@link CardTransport}, such as
 * an emulated SE with the reference wallet) into a "Virtual PCD" reader of pcscd, so that
 * everything a PC/SC client sends that reader travels through pcscd and the vpcd driver to it.
 *
 * <p>vpcd is the TCP server (pcscd's driver listens on 35963 for its first reader, 35964 for the
 * second); the card connects to it as a client, and being connected is being inserted. Every
 * message either way is a 2-byte big-endian length and that many bytes. From vpcd, a 1-byte
 * message is a control: {@code 00} power off, {@code 01} power on, {@code 02} reset (these three
 * are not answered) and {@code 04} "your ATR?" (answered with the ATR; pcscd also asks it every
 * few hundred milliseconds to see that the card is still there); any longer message is a command
 * APDU, answered with the response APDU.
 *
 * <p>Power off and reset are power cycles of the chip ({@link Tearable#tear()}: RAM cleared, an
 * open transaction rolled back, nothing selected), which is what the card would go through.
 *
 * <p>{@link #insert} swaps the chip behind the contacts without the card leaving the reader: pcscd
 * cannot see that, so the caller powers the card down (disconnects with SCARD_UNPOWER_CARD)
 * before and connects afresh after, and the new chip starts as a freshly inserted card would.
 * This is what gives every wallet of a scenario a new SE without waiting for pcscd's card
 * polling to notice a removal and an insertion.
 */
public final class VpcdCard implements AutoCloseable {
    /** vpcd's port for its first reader ("Virtual PCD 00 00"); reader n listens on this + n. */
    public static final int DEFAULT_PORT = 35963;
    /** A minimal ATR: T=1 only (TD1 80, TD2 01), no historical bytes, with its check byte. */
    public static final byte[] ATR = Hex.parse("3b80800101");
    /** Answered when the chip throws instead of answering, so the reader is never left waiting. */
    static final byte[] NO_PRECISE_DIAGNOSIS = {0x6F, 0x00};

    static final int POWER_OFF = 0x00;
    static final int POWER_ON = 0x01;
    static final int RESET = 0x02;
    static final int GET_ATR = 0x04;

    private final String endpoint;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Thread server;
    private final Object lock = new Object();
    private CardTransport chip;
    private int powerCycles;
    private int commands;
    private volatile String ended;
    private volatile RuntimeException lastChipError;

    private VpcdCard(String endpoint, Socket socket, CardTransport chip) throws IOException {
        this.endpoint = endpoint;
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.chip = chip;
        this.server = new Thread(this::serve, "vpcd-card-" + endpoint);
        this.server.setDaemon(true);
    }

    /**
     * Inserts {@code chip} into the virtual reader whose vpcd driver listens at {@code host:port}.
     * Fails with {@link PcscException.Problem#UNAVAILABLE} when nothing listens there (pcscd not
     * running, or vsmartcard-vpcd not installed).
     */
    public static VpcdCard insert(String host, int port, CardTransport chip, Duration connectTimeout) {
        String endpoint = host + ":" + port;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
            VpcdCard card = new VpcdCard(endpoint, socket, chip);
            card.server.start();
            return card;
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing was opened
            }
            throw new PcscException(PcscException.Problem.UNAVAILABLE, "PC/SC unavailable: no vpcd virtual reader listens on " + endpoint
                    + " (" + e.getMessage() + "); it comes with pcscd and vsmartcard-vpcd (Debian: apt-get install pcscd vsmartcard-vpcd, then start pcscd)", e);
        }
    }

    /** Puts a new chip behind the contacts (see the class comment); the next APDU goes to it. */
    public void swap(CardTransport newChip) {
        synchronized (lock) {
            this.chip = newChip;
        }
    }

    /** Power offs and resets the reader sent since the card was inserted. */
    public int powerCycles() {
        synchronized (lock) {
            return powerCycles;
        }
    }

    /** Command APDUs the reader sent since the card was inserted. */
    public int commands() {
        synchronized (lock) {
            return commands;
        }
    }

    /** What the chip last threw instead of answering (answered 6F00), or null. */
    public RuntimeException lastChipError() {
        return lastChipError;
    }

    /** Still inserted: vpcd has not closed the connection and {@link #close()} was not called. */
    public boolean inserted() {
        return ended == null;
    }

    /** Why the card is no longer in the reader, or null while it is. */
    public String endedBecause() {
        return ended;
    }

    /** Waits up to {@code timeout} for the card to be out of the reader; true if it is. */
    public boolean awaitRemoval(Duration timeout) throws InterruptedException {
        server.join(Math.max(1, timeout.toMillis()));
        return !server.isAlive();
    }

    public String endpoint() {
        return endpoint;
    }

    /** Takes the card out of the reader (closes the connection; pcscd sees the card removed at its next poll). */
    @Override
    public void close() {
        if (ended == null) {
            ended = "taken out by the harness";
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket that is already broken
        }
    }

    private void serve() {
        try {
            while (true) {
                quickAck();
                int length = in.readUnsignedShort();
                byte[] message = new byte[length];
                quickAck();
                in.readFully(message);
                byte[] answer = handle(message);
                if (answer != null) {
                    byte[] frame = new byte[2 + answer.length];
                    frame[0] = (byte) (answer.length >>> 8);
                    frame[1] = (byte) answer.length;
                    System.arraycopy(answer, 0, frame, 2, answer.length);
                    out.write(frame);
                    out.flush();
                }
            }
        } catch (EOFException e) {
            if (ended == null) {
                ended = "vpcd closed the connection (pcscd stopped?)";
            }
        } catch (IOException e) {
            if (ended == null) {
                ended = "the link to vpcd broke: " + e.getMessage();
            }
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /**
     * WORKAROUND: vpcd 0.8 (Debian's vsmartcard-vpcd 3.3) sends a message's length and its bytes
     * in two writes on a socket without TCP_NODELAY, so Nagle's algorithm holds the bytes back
     * until the length is acknowledged, and Linux delays that acknowledgement by up to 40 ms:
     * every APDU took about 50 ms. Acknowledging at once (TCP_QUICKACK, which Linux clears
     * again after a while, hence before every read) brings it under a millisecond.
     */
    private void quickAck() throws IOException {
        if (QUICK_ACK) {
            socket.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
        }
    }

    private static final boolean QUICK_ACK = supportsQuickAck();

    private static boolean supportsQuickAck() {
        try (Socket s = new Socket()) {
            return s.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_QUICKACK);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The answer to one message from vpcd, or null for the controls that are not answered. */
    byte[] handle(byte[] message) {
        synchronized (lock) {
            if (message.length == 0) {
                return null;
            }
            if (message.length == 1) {
                switch (message[0] & 0xFF) {
                    case POWER_OFF, RESET -> {
                        powerCycles++;
                        if (chip instanceof Tearable t) {
                            t.tear();
                        }
                        return null;
                    }
                    case GET_ATR -> {
                        return ATR.clone();
                    }
                    default -> {
                        // POWER_ON needs nothing: the chip came back from its last power cycle clean. Unknown controls are ignored as vicc does.
                        return null;
                    }
                }
            }
            commands++;
            try {
                return chip.transceive(message);
            } catch (RuntimeException e) {
                lastChipError = e;
                return NO_PRECISE_DIAGNOSIS.clone();
            }
        }
    }
}
