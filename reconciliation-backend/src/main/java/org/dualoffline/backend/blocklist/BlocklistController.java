package org.dualoffline.backend.blocklist;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.http.JsonBodies;
import org.dualoffline.backend.http.PathParams;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.WalletId;

/** HTTP I/O of {@code /v1/blocklist} and {@code GET /v1/wallets/{walletId}/exposure}. */
public final class BlocklistController {
    private final BlocklistService blocklist;
    private final JsonBodies bodies;

    public BlocklistController(BlocklistService blocklist, JsonBodies bodies) {
        this.blocklist = blocklist;
        this.bodies = bodies;
    }

    public void add(Context ctx) {
        AddRequest req = bodies.read(ctx, AddRequest.class);
        if (req.walletId() == null) {
            throw BackendException.invalid("walletId is required (16 hex digits)");
        }
        WalletId wallet = PathParams.parseWalletId("walletId", req.walletId());
        BlocklistService.Added added = blocklist.add(wallet, req.detail());
        ctx.status(added.added() ? HttpStatus.CREATED : HttpStatus.OK).json(EntryView.of(added.entry()));
    }

    public void list(Context ctx) {
        String raw = ctx.queryParam("after");
        long after;
        try {
            after = raw == null || raw.isEmpty() ? 0 : Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw BackendException.invalid("query parameter after must be a whole number, got \"" + raw + "\"");
        }
        BlocklistService.Page page = blocklist.list(after);
        ctx.json(new PageView(page.version(), page.entries().stream().map(EntryView::of).toList()));
    }

    public void exposure(Context ctx) {
        BlocklistService.Exposure e = blocklist.exposure(PathParams.walletId(ctx));
        ctx.json(new ExposureView(e.wallet().id().hex(), e.wallet().status().name(), e.blocklisted().map(EntryView::of).orElse(null),
                e.claims().stream().map(ClaimView::of).toList(), e.covered(), e.boundPerClone()));
    }

    /** Request body of {@code POST /v1/blocklist}. */
    public record AddRequest(String walletId, String detail) {}

    public record EntryView(long seq, String walletId, String reason, String detail, String blockedAt) {
        static EntryView of(BlocklistRepository.Entry e) {
            return new EntryView(e.seq(), e.walletId().hex(), e.reason().name(), e.detail(), e.blockedAt());
        }
    }

    /** version: the blocklist's current version; entries: those above {@code after}, oldest first. */
    public record PageView(long version, List<EntryView> entries) {}

    public record ClaimView(long payerCounter, String payEntryHash, String payeeId, long payeeCounter, long amount) {
        static ClaimView of(BlocklistRepository.Claim k) {
            return new ClaimView(k.payerCounter(), Hex.of(k.payEntryHash()), k.payee().hex(), k.payeeCounter(), k.amount());
        }
    }

    /** covered: what the issuer has covered for honest payees of this wallet's double spends; amounts in fen. */
    public record ExposureView(String walletId, String status, EntryView blocklisted, List<ClaimView> claims, long covered,
                               long boundPerClone) {}
}
