package org.dualoffline.harness;

import org.dualoffline.devices.Device;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.WalletId;

/** A person or merchant in a scenario with their device and, if it holds value, their enrolled wallet. */
public record Party(String name, Device device, WalletId walletId, Certificate certificate) {
    public boolean holdsWallet() {
        return walletId != null;
    }
}
