package org.dualoffline.devices;

import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.CardTransport;
import org.dualoffline.se.ResponseApdu;

/**
 * What each SE of one touch answered to the commands it answers with a signed entry, kept as the
 * SE gave it: an entry counts from the moment the SE answered 9000, whether or not the reader
 * received the answer (the field may drop right after the SE signed). After a power loss this,
 * not the APDU trace, tells who debited and who credited; the trace is evidence only.
 */
final class SignedAnswers {
    /** The commands a wallet answers with its own signed entry. */
    enum Signing {
        PAY(WalletCommands.INS_PAY), RECEIVE(WalletCommands.INS_RECEIVE);

        final byte ins;

        Signing(byte ins) {
            this.ins = ins;
        }

        static Signing of(byte[] command) {
            if (command.length > 1) {
                for (Signing s : values()) {
                    if (s.ins == command[1]) {
                        return s;
                    }
                }
            }
            return null;
        }
    }

    private final Map<Device, Map<Signing, byte[]>> answers = new IdentityHashMap<>();

    /** {@code device}'s SE as the reader reaches it through {@code link}, each signed answer kept as it passes. */
    CardTransport watching(Device device, CardTransport link) {
        return new CardTransport() {
            @Override
            public byte[] transceive(byte[] command) {
                byte[] response = link.transceive(command);
                Signing signing = Signing.of(command);
                if (signing != null && response != null && response.length >= 2) {
                    ResponseApdu r = ResponseApdu.of(response);
                    if (r.sw() == Sw.OK) {
                        answers.computeIfAbsent(device, d -> new EnumMap<>(Signing.class)).put(signing, r.data());
                    }
                }
                return response;
            }

            @Override
            public String describe() {
                return link.describe();
            }
        };
    }

    /** The signed entry {@code device}'s SE answered to {@code command} in this touch, or null if it signed none. */
    SignedEntry of(Device device, Signing command) {
        byte[] data = answers.getOrDefault(device, Map.of()).get(command);
        return data == null ? null : SignedEntry.decode(data);
    }
}
