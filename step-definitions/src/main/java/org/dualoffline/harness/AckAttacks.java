package org.dualoffline.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dualoffline.protocol.Bytes;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.protocol.WalletStatus;

/**
 * Sync acknowledgements a wallet must refuse although the issuer signed them (spec 5.12): meant
 * for another wallet, older than the one the wallet applied last, for records the wallet has not
 * written or has written otherwise, or malformed. Each is built so that one check of APPLY SYNC
 * ACK fails and every other holds, where the spec lets one check fail alone ([P-5.1-4]); the
 * wallet's whole GET STATUS is read just before each is presented, so that a step can show the
 * refusal changed nothing ([P-5.1-2]).
 *
 * <p>Two kinds of acknowledgement are presented. Those a bank really issued (an earlier sync's,
 * the last sync's, the one a clone of the wallet got) come from the scenario's syncs. The others
 * are signed here with the issuer's own key: the backend the harness started derives it from the
 * run's seed ({@code BackendConfig.embedded}, {@code DUALOFFLINE_ISSUER_SEED} of the container), so
 * the harness derives the same key and checks it against the public key the backend serves. A
 * backend with an issuer key of its own (an external one) makes those scenarios NOT APPLICABLE.
 */
public final class AckAttacks {
    /** Ids to fill a blocklist with that no wallet of a scenario has. */
    private static final long NOBODY = 0x5EC0_6000_0000_0000L;

    private final ScenarioContext context;
    private final WalletInspector inspector;
    private Issuer issuer;
    private Presented last;

    public AckAttacks(ScenarioContext context, WalletInspector inspector) {
        this.context = context;
        this.inspector = inspector;
    }

    /** One acknowledgement given to a wallet: what it was, its bytes, the wallet's GET STATUS just before, and the wallet's answer. */
    public record Presented(String holder, String what, byte[] ack, byte[] statusBefore, int answer) {}

    /** An acknowledgement the issuer signed for {@code other}'s wallet, and for nothing else that is not {@code holder}'s wallet's own state. */
    public void forAnotherWallet(String holder, String other) {
        Party p = context.party(holder);
        WalletId otherId = context.party(other).walletId();
        if (otherId.equals(p.walletId())) {
            throw new IllegalStateException(other + "'s wallet is " + holder + "'s wallet (a clone): it is not another wallet");
        }
        byte[] body = currentBody(p);
        otherId.write(body, 2);
        present(p, "an acknowledgement the issuer signed for " + other + "'s wallet " + otherId + ", otherwise fit for "
                + holder + "'s wallet as it is", signed(body));
    }

    /** The issuer's acknowledgement of {@code holder}'s wallet as it is, but of one record more than the wallet has written. */
    public void beyondCounter(String holder) {
        Party p = context.party(holder);
        WalletStatus s = inspector.status(p);
        byte[] body = currentBody(p, s);
        Bytes.putU32(body, 10, s.counter() + 1);
        present(p, "an acknowledgement the issuer signed for record #" + (s.counter() + 1) + ", one beyond the last the wallet wrote",
                signed(body));
    }

    /**
     * The issuer's acknowledgement of {@code holder}'s wallet as it is, but of the records its last
     * acknowledgement covered (the same ackCounter) with the hash of the last record written since.
     */
    public void lastAckedWithLaterHash(String holder) {
        Party p = context.party(holder);
        WalletStatus s = inspector.status(p);
        if (s.counter() == s.ackCounter()) {
            throw new IllegalStateException(holder + "'s wallet has written no record since its last acknowledgement: there is no later hash");
        }
        byte[] body = currentBody(p, s);
        Bytes.putU32(body, 10, s.ackCounter());
        present(p, "an acknowledgement the issuer signed for record #" + s.ackCounter() + ", the last one acknowledged, with the hash of record #"
                + s.counter(), signed(body));
    }

