package org.dualoffline.backend.wallet;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.dualoffline.backend.http.JsonBodies;
import org.dualoffline.backend.http.PathParams;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Limits;

/** HTTP I/O of {@code POST /v1/wallets} and {@code GET /v1/wallets/{walletId}}. */
public final class WalletController {
    private final WalletService wallets;
    private final JsonBodies bodies;

    public WalletController(WalletService wallets, JsonBodies bodies) {
        this.wallets = wallets;
        this.bodies = bodies;
    }

    public void enrol(Context ctx) {
        EnrolRequest req = bodies.read(ctx, EnrolRequest.class);
        WalletService.EnrolledWallet enrolled = wallets.enrol(Enrolment.of(req.publicKey(), req.formFactor(), req.holder(), req.limits()));
        String id = enrolled.wallet().id().hex();
        ctx.status(HttpStatus.CREATED)
                .header("Location", "/v1/wallets/" + id)
                .json(new EnrolResponse(id, Hex.of(enrolled.certificate().encode()), Hex.of(enrolled.initialAck().encode())));
    }

    public void get(Context ctx) {
        WalletService.WalletSummary s = wallets.summary(PathParams.walletId(ctx));
        Wallet w = s.wallet();
        ctx.json(new WalletView(w.id().hex(), w.holder(), w.formFactor().name(), w.status().name(), w.onlineBalance(),
                s.offlineBalance(), w.loadedTotal(), s.totals().unredeemedLoads(), s.totals().settledIncoming(),
                s.totals().settledOutgoing(), s.totals().unloaded(), w.lastCounter(), Hex.of(w.lastHash()), s.totals().pendingRecords(),
                s.totals().conflicts(), w.loadSeq(), LimitsView.of(w.limits()), Hex.of(w.certificate().encode())));
    }

    /** {@code PUT /v1/wallets/{walletId}/limits}: new limits for the wallet's next acknowledgement. */
    public void renewLimits(Context ctx) {
        LimitsInput req = bodies.read(ctx, LimitsInput.class);
        ctx.json(LimitsView.of(wallets.renewLimits(PathParams.walletId(ctx), req)));
    }

    /** Request body of {@code POST /v1/wallets}. */
    public record EnrolRequest(String publicKey, String formFactor, String holder, LimitsInput limits) {}

    /** Response body of {@code POST /v1/wallets}: hex of the certificate and of the first sync acknowledgement. */
    public record EnrolResponse(String walletId, String certificate, String initialAck) {}

    /** Response body of {@code GET /v1/wallets/{walletId}}; amounts in fen. */
    public record WalletView(String walletId, String holder, String formFactor, String status, long onlineBalance,
                             long offlineBalance, long loaded, long unredeemedLoads, long settledIncoming,
                             long settledOutgoing, long unloaded, long lastCounter, String lastHash, int pendingRecords, int conflicts,
                             long loadSeq, LimitsView limits, String certificate) {}

    /** Limits as JSON, amounts in fen. */
    public record LimitsView(long limitsSeq, long maxSingle, long maxCumulative, int maxCount, long holdingCap,
                             long pinFreeThreshold, String receivePolicy) {
        public static LimitsView of(Limits l) {
            return new LimitsView(l.limitsSeq(), l.maxSingle(), l.maxCumulative(), l.maxCount(), l.holdingCap(),
                    l.pinFreeThreshold(), l.receivePolicy().name());
        }
    }
}
