package org.dualoffline.backend.sync;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.http.JsonBodies;
import org.dualoffline.backend.http.PathParams;
import org.dualoffline.protocol.Hex;

/** HTTP I/O of {@code POST /v1/wallets/{walletId}/sync}. */
public final class SyncController {
    private final SyncService sync;
    private final JsonBodies bodies;

    public SyncController(SyncService sync, JsonBodies bodies) {
        this.sync = sync;
        this.bodies = bodies;
    }

    public void upload(Context ctx) {
        var walletId = PathParams.walletId(ctx);
        SyncRequest req = bodies.read(ctx, SyncRequest.class);
        if (req.records() == null) {
            throw BackendException.invalid("records is required: an array of {entry, signature, peerEntry?, peerSignature?}");
        }
        if (req.records().size() > sync.maxRecords()) {
            throw BackendException.invalid("at most " + sync.maxRecords() + " records per upload, got " + req.records().size());
        }
        List<UploadedRecord> records = new ArrayList<>(req.records().size());
        for (int i = 0; i < req.records().size(); i++) {
            RecordJson r = req.records().get(i);
            if (r == null) {
                throw BackendException.invalid("records[" + i + "] is null");
            }
            records.add(UploadedRecord.parse(i, r.entry(), r.signature(), r.peerEntry(), r.peerSignature()));
        }
        SyncService.SyncResult result = sync.upload(walletId, records, req.blocklistSeq());
        ctx.json(new SyncResponse(result.accepted(), result.duplicates(), result.pending(), result.ack().ackCounter(),
                Hex.of(result.ack().encode()), result.ack().blocklistSeq(), result.blocklistVersion()));
    }

    /**
     * Request body: the wallet's signed entries, each in hex, and the blocklist version from the
     * wallet's status (optional; without it, the version of the last acknowledgement given).
     */
    public record SyncRequest(List<RecordJson> records, Long blocklistSeq) {}

    /** One uploaded record; peerEntry/peerSignature are the payer's signed PAY entry beside a RECEIVE entry. */
    public record RecordJson(String entry, String signature, String peerEntry, String peerSignature) {}

    /**
     * accepted: entries newly accepted by this upload (including pending ones it unblocked);
     * duplicates: uploaded entries the backend already held; pending: the wallet's entries now
     * waiting beyond a gap; ack: hex of the issuer-signed acknowledgement of entries up to ackCounter;
     * blocklistSeq: the blocklist version the acknowledgement brings the wallet to; blocklistVersion:
     * the issuer's current version (when higher, sync again for the rest).
     */
    public record SyncResponse(int accepted, int duplicates, int pending, long ackCounter, String ack, long blocklistSeq,
                               long blocklistVersion) {}
}
