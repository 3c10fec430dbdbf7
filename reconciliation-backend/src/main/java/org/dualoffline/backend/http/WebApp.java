package org.dualoffline.backend.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.dualoffline.backend.funding.FundingController;
import org.dualoffline.backend.issuer.IssuerController;
import org.dualoffline.backend.payment.PaymentController;
import org.dualoffline.backend.sync.SyncController;
import org.dualoffline.backend.wallet.WalletController;

/** Builds the Javalin app of the {@code /v1} API from its controllers; knows routes, access and error mapping, nothing else. */
public final class WebApp {
    private WebApp() {}

    /** The controllers behind the routes. */
    public record Controllers(HealthController health, IssuerController issuer, OpenApiController openApi,
                              WalletController wallets, FundingController funding, SyncController sync,
                              PaymentController payments, org.dualoffline.backend.blocklist.BlocklistController blocklist,
                              org.dualoffline.backend.audit.AuditController audit) {}

    /** JSON as the API speaks it: no coercion of strings or fractions into numbers, unknown fields ignored. */
    public static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    public static Javalin create(Controllers c, OperatorAuth auth, ObjectMapper mapper, int maxBodyBytes) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = maxBodyBytes;
            // Jetty keeps a per-connection cache of header fields; with case-insensitive matching a
            // keep-alive request got the cached Authorization value of an earlier request whose token
            // differed only in case (the right token let wrong-case ones in, and the other way round).
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
        });
        app.beforeMatched(auth::check);

        app.get("/v1/health", c.health()::get, Access.ANYONE);
        app.get("/v1/issuer", c.issuer()::get, Access.ANYONE);
        app.get("/v1/openapi.json", c.openApi()::get, Access.ANYONE);
        app.post("/v1/wallets", c.wallets()::enrol, Access.OPERATOR);
        app.get("/v1/wallets/{walletId}", c.wallets()::get, Access.OPERATOR);
        app.post("/v1/wallets/{walletId}/deposits", c.funding()::deposit, Access.OPERATOR);
        app.post("/v1/wallets/{walletId}/load-tokens", c.funding()::issueLoadToken, Access.OPERATOR);
        app.post("/v1/wallets/{walletId}/sync", c.sync()::upload, Access.ANYONE);
        app.put("/v1/wallets/{walletId}/limits", c.wallets()::renewLimits, Access.OPERATOR);
        app.get("/v1/wallets/{walletId}/exposure", c.blocklist()::exposure, Access.OPERATOR);
        app.get("/v1/payments", c.payments()::list, Access.OPERATOR);
        app.post("/v1/blocklist", c.blocklist()::add, Access.OPERATOR);
        app.get("/v1/blocklist", c.blocklist()::list, Access.OPERATOR);
        app.get("/v1/audit", c.audit()::get, Access.OPERATOR);

        new ProblemMapper(mapper).register(app);
        return app;
    }
}
