package org.dualoffline.backend.funding;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.dualoffline.backend.http.JsonBodies;
import org.dualoffline.backend.http.PathParams;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.LoadToken;

/** HTTP I/O of {@code POST /v1/wallets/{walletId}/deposits} and {@code .../load-tokens}. */
public final class FundingController {
    private final FundingService funding;
    private final JsonBodies bodies;

    public FundingController(FundingService funding, JsonBodies bodies) {
        this.funding = funding;
        this.bodies = bodies;
    }

    public void deposit(Context ctx) {
        var walletId = PathParams.walletId(ctx);
        AmountRequest req = bodies.read(ctx, AmountRequest.class);
        FundingService.DepositReceipt r = funding.deposit(walletId, req.amount());
        ctx.status(HttpStatus.CREATED).json(new DepositResponse(r.walletId().hex(), r.amount(), r.onlineBalance()));
    }

    public void issueLoadToken(Context ctx) {
        var walletId = PathParams.walletId(ctx);
        AmountRequest req = bodies.read(ctx, AmountRequest.class);
        LoadToken token = funding.issueLoadToken(walletId, req.amount());
        ctx.status(HttpStatus.CREATED).json(new LoadTokenResponse(token.loadSeq(), token.amount(), Hex.of(token.encode())));
    }

    /** Request body of both funding endpoints: an amount in fen. */
    public record AmountRequest(Long amount) {}

    public record DepositResponse(String walletId, long amount, long onlineBalance) {}

    /** The issuer-signed token (hex) to hand to the wallet's LOAD command. */
    public record LoadTokenResponse(long loadSeq, long amount, String token) {}
}
