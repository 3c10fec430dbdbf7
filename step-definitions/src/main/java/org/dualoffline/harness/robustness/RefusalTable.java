package org.dualoffline.harness.robustness;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.harness.HarnessIssuer;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.harness.WalletProvisioner;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.Journaled;
import org.dualoffline.se.ResponseApdu;

/**
 * The refusals of the spec's check tables (5.3 to 5.14), one check failing at a time: a genuine
 * command that the wallet would carry out - a PAY to a real merchant, an UNLOAD the balance
 * covers, a RECEIVE of a real payment record for the pending challenge, a load token the bank
 * issued - is changed in exactly one way (P1 P2, one byte less or more, a zero amount, the wallet's
 * own certificate as the peer's, ...) and sent. The wallet must refuse it with the status word
 * the table gives that check, change nothing, and then carry out the genuine command: so the
 * refusal was for the change, and the check exists.
 */
public final class RefusalTable {
    static final long AMOUNT = 100;

    /** What one probe saw: the answer to the changed command, whether the wallet's state stayed, and the answer to the genuine one after it (-1 where none is sent). */
    public record Probe(int sw, int answerBytes, boolean stateKept, int committedWrites, int genuineSw) {}

    private final ScenarioContext context;
    private final WalletInspector inspector;

    public RefusalTable(ScenarioContext context, WalletInspector inspector) {
        this.context = context;
        this.inspector = inspector;
    }

    /**
     * Sends {@code holder}'s wallet {@code command} changed by {@code change}, {@code peer}
     * taking the other side where the command has one.
     */
    public Probe probe(String holder, String peer, String command, String change) {
        Party h = context.party(holder);
        Party p = context.party(peer);
        return inspector.operate(h, "a reader sends " + holder + "'s wallet " + command + " with " + change, w -> {
            Function<WalletClient, byte[]> genuine = genuine(w, h, p, command.toUpperCase(Locale.ROOT));
            byte[] good = genuine.apply(w);
            byte[] bad = change.startsWith("an issuer-signed token") ? resigned(good, change)
                    : change.endsWith("the issuer signed") ? withCertificateSigned(good, change, p) : change(good, change, h, p);
            if (change.equals("no pending receive")) {
                w.select(); // ends the pending receive
            }
            byte[] before = w.send(WalletCommands.getStatus()).check("GET STATUS");
            ResponseApdu r = w.send(bad);
            int committed = h.device().secureElement() instanceof Journaled j ? j.lastCommittedWrites() : 0;
            byte[] after = w.send(WalletCommands.getStatus()).check("GET STATUS");
            int genuineSw = -1;
            if (!change.equals("no pending receive") && !change.startsWith("state") && !change.contains("above every limit")) {
                genuineSw = w.send(good).sw();
            }
            return new Probe(r.sw(), r.data().length, Arrays.equals(before, after), committed, genuineSw);
        });
    }

    /**
     * {@code good} (PAY or BEGIN RECEIVE, the peer's certificate ending its data) with the peer's
     * certificate changed as {@code change} says and signed by the issuer: valid but for that one
     * change, which [P-2-2] or [P-2-7] makes a wallet refuse.
     */
    private byte[] withCertificateSigned(byte[] good, String change, Party peer) {
        byte[] body = peer.certificate().body();
        switch (change) {
            case "a certificate of suite 02 the issuer signed" -> body[1] = 0x02;
            case "a certificate with its key in the hybrid encoding the issuer signed" ->
                    body[11] = (byte) ((body[11 + 64] & 0x01) == 0 ? 0x06 : 0x07);
            default -> throw new IllegalArgumentException("no certificate change called \"" + change + "\"");
        }
        Issuer issuer = HarnessIssuer.of(context, "certificates");
        byte[] certificate = concat(body, issuer.suite().sign(issuer.privateKey(), body));
        byte[] d = data(good);
        int certAt = d.length - peer.certificate().encode().length;
        return withData(good, concat(Arrays.copyOf(d, certAt), certificate));
    }

