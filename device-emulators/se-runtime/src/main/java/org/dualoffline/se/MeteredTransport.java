package org.dualoffline.se;

/** A transport that can tell what its last APDU cost inside the secure element. */
public interface MeteredTransport extends CardTransport {
    /** The cost of the most recent {@link #transceive}; {@link ApduCost#NONE} before the first. */
    ApduCost lastCost();
}
