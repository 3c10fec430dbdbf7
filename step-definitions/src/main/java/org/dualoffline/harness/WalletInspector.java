package org.dualoffline.harness;

import java.util.List;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.ApduTrace;

/**
 * Looks into a party's wallet and brings it online: the holder's own app (phone, POS) or a lab
 * reader (card, wearable) talking to the SE outside of any payment touch. Every APDU is traced.
 */
public final class WalletInspector {
    private final ScenarioContext context;
    private final boolean keepTraces;

    public WalletInspector(ScenarioContext context) {
        this(context, true);
    }

    private WalletInspector(ScenarioContext context, boolean keepTraces) {
        this.context = context;
        this.keepTraces = keepTraces;
    }

    /** An inspector whose APDUs are not added to the scenario's evidence (campaigns of hundreds of runs). */
    public WalletInspector untraced() {
        return new WalletInspector(context, false);
    }

    /** A selected wallet driver on the party's SE, outside any touch and untraced. */
    public WalletClient open(Party party) {
        WalletClient wallet = new WalletClient(party.device().secureElement(), party.device().walletAid());
        wallet.select();
        return wallet;
    }

    public WalletStatus status(Party party) {
        ApduTrace trace = new ApduTrace("reading " + party.name() + "'s wallet");
        WalletClient wallet = open(party, trace, "probe");
        WalletStatus status = wallet.status();
        if (keepTraces) {
            context.addTrace(trace);
        }
        return status;
    }

    /** What happened when a wallet came online. */
    public record SyncReport(List<WalletClient.StoredRecord> uploaded, ReconciliationClient.SyncResult result, WalletStatus after) {}

    /** Most acknowledgements one sync applies to catch up on the blocklist (12 entries each) before it gives up. */
    static final int MAX_BLOCKLIST_ROUNDS = 64;

    /**
     * The wallet comes online: it uploads every unacknowledged record with the blocklist version
     * of its status, applies the backend's acknowledgement, and - while the backend says more
     * blocklist entries wait - asks for the next acknowledgement with nothing to upload.
     */
    public SyncReport sync(Party party) {
        ApduTrace trace = new ApduTrace(party.name() + "'s wallet comes online and syncs");
        WalletClient wallet = open(party, trace, "online");
        WalletStatus before = wallet.status();
        List<WalletClient.StoredRecord> records = wallet.readRecords();
        trace.note("uploading " + records.size() + " records to the backend (wallet's blocklist version " + before.blocklistSeq() + ")");
        ReconciliationClient.SyncResult result = context.backend().sync(party.walletId(), records, before.blocklistSeq());
        trace.note("backend accepted " + result.accepted() + ", duplicates " + result.duplicates() + ", pending " + result.pending()
                + "; acknowledged up to record #" + result.ackCounter() + blocklistNote(result));
        wallet.applySyncAck(result.ack().encode());
        for (int round = 1; !result.blocklistComplete(); round++) {
            if (round > MAX_BLOCKLIST_ROUNDS) {
                throw new IllegalStateException(party.name() + "'s wallet is still behind the blocklist (version " + result.ack().blocklistSeq()
                        + " of " + result.blocklistVersion() + ") after " + MAX_BLOCKLIST_ROUNDS + " acknowledgements");
            }
            result = context.backend().sync(party.walletId(), List.of(), result.ack().blocklistSeq());
            trace.note("more of the blocklist" + blocklistNote(result));
            wallet.applySyncAck(result.ack().encode());
        }
        WalletStatus after = wallet.status();
        context.rememberAck(party.name(), result.ack());
        if (keepTraces) {
            context.addTrace(trace);
            VisualCards.endOfSession(context, party, trace.title());
        }
        return new SyncReport(records, result, after);
    }

    private static String blocklistNote(ReconciliationClient.SyncResult r) {
        return r.ack().blocklisted().isEmpty() ? "" : "; blocklist +" + r.ack().blocklisted().size() + " wallets, now at version "
                + r.ack().blocklistSeq() + " of " + r.blocklistVersion();
    }

    /** A wallet's upload that the backend must refuse (a clone's forked log): the refusal; nothing is applied to the wallet. */
    public ReconciliationClient.Refusal syncRefused(Party party) {
        ApduTrace trace = new ApduTrace(party.name() + "'s wallet comes online and syncs");
        WalletClient wallet = open(party, trace, "online");
        WalletStatus before = wallet.status();
        List<WalletClient.StoredRecord> records = wallet.readRecords();
        trace.note("uploading " + records.size() + " records to the backend");
        ReconciliationClient.Refusal refusal = context.backend().syncRefused(party.walletId(), records, before.blocklistSeq());
        trace.note("backend refused the upload: HTTP " + refusal.status() + " " + refusal.detail());
        if (keepTraces) {
            context.addTrace(trace);
        }
        return refusal;
    }

    /**
     * The wallet comes online over a bad link: its records reach the backend one upload each,
     * newest first; it applies the acknowledgement of the last upload.
     */
    public SyncReport syncNewestFirst(Party party) {
        ApduTrace trace = new ApduTrace(party.name() + "'s wallet uploads its records one by one, newest first");
        WalletClient wallet = open(party, trace, "online");
        List<WalletClient.StoredRecord> records = wallet.readRecords();
        ReconciliationClient.SyncResult result = null;
        for (int i = records.size() - 1; i >= 0; i--) {
            result = context.backend().sync(party.walletId(), List.of(records.get(i)));
            trace.note("uploaded record " + (i + 1) + " of " + records.size() + ": accepted " + result.accepted() + ", pending "
                    + result.pending() + "; acknowledged up to record #" + result.ackCounter());
        }
        if (result != null) {
            wallet.applySyncAck(result.ack().encode());
        }
        WalletStatus after = wallet.status();
        if (keepTraces) {
            context.addTrace(trace);
            VisualCards.endOfSession(context, party, trace.title());
        }
        return new SyncReport(records, result, after);
    }

    /**
     * One operation of the holder on its own wallet outside any touch (a load, an unload), traced
     * as {@code description}; a refusal by the SE comes back as its {@link org.dualoffline.se.SecureElementException}.
     */
    public <T> T operate(Party party, String description, java.util.function.Function<WalletClient, T> operation) {
        ApduTrace trace = new ApduTrace(description);
        try {
            return operation.apply(open(party, trace, "holder"));
        } finally {
            if (keepTraces) {
                context.addTrace(trace);
                VisualCards.endOfSession(context, party, description);
            }
        }
    }

    /**
     * {@link #operate} for an operation the SE may refuse: the status word it answered, 9000 when
     * the operation went through.
     */
    public int statusWordOf(Party party, String description, java.util.function.Consumer<WalletClient> operation) {
        try {
            operate(party, description, w -> {
                operation.accept(w);
                return null;
            });
            return org.dualoffline.protocol.Sw.OK;
        } catch (org.dualoffline.se.SecureElementException e) {
            return e.sw();
        }
    }

    private WalletClient open(Party party, ApduTrace trace, String link) {
        WalletClient wallet = new WalletClient(trace.tracing(party.device().secureElement(), party.name() + " SE", link, WalletCommands::nameOf),
                party.device().walletAid());
        wallet.select();
        return wallet;
    }
}
