package org.dualoffline.harness;

import java.util.Arrays;
import java.util.List;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.Journaled;
import org.dualoffline.se.ResponseApdu;

/**
 * RECEIVE makes two checks of BEGIN RECEIVE again, because the payee's wallet may have loaded or
 * been written to between the challenge and the record ([P-5.9-9], [P-5.9-10], [P-5.9-12]): the
 * holding cap and the free log slot. The payee's wallet, in one session, challenges the payer,
 * is loaded by its holder until the record no longer fits, and is then given the payer's
 * genuine record: it must refuse it with the check's status word and change nothing, keep the
 * challenge, and take the same record once it has room again (an unload, or a sync).
 */
public final class Rechecks {
    private static final long FEN = 1;

    /** What the payee's wallet did with the record: refused (its status word, GET STATUS kept, writes that stood), then the same record after room was made. */
    public record Outcome(String payee, String payer, int refusedWith, int refusalBytes, boolean stateKept, int committedWrites,
                          int afterRoom, String roomMadeBy) {}

    private final ScenarioContext context;
    private final WalletInspector inspector;
    private Outcome last;

    public Rechecks(ScenarioContext context, WalletInspector inspector) {
        this.context = context;
        this.inspector = inspector;
    }

    /**
     * {@code payee}'s wallet challenges {@code payer} for {@code amount} fen and is then loaded with
     * {@code load} fen, taking it over its holding cap for that amount; the room is made with an
     * unload of one fen.
     */
    public void capFilledInBetween(String payee, String payer, long amount, long load) {
        Party to = context.party(payee);
        last = inspector.operate(to, payee + "'s wallet challenges " + payer + " for " + Money.yuan(amount) + ", is loaded with "
                + Money.yuan(load) + ", then is given the record", w -> {
            byte[] nonce = w.beginReceive(amount, context.party(payer).certificate().encode());
            w.load(token(to, load).encode());
            SignedEntry record = payerRecord(payer, to, amount, nonce);
            return refusedThenTaken(w, to, payer, record, () -> {
                w.unload(FEN);
                return "an unload of " + Money.yuan(FEN);
            });
        });
    }

    /**
     * {@code payee}'s wallet is loaded with one fen at a time until one slot of its log is free,
     * challenges {@code payer} for {@code amount} fen, and is loaded once more, which takes the
     * last slot; the room is made by a sync (the wallet uploads its records and applies the bank's
     * acknowledgement in the same session).
     */
    public void logFilledInBetween(String payee, String payer, long amount) {
        Party to = context.party(payee);
        last = inspector.operate(to, payee + "'s wallet, one log slot left, challenges " + payer + " for " + Money.yuan(amount)
                + " and is loaded into its last slot before the record comes", w -> {
            WalletStatus s = w.status();
            for (int r = s.records(); r < s.capacity() - 1; r++) {
                w.load(token(to, FEN).encode());
            }
            byte[] nonce = w.beginReceive(amount, context.party(payer).certificate().encode());
            w.load(token(to, FEN).encode());
            SignedEntry record = payerRecord(payer, to, amount, nonce);
            return refusedThenTaken(w, to, payer, record, () -> {
                WalletStatus now = w.status();
                List<WalletClient.StoredRecord> records = w.readRecords();
                ReconciliationClient.SyncResult result = context.backend().sync(to.walletId(), records, now.blocklistSeq());
                w.applySyncAck(result.ack().encode());
                context.rememberAck(to.name(), result.ack());
                return "a sync of its " + records.size() + " records";
            });
        });
    }

    /** The last outcome of this scenario. */
    public Outcome last() {
        if (last == null) {
            throw new IllegalStateException("no payee was given a record after its room was taken, in this scenario");
        }
        return last;
    }

    private Outcome refusedThenTaken(WalletClient w, Party to, String payer, SignedEntry record,
                                     java.util.function.Supplier<String> makeRoom) {
        byte[] before = w.send(WalletCommands.getStatus()).check("GET STATUS");
        ResponseApdu refused = w.send(WalletCommands.receive(record.encode()));
        int committed = to.device().secureElement() instanceof Journaled j ? j.lastCommittedWrites() : 0;
        byte[] after = w.send(WalletCommands.getStatus()).check("GET STATUS");
        String room = refused.isOk() ? "nothing (the record was taken)" : makeRoom.get();
        int taken = refused.isOk() ? -1 : w.send(WalletCommands.receive(record.encode())).sw();
        return new Outcome(to.name(), payer, refused.sw(), refused.data().length, Arrays.equals(before, after), committed, taken, room);
    }

    private SignedEntry payerRecord(String payer, Party payee, long amount, byte[] nonce) {
        return inspector.operate(context.party(payer), payer + " pays " + payee.name() + " " + Money.yuan(amount) + " for the challenge",
                pw -> pw.pay(amount, nonce, payee.certificate().encode()));
    }

    private LoadToken token(Party holder, long amount) {
        context.backend().deposit(holder.walletId(), amount);
        return context.backend().loadToken(holder.walletId(), amount);
    }
}
