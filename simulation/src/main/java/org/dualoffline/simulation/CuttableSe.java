package org.dualoffline.simulation;

import org.dualoffline.se.ApduCost;
import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.MeteredTransport;
import org.dualoffline.se.PowerLostException;
import org.dualoffline.se.Tearable;

/**
 * A town wallet's emulated SE, whose power the simulation can cut in the middle of a touch: before
 * the n-th command from now, or at a persistent write of it ({@link JcardsimSecureElement#armTearAtWrite}),
 * as a card pulled away or a reader that loses power does. The SE comes back as a real card does.
 */
final class CuttableSe implements Tearable, MeteredTransport {
    private final JcardsimSecureElement se;
    private int commandsUntilCut;
    private int write;

    CuttableSe(JcardsimSecureElement se) {
        this.se = se;
    }

    /** Cuts the power at the {@code command}-th command from now (1-based): before it when {@code write} is 0, else at its {@code write}-th persistent write. */
    void armCut(int command, int write) {
        if (command < 1 || write < 0) {
            throw new IllegalArgumentException("a cut is at command 1 or later and write 0 (before it) or later, got " + command + "/" + write);
        }
        this.commandsUntilCut = command;
        this.write = write;
    }

    /** Whether an armed cut has not fired (the touch ended before it); disarms it. */
    boolean disarm() {
        boolean pending = commandsUntilCut > 0;
        commandsUntilCut = 0;
        se.armTearAtWrite(0);
        return pending;
    }

    @Override
    public byte[] transceive(byte[] command) {
        if (commandsUntilCut > 0 && --commandsUntilCut == 0) {
            if (write == 0) {
                se.tear();
                throw new PowerLostException(se.name() + " lost power before a command (the simulation's power cut)");
            }
            se.armTearAtWrite(write);
        }
        return se.transceive(command);
    }

    @Override
    public void tear() {
        se.tear();
    }

    @Override
    public ApduCost lastCost() {
        return se.lastCost();
    }

    @Override
    public String describe() {
        return se.describe();
    }
}
