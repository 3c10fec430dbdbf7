package org.dualoffline.se.campaign;

import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.PowerLostException;

/**
 * One command sent with the power cut at one of its persistent writes: the step every tear
 * campaign repeats, the generic one ({@link TearCampaignRunner}) and the wallet's flows alike.
 * After a cut the SE has come back as a card does (an open transaction rolled back, RAM cleared,
 * no applet selected).
 *
 * @param write the tear point: the persistent write of the command the power was cut at (1-based)
 * @param reached whether the power was cut; false when the command made fewer writes and completed
 * @param where the write as the runtime names it ("write 3 (array element)"), or null when not reached
 * @param answer the command's answer when it completed (not reached), else null: a torn command has none
 */
public record TornCommand(int write, boolean reached, String where, byte[] answer) {
    /** Sends {@code command} to {@code se} with the power cut at its {@code write}-th persistent write. */
    public static TornCommand send(JcardsimSecureElement se, byte[] command, int write) {
        if (write < 1) {
            throw new IllegalArgumentException("a tear point is a persistent write, 1 or more; got " + write);
        }
        try {
            byte[] answer = se.transceiveTearingAt(command, write);
            return new TornCommand(write, false, null, answer);
        } catch (PowerLostException e) {
            return new TornCommand(write, true, where(e.getMessage(), se.name()), null);
        }
    }

    /**
     * "write 3 (array element)" out of the runtime's "card lost power at write 3 (array element)
     * of INS 01"; the whole message if it does not read that way.
     */
    static String where(String message, String seName) {
        String prefix = seName + " lost power at ";
        if (message == null || !message.startsWith(prefix)) {
            return message;
        }
        String rest = message.substring(prefix.length());
        int of = rest.lastIndexOf(" of ");
        return of > 0 ? rest.substring(0, of) : rest;
    }
}