    /** An acknowledgement the bank gave for an upload of a wallet's records, not applied yet (the phone went offline first). */
    private final java.util.Map<String, SyncAck> heldBack = new java.util.HashMap<>();

    /**
     * {@code holder}'s phone uploads every record its wallet holds and receives the bank's
     * acknowledgement, but does not give it to the wallet yet: the holder pays on before it does.
     */
    public void uploadHoldingBackTheAck(String holder) {
        Party p = context.party(holder);
        var records = inspector.operate(p, holder + "'s phone reads the records to upload", org.dualoffline.devices.WalletClient::readRecords);
        var result = context.backend().sync(p.walletId(), records, inspector.status(p).blocklistSeq());
        heldBack.put(holder, result.ack());
    }

    /**
     * The bank's acknowledgement held back by {@link #uploadHoldingBackTheAck}, given to the wallet
     * now that it holds records written since the upload: it acknowledges all but those.
     */
    public void presentHeldBackAck(String holder) {
        SyncAck ack = heldBack.get(holder);
        if (ack == null) {
            throw new IllegalStateException(holder + "'s phone holds back no acknowledgement in this scenario");
        }
        Party p = context.party(holder);
        present(p, "the bank's acknowledgement of the upload before the last payments (up to #" + ack.ackCounter() + ")", ack.encode());
        if (this.last.answer() == org.dualoffline.protocol.Sw.OK) {
            context.rememberAck(p.name(), ack);
        }
    }

    /**
     * The issuer's acknowledgement of {@code holder}'s wallet as it is, listing {@code entries}
     * wallets to blocklist: ids no wallet has, the last one {@code lastOf}'s wallet when it is not null.
     */
    public void blocklistEntries(String holder, int entries, String lastOf) {
        Party p = context.party(holder);
        byte[] fixed = currentBody(p);
        byte[] body = Arrays.copyOf(fixed, SyncAck.FIXED_BODY_LENGTH + 8 * entries);
        body[73] = (byte) entries;
        for (int i = 0; i < entries; i++) {
            WalletId id = lastOf != null && i == entries - 1 ? context.party(lastOf).walletId() : new WalletId(NOBODY + i + 1);
            id.write(body, SyncAck.FIXED_BODY_LENGTH + 8 * i);
        }
        present(p, "an acknowledgement the issuer signed with " + entries + " blocklist entries" + (lastOf == null ? "" : ", the last "
                + lastOf + "'s wallet") + ", otherwise fit for " + holder + "'s wallet as it is", signed(body));
    }

    /**
     * One issuer's acknowledgement after another for {@code holder}'s wallet as it is, listing
     * {@code sizes[i]} new wallets to blocklist each (the blocklist version moving on with them),
     * the {@code position}-th of all of them (1-based) {@code party}'s wallet. Returns each
     * acknowledgement's answer.
     */
    public List<Integer> blocklistRounds(String holder, int[] sizes, String party, int position) {
        Party p = context.party(holder);
        List<Integer> answers = new java.util.ArrayList<>();
        long next = 1;
        int given = 0;
        for (int r = 0; r < sizes.length; r++) {
            byte[] fixed = currentBody(p);
            byte[] body = Arrays.copyOf(fixed, SyncAck.FIXED_BODY_LENGTH + 8 * sizes[r]);
            long seq = ((fixed[46] & 0xFFL) << 24) | ((fixed[47] & 0xFFL) << 16) | ((fixed[48] & 0xFFL) << 8) | (fixed[49] & 0xFFL);
            org.dualoffline.protocol.Bytes.putU32(body, 46, seq + sizes[r]); // the blocklist's version moves on with its entries
            body[73] = (byte) sizes[r];
            for (int i = 0; i < sizes[r]; i++) {
                WalletId id = ++given == position ? context.party(party).walletId() : new WalletId(NOBODY + next++);
                id.write(body, SyncAck.FIXED_BODY_LENGTH + 8 * i);
            }
            present(p, "acknowledgement " + (r + 1) + " of " + sizes.length + ", signed by the issuer with " + sizes[r] + " wallets to blocklist"
                    + " (" + party + "'s wallet number " + position + " of all)", signed(body));
            answers.add(last.answer());
        }
        return answers;
    }

