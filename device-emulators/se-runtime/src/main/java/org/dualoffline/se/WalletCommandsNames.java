package org.dualoffline.se;

import org.dualoffline.protocol.WalletCommands;

/** Names a command APDU for messages ("PAY", "INS 7F"). */
final class WalletCommandsNames {
    private WalletCommandsNames() {}

    static String of(byte[] command) {
        return command.length > 1 ? WalletCommands.nameOf(command[1] & 0xFF) : "a command";
    }
}
