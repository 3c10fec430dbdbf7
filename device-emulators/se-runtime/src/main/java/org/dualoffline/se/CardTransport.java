package org.dualoffline.se;

/**
 * The one seam to every secure element: command APDU bytes in, response APDU bytes (data and
 * SW1 SW2) out. jcardsim in-process, a PC/SC reader or a vendor's applet all sit behind it;
 * tracing, timing and tearing are decorators around it.
 */
public interface CardTransport extends AutoCloseable {
    byte[] transceive(byte[] command);

    /** What is behind this transport, for traces and reports ("jcardsim: org.x.WalletApplet"). */
    String describe();

    @Override
    default void close() {}
}