    /** The issuer's acknowledgement of {@code holder}'s wallet as it is, with receive policy {@code policy} in its limits. */
    public void receivePolicy(String holder, int policy) {
        Party p = context.party(holder);
        byte[] body = currentBody(p);
        body[50 + 22] = (byte) policy;
        present(p, "an acknowledgement the issuer signed with receive policy " + String.format("%02X", policy) + ", otherwise fit for "
                + holder + "'s wallet as it is", signed(body));
    }

    /** The issuer's acknowledgement of {@code holder}'s wallet as it is, cut off after {@code length} bytes. */
    public void cutAfter(String holder, int length) {
        Party p = context.party(holder);
        byte[] whole = signed(currentBody(p));
        present(p, "the issuer's acknowledgement for the wallet as it is (" + whole.length + " bytes), cut off after " + length + " bytes",
                Arrays.copyOf(whole, length));
    }

    /** The issuer's acknowledgement of {@code holder}'s wallet as it is, with the first {@code length} bytes (fewer than 8) of its signature. */
    public void signatureCutTo(String holder, int length) {
        Party p = context.party(holder);
        byte[] body = currentBody(p);
        byte[] signature = sign(body);
        present(p, "the issuer's acknowledgement for the wallet as it is, its " + signature.length + "-byte signature cut to " + length
                + " bytes", Bytes.concat(body, Arrays.copyOf(signature, length)));
    }

    /** The issuer's acknowledgement of {@code holder}'s wallet as it is, its signature followed by zero bytes up to {@code length} (above 72). */
    public void signaturePaddedTo(String holder, int length) {
        Party p = context.party(holder);
        byte[] body = currentBody(p);
        byte[] signature = sign(body);
        present(p, "the issuer's acknowledgement for the wallet as it is, its " + signature.length + "-byte signature followed by zero bytes to "
                + length + " bytes", Bytes.concat(body, Arrays.copyOf(signature, length)));
    }

    /** {@code holder}'s phone presents the acknowledgement of the sync before the wallet's last one in this scenario. */
    public void earlierSyncAck(String holder) {
        List<SyncAck> kept = context.acks(holder);
        if (kept.size() < 2) {
            throw new IllegalStateException(holder + "'s wallet has synced " + kept.size() + " times in this scenario: there is no earlier sync "
                    + "than the last");
        }
        SyncAck earlier = kept.get(kept.size() - 2);
        present(context.party(holder), "the acknowledgement of the earlier sync (" + describe(earlier) + ") after the last one ("
                + describe(kept.get(kept.size() - 1)) + ")", earlier.encode());
    }

    /** {@code holder}'s phone presents the acknowledgement of the wallet's last sync again. */
    public void lastSyncAckAgain(String holder) {
        SyncAck kept = context.lastAck(holder).orElseThrow(() -> new IllegalStateException(
                holder + "'s wallet has not synced in this scenario: there is no acknowledgement to present again"));
        present(context.party(holder), "the acknowledgement of the last sync again (" + describe(kept) + ")", kept.encode());
    }

    /** A reader gives {@code holder}'s wallet the acknowledgement {@code other}'s wallet got at its last sync. */
    public void ackOfLastSyncOf(String holder, String other) {
        SyncAck kept = context.lastAck(other).orElseThrow(() -> new IllegalStateException(
                other + "'s wallet has not synced in this scenario: there is no acknowledgement of it to present"));
        present(context.party(holder), "the acknowledgement " + other + "'s wallet got at its last sync (" + describe(kept) + ")",
                kept.encode());
    }

    /** The last acknowledgement presented, with the wallet's answer. */
    public Presented last() {
        if (last == null) {
            throw new IllegalStateException("no acknowledgement has been presented to a wallet in this scenario");
        }
        return last;
    }

