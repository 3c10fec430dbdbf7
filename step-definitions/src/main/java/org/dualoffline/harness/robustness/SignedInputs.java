package org.dualoffline.harness.robustness;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.dualoffline.harness.BrokenWallets;
import org.dualoffline.harness.HarnessIssuer;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.SignatureForm;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.protocol.Bytes;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.Journaled;
import org.dualoffline.se.ResponseApdu;

/**
 * What others really signed, put to a wallet ([P-2-3], [P-5.9-5] to [P-5.9-7]): a payment record
 * a broken-SE payer signed with its own key but that is not the payment the payee asked for
 * (another type, version, payee, payer, amount or challenge), which the payee must refuse with
 * the status word of that check; and issuer objects and records signed in every valid form the
 * spec allows (high s, a short DER signature), which the wallet must take.
 */
public final class SignedInputs {
    /** What a wallet answered to a command the spec makes it take: the status word and the bytes of its answer. */
    public record Taken(int sw, int answerBytes, int signatureBytes) {}

    private final ScenarioContext context;
    private final WalletInspector inspector;
    private final BrokenWallets broken;
    private final RefusalTable table;

    public SignedInputs(ScenarioContext context, WalletInspector inspector, BrokenWallets broken, RefusalTable table) {
        this.context = context;
        this.inspector = inspector;
        this.broken = broken;
        this.table = table;
    }

    /**
     * {@code holder}'s wallet challenges {@code payer}'s broken wallet, which answers with a PAY
     * entry changed by {@code change} and signed with its own key (so the signature verifies
     * under the pending payer key), then with the genuine entry for the same challenge.
     */
    public RefusalTable.Probe probeRecord(String holder, String payer, String change) {
        Party h = context.party(holder);
        Party p = context.party(payer);
        UnaryOperator<byte[]> edit = recordChange(change, h, p);
        return inspector.operate(h, "a reader gives " + holder + "'s wallet a record from " + payer + "'s broken wallet " + change, w -> {
            byte[] nonce = w.beginReceive(RefusalTable.AMOUNT, p.certificate().encode());
            SignedEntry bad = broken.changedPayRecord(payer, holder, RefusalTable.AMOUNT, nonce, edit);
            byte[] before = w.send(WalletCommands.getStatus()).check("GET STATUS");
            ResponseApdu r = w.send(WalletCommands.receive(bad.encode()));
            int committed = h.device().secureElement() instanceof Journaled j ? j.lastCommittedWrites() : 0;
            byte[] after = w.send(WalletCommands.getStatus()).check("GET STATUS");
            SignedEntry good = broken.payRecord(payer, holder, RefusalTable.AMOUNT, nonce, SignatureForm.USUAL);
            int genuineSw = w.send(WalletCommands.receive(good.encode())).sw();
            return new RefusalTable.Probe(r.sw(), r.data().length, Arrays.equals(before, after), committed, genuineSw);
        });
    }

    /** How a PAY entry's bytes are changed, each so that one check of RECEIVE fails ([P-5.9-5] to [P-5.9-7]). */
    private UnaryOperator<byte[]> recordChange(String change, Party holder, Party payer) {
        return switch (change) {
            case "of another type" -> b -> with(b, 1, EntryType.RECEIVE.code);
            case "of version 02" -> b -> with(b, 0, 0x02);
            case "for one fen more" -> b -> {
                Bytes.putU32(b, 22, RefusalTable.AMOUNT + 1);
                return b;
            };
            case "for amount zero" -> b -> {
                Bytes.putU32(b, 22, 0);
                return b;
            };
            case "for another challenge" -> b -> with(b, 26, b[26] ^ 0x01);
            case "for another payee" -> b -> {
                third(holder, payer).walletId().write(b, 14);
                return b;
            };
            case "in another payer's name" -> b -> {
                third(holder, payer).walletId().write(b, 2);
                return b;
            };
            default -> throw new IllegalArgumentException("no change of a record called \"" + change + "\"; known: of another type, "
                    + "of version 02, for one fen more, for amount zero, for another challenge, for another payee, in another payer's name");
        };
    }

    /** A party of the scenario that is neither side of the payment, whose wallet id a changed record carries. */
    private Party third(Party holder, Party payer) {
        return context.parties().stream().filter(x -> !x.name().equals(holder.name()) && !x.name().equals(payer.name())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the change needs a third party of the scenario, whose wallet id it uses"));
    }

    private static byte[] with(byte[] b, int at, int value) {
        b[at] = (byte) value;
        return b;
    }

    /**
     * A command the spec makes {@code holder}'s wallet take, its issuer-signed object (the peer's
     * certificate, a load token, the current acknowledgement) or the broken payer's record signed
     * in {@code form} ([P-2-3]); {@code peer} takes the other side.
     */
    public Taken taken(String holder, String peer, String command, SignatureForm form) {
        Party h = context.party(holder);
        Party p = context.party(peer);
        String upper = command.toUpperCase(Locale.ROOT);
        return inspector.operate(h, "a reader sends " + holder + "'s wallet " + command + " signed " + form.words, w -> {
            byte[] apdu;
            int signature;
            if (upper.equals("RECEIVE FROM A BROKEN WALLET")) {
                byte[] nonce = w.beginReceive(RefusalTable.AMOUNT, p.certificate().encode());
                SignedEntry record = broken.payRecord(peer, holder, RefusalTable.AMOUNT, nonce, form);
                apdu = WalletCommands.receive(record.encode());
                signature = record.signature().length;
            } else {
                byte[] good = table.genuine(w, h, p, upper).apply(w);
                byte[] d = RefusalTable.data(good);
                int bodyStart = switch (upper) {
                    case "PAY" -> 20;
                    case "BEGIN RECEIVE" -> 4;
                    case "LOAD", "APPLY SYNC ACK" -> 0;
                    default -> throw new IllegalArgumentException("no issuer-signed object in " + command + " to sign otherwise; known: PAY, "
                            + "BEGIN RECEIVE, LOAD, APPLY SYNC ACK, RECEIVE from a broken wallet");
                };
                int bodyLength = switch (upper) {
                    case "LOAD" -> LoadToken.BODY_LENGTH;
                    case "APPLY SYNC ACK" -> SyncAck.FIXED_BODY_LENGTH + 8 * (d[SyncAck.FIXED_BODY_LENGTH - 1] & 0xFF);
                    default -> Certificate.BODY_LENGTH;
                };
                byte[] head = Arrays.copyOf(d, bodyStart + bodyLength);
                byte[] body = Arrays.copyOfRange(d, bodyStart, bodyStart + bodyLength);
                Issuer issuer = HarnessIssuer.of(context, "objects in another signature form");
                byte[] sig = form.sign(issuer.privateKey(), body, context.run().seed());
                apdu = RefusalTable.withData(good, RefusalTable.concat(head, sig));
                signature = sig.length;
            }
            ResponseApdu r = w.send(apdu);
            return new Taken(r.sw(), r.data().length, signature);
        });
    }
}