    /** The genuine command, made ready on the wallet (a pending receive for RECEIVE); the function answers its bytes. */
    Function<WalletClient, byte[]> genuine(WalletClient w, Party holder, Party peer, String command) {
        return switch (command) {
            case "PAY" -> x -> WalletCommands.pay(AMOUNT, new byte[16], peer.certificate().encode());
            case "PAY TO A TAG" -> x -> WalletCommands.payToTag(AMOUNT, peer.certificate().encode());
            case "BEGIN RECEIVE" -> x -> WalletCommands.beginReceive(AMOUNT, peer.certificate().encode());
            case "RECEIVE" -> x -> {
                byte[] nonce = x.beginReceive(AMOUNT, peer.certificate().encode());
                SignedEntry record = inspector.operate(peer, peer.name() + " pays " + holder.name() + " for the probe",
                        pw -> pw.pay(AMOUNT, nonce, holder.certificate().encode()));
                return WalletCommands.receive(record.encode());
            };
            case "UNLOAD" -> x -> WalletCommands.unload(AMOUNT);
            case "LOAD" -> x -> {
                context.backend().deposit(holder.walletId(), AMOUNT);
                LoadToken token = context.backend().loadToken(holder.walletId(), AMOUNT);
                return WalletCommands.load(token.encode());
            };
            case "VERIFY PIN" -> x -> WalletCommands.verifyPin(WalletProvisioner.DEFAULT_PIN);
            case "APPLY SYNC ACK" -> x -> WalletCommands.applySyncAck(context.lastAck(holder.name())
                    .orElseGet(() -> context.issuances().get(holder.name()).enrolment().initialAck()).encode()); // the current one again
            case "GET STATUS" -> x -> WalletCommands.getStatus();
            case "GET CERTIFICATE" -> x -> WalletCommands.getCertificate();
            case "READ RECORD" -> x -> WalletCommands.readRecord(0, 0);
            case "INITIALIZE" -> x -> WalletCommands.initialize(context.backend().issuerPublicKey());
            case "PERSONALIZE" -> x -> WalletCommands.personalize(holder.certificate().encode(), WalletProvisioner.DEFAULT_PIN);
            default -> throw new IllegalArgumentException("no genuine " + command + " to change; known: PAY, PAY to a tag, BEGIN RECEIVE, "
                    + "RECEIVE, UNLOAD, LOAD, VERIFY PIN, APPLY SYNC ACK, GET STATUS, GET CERTIFICATE, READ RECORD, INITIALIZE, PERSONALIZE");
        };
    }

    /**
     * A LOAD whose token the issuer signed, but with a zero amount or another type: only that
     * check fails (the signature verifies). Signed with the key of the backend the harness
     * started from the run's seed; another backend's key the harness does not have.
     */
    private byte[] resigned(byte[] goodLoad, String change) {
        Issuer issuer = HarnessIssuer.of(context, "load tokens");
        byte[] body = Arrays.copyOf(data(goodLoad), LoadToken.BODY_LENGTH);
        switch (change) {
            case "an issuer-signed token with amount zero" -> Arrays.fill(body, 14, 18, (byte) 0);
            case "an issuer-signed token of another type" -> body[1] = (byte) 0x31;
            default -> throw new IllegalArgumentException("no change called \"" + change + "\"");
        }
        byte[] token = concat(body, issuer.suite().sign(issuer.privateKey(), body));
        return withData(goodLoad, token);
    }

    /** {@code good} changed in the one way {@code change} names. */
    static byte[] change(byte[] good, String change, Party holder, Party peer) {
        byte[] c = good.clone();
        if (change.equals("P1 P2 02 00 and an amount above every limit")) {
            byte[] d = data(c);
            d[0] = 0x7F;
            d[1] = (byte) 0xFF;
            d[2] = (byte) 0xFF;
            d[3] = (byte) 0xFF;
            byte[] changed = withData(c, d);
            changed[2] = 0x02;
            return changed;
        }
        if (change.startsWith("P1 P2 ")) {
            byte[] p = HexFormat.of().parseHex(change.substring(6).replace(" ", ""));
            c[2] = p[0];
            c[3] = p[1];
            return c;
        }
        return switch (change) {
            case "one byte less" -> withData(c, Arrays.copyOf(data(c), data(c).length - 1));
            case "one byte more" -> withData(c, concat(data(c), new byte[] {0x00}));
            case "amount zero" -> {
                byte[] d = data(c);
                Arrays.fill(d, 0, 4, (byte) 0);
                yield withData(c, d);
            }
            case "its own certificate as the peer's" -> {
                byte[] own = holder.certificate().encode();
                byte[] d = data(c);
                int certAt = d.length - peer.certificate().encode().length; // the peer's certificate ends the data
                yield withData(c, concat(Arrays.copyOf(d, Math.max(0, certAt)), own));
            }
            case "a byte of the issuer's signature changed", "a byte of the signature changed" -> {
                byte[] d = data(c);
                d[d.length - 1] ^= 0x01;
                yield withData(c, d);
            }
            case "a byte that is not a digit" -> {
                byte[] d = data(c);
                d[d.length - 1] = 0x0A;
                yield withData(c, d);
            }
            case "no pending receive", "state ACTIVE" -> c;
            case "P2 01 on a record that is not a RECEIVE" -> {
                c[3] = 0x01;
                yield c;
            }
            case "an index beyond the log" -> {
                c[2] = (byte) 0xFF;
                yield c;
            }
            default -> throw new IllegalArgumentException("no change called \"" + change + "\"");
        };
    }

    /** The command's data field (empty for a command without one). */
    static byte[] data(byte[] apdu) {
        if (apdu.length <= 5) {
            return new byte[0];
        }
        int lc = apdu[4] & 0xFF;
        return Arrays.copyOfRange(apdu, 5, 5 + lc);
    }

    /** The command with {@code data} instead of its data, Lc and Le as they must be. */
    static byte[] withData(byte[] apdu, byte[] data) {
        boolean le = apdu.length > 5 && apdu.length == 6 + (apdu[4] & 0xFF);
        return WalletCommands.apdu(apdu[0], apdu[1], apdu[2] & 0xFF, apdu[3] & 0xFF, data, le);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
