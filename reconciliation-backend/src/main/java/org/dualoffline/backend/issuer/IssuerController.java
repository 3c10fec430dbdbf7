package org.dualoffline.backend.issuer;

import io.javalin.http.Context;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Issuer;

/** {@code GET /v1/issuer}: the suite and public key a wallet is initialized with. */
public final class IssuerController {
    private final Issuer issuer;

    public IssuerController(Issuer issuer) {
        this.issuer = issuer;
    }

    public void get(Context ctx) {
        ctx.json(new IssuerView(issuer.suite().id(), suiteName(issuer.suite().id()), Hex.of(issuer.publicKey())));
    }

    private static String suiteName(int suite) {
        return suite == 0x01 ? "ECDSA-P256-SHA256" : "suite-" + suite;
    }

    /** Response body of {@code GET /v1/issuer}. */
    public record IssuerView(int suite, String algorithm, String publicKey) {}
}
