package org.dualoffline.applet;

import java.util.function.Consumer;
import org.dualoffline.protocol.Bytes;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletCommands;

/**
 * Objects the codec will not build: issuer-signed bodies with a field changed before signing
 * (bad version, suite, policy...), and raw command APDUs with malformed data.
 */
final class Forge {

    private Forge() {
    }

    /** The certificate's body, changed by {@code edit}, then signed by {@code signer}. */
    static byte[] certificate(Certificate template, Issuer signer, Consumer<byte[]> edit) {
        return signed(template.body(), signer, edit);
    }

    static byte[] ack(SyncAck template, Issuer signer, Consumer<byte[]> edit) {
        return signed(template.body(), signer, edit);
    }

    static byte[] loadToken(LoadToken template, Issuer signer, Consumer<byte[]> edit) {
        return signed(template.body(), signer, edit);
    }

    /** A signed entry with its signature left as is and the body changed. */
    static byte[] tamperedEntry(SignedEntry entry, Consumer<byte[]> edit) {
        byte[] body = entry.entryBytes().clone();
        edit.accept(body);
        return Bytes.concat(body, entry.signature());
    }

    /** A signed entry with one bit of its signature's s value flipped (still valid DER). */
    static byte[] badlySigned(SignedEntry entry) {
        byte[] sig = entry.signature().clone();
        sig[sig.length - 1] ^= 0x01;
        return Bytes.concat(entry.entryBytes(), sig);
    }

    static byte[] signed(byte[] body, Issuer signer, Consumer<byte[]> edit) {
        byte[] b = body.clone();
        edit.accept(b);
        return Bytes.concat(b, signer.suite().sign(signer.privateKey(), b));
    }

    /** A proprietary command with the given INS and raw data, expecting a response. */
    static byte[] command(byte ins, byte[] data) {
        return WalletCommands.apdu(WalletCommands.CLA, ins, 0, 0, data, true);
    }

    static byte[] truncated(byte[] data, int drop) {
        return Bytes.slice(data, 0, data.length - drop);
    }
}
