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

    /** {@code keepTraces} false: the APDUs are not added to the scenario's evidence (campaigns of hundreds of runs). */
    public WalletInspector(ScenarioContext context, boolean keepTraces) {
        this.context = context;
        this.keepTraces = keepTraces;
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

    /** The wallet comes online: it uploads every unacknowledged record and applies the backend's acknowledgement. */
    public SyncReport sync(Party party) {
        ApduTrace trace = new ApduTrace(party.name() + "'s wallet comes online and syncs");
        WalletClient wallet = open(party, trace, "online");
        List<WalletClient.StoredRecord> records = wallet.readRecords();
        trace.note("uploading " + records.size() + " records to the backend");
        ReconciliationClient.SyncResult result = context.backend().sync(party.walletId(), records);
        trace.note("backend accepted " + result.accepted() + ", duplicates " + result.duplicates() + ", pending " + result.pending()
                + "; acknowledged up to record #" + result.ackCounter());
        wallet.applySyncAck(result.ack().encode());
        WalletStatus after = wallet.status();
        if (keepTraces) {
            context.addTrace(trace);
        }
        return new SyncReport(records, result, after);
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
        }
        return new SyncReport(records, result, after);
    }

    private WalletClient open(Party party, ApduTrace trace, String link) {
        WalletClient wallet = new WalletClient(trace.tracing(party.device().secureElement(), party.name() + " SE", link, WalletCommands::nameOf),
                party.device().walletAid());
        wallet.select();
        return wallet;
    }
}