    /** The 100 bytes of {@code holder}'s GET STATUS now. */
    public byte[] statusNow(String holder) {
        return rawStatus(context.party(holder), "reading " + holder + "'s whole status after the acknowledgement");
    }

    /**
     * What differs between two GET STATUS answers, field by field (spec 3.6), e.g. "counter 3 -> 2";
     * empty when they are the same.
     */
    public static List<String> differences(byte[] before, byte[] after) {
        List<String> out = new ArrayList<>();
        if (before.length != after.length) {
            out.add("length " + before.length + " -> " + after.length);
            return out;
        }
        for (int i = 0; i < FIELDS.length; i++) {
            byte[] b = Arrays.copyOfRange(before, FIELDS[i][0], FIELDS[i][0] + FIELDS[i][1]);
            byte[] a = Arrays.copyOfRange(after, FIELDS[i][0], FIELDS[i][0] + FIELDS[i][1]);
            if (!Arrays.equals(a, b)) {
                out.add(FIELD_NAMES[i] + " " + Hex.of(b) + " -> " + Hex.of(a));
            }
        }
        return out;
    }

    /** Offset and length of each field of the status (3.6). */
    private static final int[][] FIELDS = {{0, 1}, {1, 1}, {2, 8}, {10, 4}, {14, 4}, {18, 4}, {22, 2}, {24, 2}, {26, 2}, {28, 4},
        {32, 23}, {55, 4}, {59, 4}, {63, 1}, {64, 32}, {96, 4}};
    private static final String[] FIELD_NAMES = {"version", "state", "walletId", "balance", "held", "counter", "records", "log capacity",
        "offline payments", "amount paid offline", "limits", "last load sequence", "last ackCounter", "PIN tries remaining",
        "hash of the last entry", "blocklistSeq"};

    /**
     * The body (no signature) of the acknowledgement the issuer would sign for {@code p}'s wallet
     * as its status reports it now: every record acknowledged (ackCounter the counter, ackHash the
     * hash of the last entry), its limits and blocklistSeq as they are, no blocklist entries. The
     * wallet would take it (it frees the records written since the last acknowledgement); each
     * attack changes one thing in it.
     */
    private byte[] currentBody(Party p) {
        return currentBody(p, inspector.status(p));
    }

    private static byte[] currentBody(Party p, WalletStatus s) {
        Limits limits = s.limits();
        if (limits == null) {
            throw new IllegalStateException(p.name() + "'s wallet has no limits yet: it has not applied its first acknowledgement");
        }
        return new SyncAck(p.walletId(), s.counter(), s.lastHash(), limits, s.blocklistSeq(), List.of(), new byte[0]).body();
    }

    private byte[] signed(byte[] body) {
        return Bytes.concat(body, sign(body));
    }

    private byte[] sign(byte[] body) {
        Issuer i = issuer();
        return i.suite().sign(i.privateKey(), body);
    }

    /** The backend's issuer, derived from the run's seed as the backend the harness started derives it. */
    private Issuer issuer() {
        if (issuer == null) {
            issuer = HarnessIssuer.of(context, "acknowledgements");
        }
        return issuer;
    }

    private void present(Party p, String what, byte[] ack) {
        byte[] before = rawStatus(p, "reading " + p.name() + "'s whole status before the acknowledgement");
        int answer = inspector.statusWordOf(p, "a reader gives " + p.name() + "'s wallet " + what, w -> w.applySyncAck(ack));
        last = new Presented(p.name(), what, ack, before, answer);
    }

    private byte[] rawStatus(Party p, String description) {
        return inspector.operate(p, description, w -> w.send(WalletCommands.getStatus()).check("read the wallet status"));
    }

    private static String describe(SyncAck a) {
        return "ackCounter " + a.ackCounter() + ", limitsSeq " + a.limits().limitsSeq() + ", blocklistSeq " + a.blocklistSeq();
    }
}
