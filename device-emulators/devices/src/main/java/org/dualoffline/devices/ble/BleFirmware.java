package org.dualoffline.devices.ble;

import java.util.Set;
import org.dualoffline.protocol.WalletCommands;

/**
 * What a Bluetooth card's firmware passes from its Bluetooth LE link to the SE. The spec
 * ([P-1-5]) lets the link carry only the holder's own sessions - reading the wallet (SELECT, GET
 * STATUS, GET CERTIFICATE, READ RECORD), a sync acknowledgement and a load - and never a payment:
 * a phone that relays a payment to the card over the radio link (acting as the card in another
 * reader's field, or as the reader of a tag or card the card itself never touched) must get no
 * command of a payment through. The firmware answers every other command itself with
 * {@value #REFUSED_SW_HEX} and does not pass it on.
 */
public interface BleFirmware {
    /** The firmware's own answer to a command the link does not carry: {@code 6986}, command not allowed. */
    int REFUSED_SW = 0x6986;
    /** {@link #REFUSED_SW} as the spec writes it. */
    String REFUSED_SW_HEX = "6986";

    /** Whether the link passes {@code command} to the SE. */
    boolean passes(byte[] command);

    /** The profile's name for it ({@code ble.firmware}). */
    String name();

    /** The reference firmware: the holder's sessions only. */
    BleFirmware HOLDER_SESSIONS = new BleFirmware() {
        private final Set<Integer> carried = Set.of(WalletCommands.INS_GET_STATUS & 0xFF, WalletCommands.INS_GET_CERTIFICATE & 0xFF,
                WalletCommands.INS_READ_RECORD & 0xFF, WalletCommands.INS_APPLY_SYNC_ACK & 0xFF, WalletCommands.INS_LOAD & 0xFF);

        @Override
        public boolean passes(byte[] command) {
            if (command.length < 4) {
                return false;
            }
            int cla = command[0] & 0xFF;
            int ins = command[1] & 0xFF;
            boolean select = cla == 0x00 && ins == 0xA4;
            return select || (cla == (WalletCommands.CLA & 0xFF) && carried.contains(ins));
        }

        @Override
        public String name() {
            return "holder-sessions";
        }
    };

    /** A known-bad firmware that passes every command: a phone can relay a payment to the card from anywhere. */
    BleFirmware RELAYS_EVERYTHING = new BleFirmware() {
        @Override
        public boolean passes(byte[] command) {
            return true;
        }

        @Override
        public String name() {
            return "relays-everything";
        }
    };

    /** The firmware a profile's {@code ble.firmware} names: {@code holder-sessions} (the reference) or {@code relays-everything}. */
    static BleFirmware named(String name) {
        return switch (name) {
            case "holder-sessions" -> HOLDER_SESSIONS;
            case "relays-everything" -> RELAYS_EVERYTHING;
            default -> throw new IllegalArgumentException("ble.firmware must be holder-sessions or relays-everything, got \"" + name + "\"");
        };
    }
}
