package org.dualoffline.harness;

import java.util.HashMap;
import java.util.Map;

/** Wallets coming online in a scenario: what each uploaded at its last sync, and the bank's answer to an upload sent again. */
public final class Syncs {
    /** An upload sent a second time: how many records it carried and what the bank answered. */
    public record RepeatedUpload(int records, ReconciliationClient.SyncResult answer) {}

    private final ScenarioContext context;
    private final WalletInspector inspector;
    private final Map<String, WalletInspector.SyncReport> lastSync = new HashMap<>();
    private RepeatedUpload repeated;

    public Syncs(ScenarioContext context, WalletInspector inspector) {
        this.context = context;
        this.inspector = inspector;
    }

    /** {@code name}'s wallet comes online and syncs. */
    public void sync(String name) {
        lastSync.put(name, inspector.sync(context.party(name)));
    }

    /** {@code name}'s wallet uploads its records one at a time, newest first. */
    public void syncNewestFirst(String name) {
        lastSync.put(name, inspector.syncNewestFirst(context.party(name)));
    }

    /** The records {@code name}'s wallet uploaded at its last sync reach the bank again. */
    public void sendLastUploadAgain(String name) {
        WalletInspector.SyncReport first = lastSync.get(name);
        if (first == null) {
            throw new IllegalStateException(name + "'s wallet has not synced in this scenario");
        }
        repeated = new RepeatedUpload(first.uploaded().size(), context.backend().sync(context.party(name).walletId(), first.uploaded()));
    }

    /** The upload sent again in this scenario. */
    public RepeatedUpload repeatedUpload() {
        if (repeated == null) {
            throw new IllegalStateException("no upload reached the bank a second time in this scenario");
        }
        return repeated;
    }
}
