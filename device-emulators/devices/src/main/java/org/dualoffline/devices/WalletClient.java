package org.dualoffline.devices;

import java.util.ArrayList;
import java.util.List;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.CardTransport;
import org.dualoffline.se.ResponseApdu;

/**
 * Drives a wallet applet (spec v1) over any transport: one method per command, the response
 * decoded, any status word other than 9000 thrown as a {@link org.dualoffline.se.SecureElementException}
 * that carries it.
 */
public final class WalletClient {
    private final CardTransport transport;
    private final byte[] aid;

    public WalletClient(CardTransport transport, byte[] aid) {
        this.transport = transport;
        this.aid = aid.clone();
    }

    public void select() {
        send(WalletCommands.select(aid)).check("select the wallet applet");
    }

    public WalletStatus status() {
        return WalletStatus.decode(send(WalletCommands.getStatus()).check("read the wallet status"));
    }

    public Certificate certificate() {
        return Certificate.decode(send(WalletCommands.getCertificate()).check("read the wallet certificate"));
    }

    public byte[] initialize(byte[] issuerPublicKey) {
        return send(WalletCommands.initialize(issuerPublicKey)).check("initialize the wallet");
    }

    public void personalize(byte[] certificate, String pin) {
        send(WalletCommands.personalize(certificate, pin)).check("personalize the wallet");
    }

    public void verifyPin(String pin) {
        send(WalletCommands.verifyPin(pin)).check("verify the PIN");
    }

    public void applySyncAck(byte[] ack) {
        send(WalletCommands.applySyncAck(ack)).check("apply the sync acknowledgement");
    }

    public SignedEntry load(byte[] token) {
        return SignedEntry.decode(send(WalletCommands.load(token)).check("load value"));
    }

    /** Defunding: the wallet debits {@code amount} and answers its signed UNLOAD entry, the redeem record. */
    public SignedEntry unload(long amount) {
        return SignedEntry.decode(send(WalletCommands.unload(amount)).check("unload value"));
    }

    public byte[] beginReceive(long amount, byte[] payerCertificate) {
        return send(WalletCommands.beginReceive(amount, payerCertificate)).check("accept a payment (challenge)");
    }

    public SignedEntry pay(long amount, byte[] payeeNonce, byte[] payeeCertificate) {
        return SignedEntry.decode(send(WalletCommands.pay(amount, payeeNonce, payeeCertificate)).check("pay"));
    }

    public SignedEntry payToTag(long amount, byte[] payeeCertificate) {
        return SignedEntry.decode(send(WalletCommands.payToTag(amount, payeeCertificate)).check("pay a static tag"));
    }

    public SignedEntry receive(SignedEntry payerRecord) {
        return SignedEntry.decode(send(WalletCommands.receive(payerRecord.encode())).check("receive the payment"));
    }

    /** Every entry not yet acknowledged by the backend, oldest first, with the payer's record beside each RECEIVE. */
    public List<StoredRecord> readRecords() {
        int n = status().records();
        List<StoredRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SignedEntry own = SignedEntry.decode(send(WalletCommands.readRecord(i, 0)).check("read record " + i));
            SignedEntry peer = null;
            if (own.entry().type() == org.dualoffline.protocol.EntryType.RECEIVE) {
                peer = SignedEntry.decode(send(WalletCommands.readRecord(i, 1)).check("read the payer's record kept with record " + i));
            }
            out.add(new StoredRecord(own, peer));
        }
        return out;
    }

    /** Sends a raw command; for scenarios that check how the wallet handles malformed input. */
    public ResponseApdu send(byte[] command) {
        return ResponseApdu.of(transport.transceive(command));
    }

    /** True if the response was OK. */
    public static boolean ok(ResponseApdu r) {
        return r.sw() == Sw.OK;
    }

    /** A wallet's own signed entry and, for a RECEIVE, the payer's signed PAY entry kept with it. */
    public record StoredRecord(SignedEntry own, SignedEntry payerRecord) {}
}
