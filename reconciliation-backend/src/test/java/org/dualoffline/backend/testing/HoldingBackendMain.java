package org.dualoffline.backend.testing;

import org.dualoffline.backend.Main;
import org.dualoffline.backend.ReconciliationBackend;

/**
 * The standalone backend of {@link Main}, configured by the same environment, with an
 * {@link UploadHold} of the upload given as the only argument: {@code HoldingBackendMain 16}
 * holds the 16th upload that adds records before its commit until the process is killed.
 * Test classpath only: the service has no such hook.
 */
public final class HoldingBackendMain {
    private HoldingBackendMain() {}

    public static void main(String[] args) {
        UploadHold hold = new UploadHold(Integer.parseInt(args[0]));
        Main.run(config -> ReconciliationBackend.create(config).withBeforeCommit(hold));
    }
}
