package org.dualoffline.se.campaign;

/**
 * A tear campaign cannot run: its file is malformed (the message names the file and the line),
 * its applet cannot be loaded, or a setup command is refused. Never a finding about the applet's
 * atomicity: those are outcomes in the {@link TearCampaignResult}.
 */
public final class CampaignException extends RuntimeException {
    public CampaignException(String message) {
        super(message);
    }

    public CampaignException(String message, Throwable cause) {
        super(message, cause);
    }
}
