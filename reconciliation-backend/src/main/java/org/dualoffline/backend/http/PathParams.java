package org.dualoffline.backend.http;

import io.javalin.http.Context;
import org.dualoffline.backend.BackendException;
import org.dualoffline.protocol.WalletId;

/** Path and query parameters in the shapes of the protocol. */
public final class PathParams {
    private PathParams() {}

    public static WalletId walletId(Context ctx) {
        return parseWalletId("walletId", ctx.pathParam("walletId"));
    }

    public static WalletId walletIdQuery(Context ctx) {
        String raw = ctx.queryParam("walletId");
        if (raw == null || raw.isEmpty()) {
            throw BackendException.invalid("query parameter walletId is required (16 hex digits)");
        }
        return parseWalletId("walletId", raw);
    }

    public static WalletId parseWalletId(String name, String raw) {
        if (!raw.matches("[0-9a-fA-F]{16}")) {
            throw BackendException.invalid(name + " must be 16 hex digits, got \"" + raw + "\"");
        }
        return WalletId.parse(raw);
    }
}
