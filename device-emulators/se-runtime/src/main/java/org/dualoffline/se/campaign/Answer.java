package org.dualoffline.se.campaign;

import java.util.HexFormat;

/**
 * A response APDU as the report shows it: the data in uppercase hex, then the status word, raw
 * (an applet's own status words mean what its vendor says, not what the wallet protocol does).
 *
 * @param hex the whole response, data and SW, uppercase hex; empty when the card never answered
 */
public record Answer(String hex) {
    /** The card never answered: the command outran the reader's waiting time, and the reader cut the field. */
    public static final Answer MUTE = new Answer("");

    public static Answer of(byte[] response) {
        return new Answer(HexFormat.of().withUpperCase().formatHex(response));
    }

    public boolean isMute() {
        return hex.isEmpty();
    }

    /** The status word as 4 hex digits, or the whole answer if it is shorter than a status word. */
    public String sw() {
        return hex.length() < 4 ? hex : hex.substring(hex.length() - 4);
    }

    /** The data before the status word, uppercase hex (empty for none). */
    public String data() {
        return hex.length() < 4 ? "" : hex.substring(0, hex.length() - 4);
    }

    public boolean isOk() {
        return sw().equals("9000");
    }

    /** "0102A0 9000", "6A82" with no data, or "mute". */
    @Override
    public String toString() {
        if (isMute()) {
            return "mute";
        }
        return data().isEmpty() ? sw() : data() + " " + sw();
    }
}
