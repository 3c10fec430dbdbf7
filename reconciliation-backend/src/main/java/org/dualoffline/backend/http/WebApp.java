package org.dualoffline.backend.http;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.dualoffline.backend.HttpSettings;
import org.dualoffline.backend.funding.FundingController;
import org.dualoffline.backend.issuer.IssuerController;
import org.dualoffline.backend.payment.PaymentController;
import org.dualoffline.backend.sync.SyncController;
import org.dualoffline.backend.wallet.WalletController;
import org.eclipse.jetty.server.ServerConnector;

/** Builds the Javalin app of the {@code /v1} API from its controllers; knows routes, access and error mapping, nothing else. */
public final class WebApp {
    private WebApp() {}

    /** The controllers behind the routes. */
    public record Controllers(HealthController health, IssuerController issuer, OpenApiController openApi,
                              WalletController wallets, FundingController funding, SyncController sync,
                              PaymentController payments, org.dualoffline.backend.blocklist.BlocklistController blocklist,
                              org.dualoffline.backend.audit.AuditController audit) {}

    /**
     * JSON as the API speaks it: no coercion of strings or fractions into numbers, no key twice in
     * an object, no control character in a string ({@link PlainText}), unknown fields ignored.
     */
    public static ObjectMapper objectMapper() {
        return objectMapper(true);
    }

    /**
     * The same JSON for a body of printable ASCII with no backslash, whose strings cannot hold a
     * control character or half a surrogate pair (the parser refuses a raw one below U+0020, and
     * there is no escape to write one): no string is checked again ({@link JsonBodies}).
     */
    static ObjectMapper objectMapperForPrintableAscii() {
        return objectMapper(false);
    }

    private static ObjectMapper objectMapper(boolean checkEveryString) {
        JsonMapper.Builder builder = JsonMapper.builder();
        if (checkEveryString) {
            builder.addModule(new SimpleModule("plain-text").addDeserializer(String.class, new PlainText()));
        }
        return builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** The routes of the API, each with the controller method behind it and who may call it. */
    public static List<ApiRoute> routes(Controllers c) {
        return List.of(
                ApiRoute.get("/v1/health", c.health()::get, Access.ANYONE),
                ApiRoute.get("/v1/issuer", c.issuer()::get, Access.ANYONE),
                ApiRoute.get("/v1/openapi.json", c.openApi()::get, Access.ANYONE),
                ApiRoute.post("/v1/wallets", c.wallets()::enrol, Access.OPERATOR),
                ApiRoute.get("/v1/wallets/{walletId}", c.wallets()::get, Access.OPERATOR),
                ApiRoute.post("/v1/wallets/{walletId}/deposits", c.funding()::deposit, Access.OPERATOR),
                ApiRoute.post("/v1/wallets/{walletId}/load-tokens", c.funding()::issueLoadToken, Access.OPERATOR),
                ApiRoute.post("/v1/wallets/{walletId}/sync", c.sync()::upload, Access.ANYONE),
                ApiRoute.put("/v1/wallets/{walletId}/limits", c.wallets()::renewLimits, Access.OPERATOR),
                ApiRoute.get("/v1/wallets/{walletId}/exposure", c.blocklist()::exposure, Access.OPERATOR),
                ApiRoute.get("/v1/payments", c.payments()::list, Access.OPERATOR),
                ApiRoute.post("/v1/blocklist", c.blocklist()::add, Access.OPERATOR),
                ApiRoute.get("/v1/blocklist", c.blocklist()::list, Access.OPERATOR),
                ApiRoute.get("/v1/audit", c.audit()::get, Access.OPERATOR));
    }

    /** The app, not started: it listens where {@code http} says once {@code start()} is called. */
    public static Javalin create(Controllers c, OperatorAuth auth, ObjectMapper mapper, HttpSettings http) {
        ProblemErrorHandler errors = new ProblemErrorHandler(mapper);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = http.maxBodyBytes();
            // Jetty keeps a per-connection cache of header fields; with case-insensitive matching a
            // keep-alive request got the cached Authorization value of an earlier request whose token
            // differed only in case (the right token let wrong-case ones in, and the other way round).
            config.jetty.modifyHttpConfiguration(h -> h.setHeaderCacheCaseSensitive(true));
            config.jetty.modifyServer(server -> server.setErrorHandler(errors));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(errors));
            config.jetty.addConnector((server, h) -> {
                ServerConnector connector = new ServerConnector(server, new ProblemHttpConnectionFactory(h));
                connector.setHost(http.host());
                connector.setPort(http.port());
                return connector;
            });
        });
        List<ApiRoute> routes = routes(c);
        app.before(new RouteGuard(routes, app.unsafeConfig().router, auth)::check);
        for (ApiRoute r : routes) {
            app.addHttpHandler(r.method(), r.path(), r.handler(), r.access());
            if (r.method() == HandlerType.GET) {
                app.addHttpHandler(HandlerType.HEAD, r.path(), r.handler(), r.access()); // the GET's status and headers; Jetty drops the body
            }
        }
        new ProblemMapper(mapper).register(app);
        return app;
    }
}
