package org.dualoffline.harness;

import java.util.Locale;
import org.dualoffline.protocol.Bytes;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.WalletCommands;

/**
 * Commands of an active wallet, each well formed, sent by the personalization station to a card
 * that is not active yet (spec 4, [P-4-4]): a PAY to a real merchant, a BEGIN RECEIVE from a real
 * payer, the card's own first acknowledgement and a load token the bank issued for it, ... The
 * card must refuse each before anything is written; the status words it may answer are those of
 * the checks such a card fails by its state (the state check, and the limits, the balance, the
 * issuer key or the wallet id it does not have yet), as [P-5.1-4] allows.
 */
public final class CommandsOutOfState {
    private static final long AMOUNT = 100;

    private final ScenarioContext context;
    private final IssuanceAttempts station;

    public CommandsOutOfState(ScenarioContext context, IssuanceAttempts station) {
        this.context = context;
        this.station = station;
    }

    /** Sends {@code holder}'s card a well-formed {@code command}; {@code other}: the party on the other side. */
    public IssuanceAttempts.Attempt send(String holder, String command, String other) {
        Certificate peer = context.party(other).certificate();
        byte[] apdu = switch (command.toUpperCase(Locale.ROOT)) {
            case "VERIFY PIN" -> WalletCommands.verifyPin(WalletProvisioner.DEFAULT_PIN);
            case "BEGIN RECEIVE" -> WalletCommands.beginReceive(AMOUNT, peer.encode());
            case "RECEIVE" -> WalletCommands.receive(aPaymentRecordShape());
            case "PAY" -> WalletCommands.pay(AMOUNT, new byte[16], peer.encode());
            case "PAY TO A TAG" -> WalletCommands.payToTag(AMOUNT, peer.encode());
            case "READ RECORD" -> WalletCommands.readRecord(0, 0);
            case "UNLOAD" -> WalletCommands.unload(AMOUNT);
            case "APPLY SYNC ACK" -> WalletCommands.applySyncAck(enrolment(holder, command).initialAck().encode());
            case "LOAD" -> {
                ReconciliationClient.Enrolment e = enrolment(holder, command);
                context.backend().deposit(e.walletId(), AMOUNT);
                LoadToken token = context.backend().loadToken(e.walletId(), AMOUNT);
                yield WalletCommands.load(token.encode());
            }
            default -> throw new IllegalArgumentException("no well-formed \"" + command + "\" to send a card that is not active; known: "
                    + "VERIFY PIN, BEGIN RECEIVE, RECEIVE, PAY, PAY to a tag, READ RECORD, UNLOAD, APPLY SYNC ACK, LOAD");
        };
        return station.send(holder, "a well-formed " + command, apdu);
    }

    /**
     * 110 bytes shaped as a PAY entry and a 71-byte DER signature header with its bytes: a card
     * that is not active has no pending receive, so RECEIVE fails its state and that check whatever
     * the record is ([P-5.9-1], [P-5.9-3]).
     */
    private static byte[] aPaymentRecordShape() {
        byte[] entry = new byte[110];
        entry[0] = 0x01;
        entry[1] = 0x01;
        Bytes.putU32(entry, 22, AMOUNT);
        byte[] signature = new byte[71];
        signature[0] = 0x30;
        signature[1] = 69;
        return Bytes.concat(entry, signature);
    }

    private ReconciliationClient.Enrolment enrolment(String holder, String command) {
        ReconciliationClient.Enrolment e = station.enrolmentOrNull(holder);
        if (e == null) {
            throw new IllegalStateException(command + " needs the card's own issuer-signed object, and a new card's key is not certified yet: "
                    + "initialize the card first");
        }
        return e;
    }
}
