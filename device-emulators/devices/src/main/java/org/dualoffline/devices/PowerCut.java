package org.dualoffline.devices;

import java.util.List;

/**
 * Where a touch lost power: whose battery ran out, at which APDU of the trace, and which
 * secure elements lost power with it (torn: RAM cleared, an open transaction rolled back, no
 * applet selected).
 *
 * @param device       the device whose battery ran out ("Golden Dragon")
 * @param reason       what that meant for the touch, in words
 * @param apdu         the APDU's number in the touch's trace
 * @param command      the APDU in words ("PAY")
 * @param se           the SE it was for ("Wei SE")
 * @param responseLost false: power was lost before the command was sent; true: the SE processed
 *                     the command but its response never reached the reader
 * @param torn         the SEs that lost power
 */
public record PowerCut(String device, String reason, int apdu, String command, String se, boolean responseLost, List<String> torn) {
    public PowerCut {
        torn = List.copyOf(torn);
    }

    public String describe() {
        return reason + (responseLost ? " during APDU " + apdu + " (" + command + " to " + se + ": the response never reached the reader)"
                : " before APDU " + apdu + " (" + command + " to " + se + ")")
                + (torn.isEmpty() ? "" : "; torn: " + String.join(", ", torn));
    }
}
